import { BlockList, isIPv4, isIPv6 } from "node:net";

/** CIDRs or bare addresses as one BlockList; malformed entries match nothing (forms validate them). */
export function cidrList(sources: readonly string[]): BlockList {
  const list = new BlockList();
  for (const source of sources) {
    const [address = "", prefixText] = source.trim().split("/");
    const type = isIPv6(address) ? "ipv6" : isIPv4(address) ? "ipv4" : null;
    if (!type) continue;
    const prefix = prefixText === undefined ? (type === "ipv4" ? 32 : 128) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === "ipv4" ? 32 : 128)) continue;
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/** An IPv4-mapped IPv6 address (what a dual-stack socket reports) as plain IPv4. */
export function plainAddress(address: string): string {
  return address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** Whether `address` is in `list`; anything that is not an IP address is not. */
export function listHas(list: BlockList, address: string): boolean {
  const plain = plainAddress(address);
  if (isIPv4(plain)) return list.check(plain, "ipv4");
  if (isIPv6(plain)) return list.check(plain, "ipv6");
  return false;
}
