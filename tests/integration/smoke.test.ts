import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database";

describe("test database", () => {
  it("is migrated and empty", async () => {
    const t = await createTestDatabase();
    try {
      expect(await t.db.domain.count()).toBe(0);
    } finally {
      await t.drop();
    }
  });
});
