import { describe, expect, it } from "vitest";
import {
  ForbiddenTargetError,
  isForbiddenAddress,
  resolveTarget,
  targetUrlProblem,
  type Resolver,
} from "@/server/webhooks/targetGuard";

// DNS-free: names resolve through a fixed table, so what is checked is the guard, not the network.
const table: Record<string, string[]> = {
  "hooks.example.com": ["93.184.215.14"],
  "rebind.example.com": ["93.184.215.14", "127.0.0.1"],
  "metadata.example.com": ["169.254.169.254"],
  "v6.example.com": ["2606:4700::1111"],
  "private6.example.com": ["fd00::1"],
};
const resolve: Resolver = async (host) =>
  (table[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("webhook SSRF guard", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it("checks URLs at registration without DNS: https only, no private literals, no localhost", () => {
    expect(targetUrlProblem("https://hooks.example.com/x", false)).toBeNull();
    expect(targetUrlProblem("http://hooks.example.com/x", false)).toMatch(/https/);
    expect(targetUrlProblem("https://127.0.0.1/x", false)).toMatch(/not allowed/);
    expect(targetUrlProblem("https://[::1]:8443/x", false)).toMatch(/not allowed/);
    expect(targetUrlProblem("https://localhost/x", false)).toMatch(/Loopback/);
    expect(targetUrlProblem("https://user:pw@hooks.example.com/", false)).toMatch(/Credentials/);
    expect(targetUrlProblem("ftp://hooks.example.com/", false)).toMatch(/https/);
    // The platform's switch (local receivers, tests).
    expect(targetUrlProblem("http://127.0.0.1:9999/x", true)).toBeNull();
  });

  it("refuses at delivery time a name that resolves to any private address (DNS rebinding)", async () => {
    await expect(
      resolveTarget(new URL("https://hooks.example.com/"), { allowPrivate: false, resolve }),
    ).resolves.toEqual({
      address: "93.184.215.14",
      family: 4,
    });
    await expect(
      resolveTarget(new URL("https://rebind.example.com/"), { allowPrivate: false, resolve }),
    ).rejects.toThrow(/127\.0\.0\.1/);
    await expect(
      resolveTarget(new URL("https://metadata.example.com/"), { allowPrivate: false, resolve }),
    ).rejects.toThrow(ForbiddenTargetError);
    await expect(
      resolveTarget(new URL("https://private6.example.com/"), { allowPrivate: false, resolve }),
    ).rejects.toThrow(/fd00::1/);
    await expect(
      resolveTarget(new URL("https://v6.example.com/"), { allowPrivate: false, resolve }),
    ).resolves.toMatchObject({
      family: 6,
    });
    await expect(
      resolveTarget(new URL("https://nowhere.example.com/"), { allowPrivate: false, resolve }),
    ).rejects.toThrow(/does not resolve/);
  });

  it("lets private targets through only with the switch", async () => {
    await expect(resolveTarget(new URL("http://127.0.0.1:8080/"), { allowPrivate: false, resolve })).rejects.toThrow(
      ForbiddenTargetError,
    );
    await expect(resolveTarget(new URL("http://127.0.0.1:8080/"), { allowPrivate: true, resolve })).resolves.toEqual({
      address: "127.0.0.1",
      family: 4,
    });
    await expect(
      resolveTarget(new URL("https://rebind.example.com/"), { allowPrivate: true, resolve }),
    ).resolves.toBeDefined();
  });
});
