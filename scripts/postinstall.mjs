// Prisma's client is generated into server/db/generated, not by @prisma/client's own install script
// (denied in package.json's allowScripts with those of the engines we do not use: no binary CDN here).
import { execFileSync } from "node:child_process";

execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  // generate only reads the URL's shape; it never connects.
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
