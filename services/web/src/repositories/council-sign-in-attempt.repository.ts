import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttemptChecks } from '../oidc/council-provider.js';

/** Council sign-ins under way, by the SHA-256 of the handle in the browser's cookie. */
@Injectable()
export class CouncilSignInAttemptRepository {
  /** Records a new attempt; attempts past their time are deleted on the way (nothing else needs them). */
  async save(em: EntityManager, idHash: string, checks: AttemptChecks, expiresAt: Date, now: Date): Promise<void> {
    await em.query('DELETE FROM council_sign_in_attempt WHERE expires_at <= $1', [now]);
    await em.query('INSERT INTO council_sign_in_attempt (id_hash, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [idHash, checks.state, checks.nonce, checks.codeVerifier, expiresAt]);
  }

  /** Takes an attempt that has not expired: deleted in the same statement, so a second callback finds nothing. */
  async take(em: EntityManager, idHash: string, now: Date): Promise<AttemptChecks | undefined> {
    const [rows] = await em.query(
      `DELETE FROM council_sign_in_attempt WHERE id_hash = $1
       RETURNING state, nonce, code_verifier AS "codeVerifier", expires_at > $2 AS live`,
      [idHash, now],
    ) as [(AttemptChecks & { live: boolean })[], number];
    const row = rows[0];
    return row?.live ? { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier } : undefined;
  }
}
