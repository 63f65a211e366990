import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/server/db/unavailable";

describe("database outage classification", () => {
  it("recognises unreachable, reset, shut-down and exhausted databases through wrapping errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Can't reach database server"), { code: "P1001" }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } } }),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: "08006" })).toBe(true);
  });

  it("leaves query faults alone", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("undefined is not a function"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
