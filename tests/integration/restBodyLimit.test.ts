import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler } from "@/server/api/rest/handler";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
let platform: PlatformContext;

beforeAll(async () => {
  t = await createTestDatabase();
  platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
});

afterAll(async () => {
  await t?.drop();
});

describe("REST request bodies are bounded while reading", () => {
  it("refuses an endless body instead of buffering it", async () => {
    const { token } = await createPlatformApiToken(platform, { name: "review-body" });
    const api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 100, burst: 100 } });
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://switchboard.test/api/v1/domains", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await Promise.race([
      api(request),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(response?.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });
});
