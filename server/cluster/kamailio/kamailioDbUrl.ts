/**
 * The `DBURL` Kamailio's db_postgres connects with: Switchboard's database, as the
 * read-only role. `host`/`port` override the admin URL's where Kamailio reaches the
 * database by another address. The password is URL-encoded.
 */
export function kamailioDbUrl(opts: {
  adminUrl: string;
  role: string;
  password: string;
  host?: string;
  port?: number;
}): string {
  const admin = new URL(opts.adminUrl);
  const database = decodeURIComponent(admin.pathname.replace(/^\//, "")) || "postgres";
  const host = opts.host ?? admin.hostname;
  const port = opts.port ?? (admin.port ? Number(admin.port) : 5432);
  const auth = `${encodeURIComponent(opts.role)}:${encodeURIComponent(opts.password)}`;
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(database)}`;
}

/** The line to put into kamailio.cfg (or pass as `-A 'DBURL="..."'`). */
export function dbUrlDefine(url: string): string {
  return `#!define DBURL "${url}"`;
}
