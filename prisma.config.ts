import { defineConfig } from "prisma/config";
import { MigrationAdapter } from "./prisma/migrationAdapter";

// Prisma's JavaScript schema engine over the pg driver adapter: these machines cannot
// fetch Prisma's native engines (see README, "Prisma without its binary CDN").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => new MigrationAdapter({ connectionString: process.env.DATABASE_URL! }),
});
