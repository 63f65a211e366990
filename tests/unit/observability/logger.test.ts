import { describe, expect, it } from "vitest";
import { createLogger } from "@/server/observability/logger";
import { withRequestId } from "@/server/observability/requestContext";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe("logger", () => {
  it("writes JSON lines with a level name, a time and the component", () => {
    const { logger, lines } = capture();
    logger.child({ component: "xmlcurl" }).warn("node fs-node-01 sent another hostname");
    expect(lines[0]).toMatchObject({
      level: "warn",
      component: "xmlcurl",
      msg: "node fs-node-01 sent another hostname",
    });
    expect(new Date(lines[0]!.time as string).getTime()).toBeGreaterThan(0);
  });

  it("never writes authorization headers, cookies, passwords, secrets or tokens", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        headers: { authorization: "Basic ZnMwMTpzZWNyZXQ=", cookie: "next-auth.session-token=abc", host: "x" },
        password: "pw1001",
        user: { email: "a@b.example", password: "hunter2", token: "sb_live_1" },
        secret: "node-secret-01",
      },
      "request",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["ZnMwMTpzZWNyZXQ=", "session-token=abc", "pw1001", "hunter2", "sb_live_1", "node-secret-01"])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ headers: { host: "x" }, user: { email: "a@b.example" } });
  });

  it("tags lines written inside a request with its id, and only those", async () => {
    const { logger, lines } = capture();
    await withRequestId("req-42", async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info({ extra: 1 }, "inside");
    });
    logger.info({ extra: 2 }, "outside");
    logger.info("outside again");
    expect(lines[0]).toMatchObject({ requestId: "req-42", extra: 1 });
    expect(lines[1]).not.toHaveProperty("requestId");
    // Fields of one line never carry over into the next.
    expect(lines[2]).not.toHaveProperty("extra");
  });
});
