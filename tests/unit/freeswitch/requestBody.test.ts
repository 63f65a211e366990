import { describe, expect, it } from "vitest";
import { classifyRequest, decodeFormValue, parseRequestBody } from "@/server/freeswitch/requestBody";
import { readSharedFixture, sharedFixtureNames } from "./sharedFixtures";

describe("parseRequestBody", () => {
  it("keeps raw commas and decodes %-escapes", () => {
    const f = parseRequestBody("Event-Date-GMT=Sun,%2022%20Nov%202026&FreeSWITCH-IPv6=fd00%3A%3A2");
    expect(f.get("Event-Date-GMT")).toBe("Sun, 22 Nov 2026");
    expect(f.get("FreeSWITCH-IPv6")).toBe("fd00::2");
  });

  it("keeps newlines inside values", () => {
    const f = parseRequestBody("a=line1\nline2&b=2");
    expect(f.get("a")).toBe("line1\nline2");
    expect(f.get("b")).toBe("2");
  });

  it("lets the first occurrence of a repeated key win", () => {
    expect(parseRequestBody("section=directory&x=1&section=dialplan").get("section")).toBe("directory");
  });

  it("keeps malformed escapes literally and still decodes the good ones", () => {
    expect(decodeFormValue("100%zz%20ok%")).toBe("100%zz ok%");
    expect(decodeFormValue("caf%C3%A9%2")).toBe("café%2");
  });

  it("keeps a raw + (FreeSWITCH encodes spaces as %20)", () => {
    expect(parseRequestBody("n=+4930123").get("n")).toBe("+4930123");
  });

  it("handles empty values, keys without = and stray &", () => {
    expect(parseRequestBody("tag_name=&&flag&k=v").toObject()).toEqual({ tag_name: "", flag: "", k: "v" });
  });

  it("treats prototype-ish keys as plain fields", () => {
    const f = parseRequestBody("__proto__=x&constructor=y");
    expect(f.get("__proto__")).toBe("x");
    expect(f.get("constructor")).toBe("y");
    expect(f.get("toString")).toBeUndefined();
  });

  it("decodes %-encoded keys", () => {
    expect(parseRequestBody("Menu%2DName=5000%40t.example").get("Menu-Name")).toBe("5000@t.example");
  });
});

describe("classifyRequest on every captured FreeSWITCH body", () => {
  const expected: Record<string, string> = {
    "configuration-acl.conf.body": "configuration:acl.conf",
    "configuration-conference.conf.body": "configuration:conference.conf",
    "configuration-console.conf.body": "configuration:console.conf",
    "configuration-event_socket.conf.body": "configuration:event_socket.conf",
    "configuration-post_load_switch.conf.body": "configuration:post_load_switch.conf",
    "configuration-sofia.conf-profile-internal.body": "configuration:sofia.conf",
    "configuration-sofia.conf-rescan.body": "configuration:sofia.conf",
    "configuration-sofia.conf.body": "configuration:sofia.conf",
    "configuration-timezones.conf.body": "configuration:timezones.conf",
    "configuration-voicemail.conf.body": "configuration:voicemail.conf",
    "dialplan-loopback.body": "dialplan",
    "dialplan-sip-invite.body": "dialplan",
    "directory-gateways-profile-rescan.body": "gateways",
    "directory-gateways-profile-start.body": "gateways",
    "directory-message-count.body": "message-count",
    "directory-network-list.body": "network-list",
    "directory-sip_auth-invite.body": "sip-auth",
    "directory-sip_auth-register.body": "sip-auth",
    "directory-user_data-1.body": "user-lookup",
    "directory-user_data-2.body": "user-lookup",
    "directory-user_exists.body": "user-lookup",
    "directory-xml_locate.body": "domain-lookup",
  };

  it("covers every fixture", () => {
    expect(sharedFixtureNames()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, kind] of Object.entries(expected)) {
    it(`${name} → ${kind}`, () => {
      const r = classifyRequest(parseRequestBody(readSharedFixture(name)));
      expect(r.hostname).toBe("fs-node-01");
      expect(r.kind === "configuration" ? `configuration:${r.name}` : r.kind).toBe(kind);
    });
  }

  it("reads the identity fields FreeSWITCH sends", () => {
    const auth = classifyRequest(parseRequestBody(readSharedFixture("directory-sip_auth-register.body")));
    expect(auth).toMatchObject({
      kind: "sip-auth",
      domain: "tenant1.example",
      user: "1001",
      method: "REGISTER",
      sourceIp: "127.0.0.1",
    });
    const invite = classifyRequest(parseRequestBody(readSharedFixture("dialplan-sip-invite.body")));
    expect(invite).toMatchObject({
      kind: "dialplan",
      context: "tenant1.example",
      destination: "1002",
      authenticatedUser: "1001",
    });
    // A loopback leg carries no digest identity: it must not be treated as the extension.
    const loopback = classifyRequest(parseRequestBody(readSharedFixture("dialplan-loopback.body")));
    expect(loopback).toMatchObject({ kind: "dialplan", context: "tenant1.example", destination: "1002" });
    expect(loopback.kind === "dialplan" && loopback.authenticatedUser).toBeFalsy();
    expect(classifyRequest(parseRequestBody(readSharedFixture("directory-xml_locate.body")))).toMatchObject({
      domain: "tenant1.example",
    });
  });
});

describe("classifyRequest rejects what we do not answer", () => {
  const base = "hostname=fs-node-01&";
  it.each([
    ["an unknown section", `${base}section=languages&key_value=en`],
    ["no section", `${base}key_value=x`],
    [
      "a directory request with an unknown action",
      `${base}section=directory&action=reverse-auth-lookup&user=1001&domain=a.example`,
    ],
    ["a user with regex characters", `${base}section=directory&action=sip_auth&user=10(1)*&domain=a.example`],
    ["a domain that is not a host name", `${base}section=directory&action=sip_auth&user=1001&domain=a.example/../x`],
    ["a dialplan request without destination", `${base}section=dialplan&Caller-Context=a.example`],
    [
      "a destination with dial-string syntax",
      `${base}section=dialplan&Caller-Context=a.example&Caller-Destination-Number=1001,user/2`,
    ],
    ["no hostname", "section=configuration&key_value=sofia.conf"],
  ])("%s", (_label, body) => {
    expect(classifyRequest(parseRequestBody(body)).kind).toBe("unsupported");
  });

  it("only trusts the digest user inside its own domain", () => {
    const r = classifyRequest(
      parseRequestBody(
        `${base}section=dialplan&Caller-Context=a.example&Caller-Destination-Number=1002&variable_user_name=1001&variable_domain_name=b.example`,
      ),
    );
    expect(r.kind === "dialplan" && r.authenticatedUser).toBeFalsy();
  });
});
