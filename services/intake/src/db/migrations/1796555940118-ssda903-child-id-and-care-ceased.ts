import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (only this change): the council's child identifier stored as the DfE reads CHILD (trimmed, upper
 * case) and unique per placing council whatever its case; and the reason a child ceased to be looked after, on the
 * placement that ended (SSDA903 REC).
 */
export class Ssda903ChildIdAndCareCeased1796555940118 implements MigrationInterface {
  name = 'Ssda903ChildIdAndCareCeased1796555940118';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "child" SET "la_child_id" = NULLIF(upper(btrim("la_child_id")), '')
                    WHERE "la_child_id" IS DISTINCT FROM NULLIF(upper(btrim("la_child_id")), '')`);
    // Two children holding one identifier (say ab12 and AB12) must be corrected by a person: name them by id only.
    await q.query(`DO $$ DECLARE clash text; BEGIN
      SELECT string_agg(ids, '; ') INTO clash FROM (
        SELECT string_agg("id"::text, ', ' ORDER BY "id") AS ids FROM "child" WHERE "la_child_id" IS NOT NULL
         GROUP BY "placing_council", "la_child_id" HAVING count(*) > 1) shared;
      IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'children sharing a local authority child identifier, correct them first: %', clash;
      END IF;
    END $$`);
    await q.query(`CREATE UNIQUE INDEX "child_la_child_id_any_case" ON "child" ("placing_council", upper(btrim("la_child_id")))
                    WHERE "la_child_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "placement" ADD "ceased_reason" text`);
  }

  async down(): Promise<void> {
    throw new Error('Ssda903ChildIdAndCareCeased: restore from backup; schema changes are forward-only');
  }
}
