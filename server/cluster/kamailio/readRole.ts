import pg from "pg";

const RoleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (if missing) the login role Kamailio connects with, able to read the
 * kamailio.* tables of one database and nothing else. Roles are cluster-wide, so this
 * runs from set-up (scripts, tests), not from a migration. Needs a superuser or
 * CREATEROLE connection to that database.
 */
export async function ensureKamailioReadRole(adminUrl: string, role: string, password: string | null): Promise<void> {
  if (!RoleName.test(role)) throw new Error("invalid role name");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Two set-ups at once would race on CREATE ROLE.
    await client.query("SELECT pg_advisory_lock(hashtext('switchboard:kamailio-role'))");
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (!exists.rowCount) await client.query(`CREATE ROLE ${role} LOGIN`);
    if (password !== null) {
      await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(password)}`);
    }
    // Kamailio names tables without a schema: point its search_path at ours.
    await client.query(`ALTER ROLE ${role} SET search_path = kamailio`);
    const db = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA kamailio TO ${role}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA kamailio TO ${role}`);
    await client.query("SELECT pg_advisory_unlock(hashtext('switchboard:kamailio-role'))");
  } finally {
    await client.end();
  }
}
