import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // Services import "server-only" to keep them out of the browser bundle; tests run them on Node.
  "server-only": fileURLToPath(new URL("server/runtime/serverOnlyOutsideNext.ts", import.meta.url)),
};
// Tests never need a real key; a fixed one keeps sealed fixtures stable.
const env = {
  SWITCHBOARD_SECRET_KEY: "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
  NEXTAUTH_SECRET: "test-secret-test-secret",
};

export default defineConfig({
  resolve: { alias },
  test: {
    env,
    projects: [
      { resolve: { alias }, test: { name: "unit", env, include: ["tests/unit/**/*.test.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          env,
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/globalSetup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "cluster",
          env,
          include: ["tests/cluster/**/*.test.ts"],
          globalSetup: ["tests/support/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          env,
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2eSetup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
