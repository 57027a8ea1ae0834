import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryCouncil1796555016266 implements MigrationInterface {
  name = 'DirectoryCouncil1796555016266';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"person\" ADD \"council\" text");
    // A person who holds their role for a council is in that council's directory. Home staff and police officers
    // stay with no council until one takes them on (UPDATE person SET council = ...): until then no administrator
    // sees them, and alerts still reach them.
    await q.query("UPDATE \"person\" SET \"council\" = \"scope_id\" WHERE \"scope_kind\" = 'council'");
    await q.query("CREATE INDEX \"person_council\" ON \"person\"  (\"council\") ");
  }

  async down(): Promise<void> {
    throw new Error('DirectoryCouncil: restore from backup; schema changes are forward-only');
  }
}
