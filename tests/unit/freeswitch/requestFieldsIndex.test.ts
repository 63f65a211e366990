import { describe, expect, it } from "vitest";
import { parseRequestBody } from "@/server/freeswitch/requestBody";

// RequestFields finds fields by position instead of a Map of every key: the lookups
// must still see exactly the fields a full split on `&` and `=` would.
describe("RequestFields lookups", () => {
  it("lets an earlier %-encoded key win over a later literal one, and the reverse", () => {
    expect(parseRequestBody("Menu%2DName=a&Menu-Name=b").get("Menu-Name")).toBe("a");
    expect(parseRequestBody("Menu-Name=a&Menu%2DName=b").get("Menu-Name")).toBe("a");
  });

  it("does not take a key's text inside another field's value or a longer key", () => {
    const f = parseRequestBody("x=user=evil&username=u2&user=u1");
    expect(f.get("user")).toBe("u1");
    expect(f.get("username")).toBe("u2");
  });

  it("does not take the = of a later field for a key without one", () => {
    const f = parseRequestBody("flag&user=1&%&empty=");
    expect(f.get("flag")).toBe("");
    expect(f.get("user")).toBe("1");
    expect(f.get("%")).toBe("");
    expect(f.get("empty")).toBe("");
    expect(f.get("=")).toBeUndefined();
  });

  it("skips fields with an empty key and lists keys in first-seen order", () => {
    expect(parseRequestBody("=x&b=%20&a=1&b=2&").toObject()).toEqual({ b: " ", a: "1" });
    expect(Object.keys(parseRequestBody("b=1&a=2&b=3").toObject())).toEqual(["b", "a"]);
  });

  it("reads every field of a long body with percent signs only in values", () => {
    const body = Array.from({ length: 500 }, (_, i) => `k${i}=v%20${i}`).join("&");
    const f = parseRequestBody(body);
    expect(f.get("k0")).toBe("v 0");
    expect(f.get("k499")).toBe("v 499");
    expect(f.get("k500")).toBeUndefined();
  });
});
