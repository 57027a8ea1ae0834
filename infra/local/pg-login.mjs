// Can the local stack sign in to PostgreSQL at POSTGRES_URL (with PGPASSWORD when the URL has none)?
// Exit 0: yes. Exit 2: the server refused the password or has no rule for it (fixable, see up.sh). Exit 1: other.
import pg from 'pg';

const client = new pg.Client({ connectionString: `${process.env.POSTGRES_URL}/postgres`, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.query('select 1');
  await client.end();
} catch (error) {
  // 28P01 invalid_password, 28000 invalid_authorization_specification (no pg_hba.conf entry). Codes only: no secrets.
  const code = /** @type {{ code?: string }} */ (error).code;
  console.error(`local: PostgreSQL refused the sign-in (${code ?? /** @type {Error} */ (error).message})`);
  process.exit(code === '28P01' || code === '28000' ? 2 : 1);
}
