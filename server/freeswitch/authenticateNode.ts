import { createHash } from "node:crypto";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { verifyPassword } from "@/server/security/password";
import type { AnswerCache } from "./answerCache";
import { loadNodeByXmlCurlUser, type XmlCurlNode } from "./loadNode";
import type { DbTx } from "@/server/db/client";

export type NodeAuthResult = { ok: true; node: XmlCurlNode } | { ok: false; status: 401 | 403; reason: string };

const MAX_REMEMBERED = 1_000;
const REJECTION_MEMORY_MS = 10_000;

/**
 * HTTP Basic as each node's xml_curl binding sends it. argon2id is far too slow for
 * every request, so a verified header is remembered (by its sha256, never in clear)
 * for the process lifetime, tied to the secret hash it was verified against: a rotated
 * secret forces a new verification. Recent rejections are remembered briefly, so a
 * misconfigured node retrying does not burn an argon2 run per request.
 */
export class NodeAuthenticator {
  private readonly verified = new Map<string, { user: string; secretHash: string }>();
  private readonly rejected = new Map<string, number>();
  private readonly sourceLists = new Map<string, BlockList>();

  constructor(
    private readonly db: DbTx,
    private readonly cache: AnswerCache,
  ) {}

  async authenticate(authorization: string | undefined, remoteAddress: string | undefined): Promise<NodeAuthResult> {
    if (!authorization?.startsWith("Basic ")) return { ok: false, status: 401, reason: "no Basic credentials" };
    const fingerprint = createHash("sha256").update(authorization).digest("hex");
    const rejectedAt = this.rejected.get(fingerprint);
    if (rejectedAt !== undefined && Date.now() - rejectedAt < REJECTION_MEMORY_MS)
      return { ok: false, status: 401, reason: "bad credentials (recently rejected)" };

    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return this.reject(fingerprint, "malformed Basic credentials");
    const user = decoded.slice(0, colon);
    const node = await this.cache.get(`node|${user}`, "platform", () => loadNodeByXmlCurlUser(this.db, user));
    if (!node) return this.reject(fingerprint, `unknown xml_curl user`);

    const known = this.verified.get(fingerprint);
    if (!known || known.user !== user || known.secretHash !== node.xmlCurlSecretHash) {
      if (!(await verifyPassword(node.xmlCurlSecretHash, decoded.slice(colon + 1))))
        return this.reject(fingerprint, "wrong secret");
      this.remember(this.verified, fingerprint, { user, secretHash: node.xmlCurlSecretHash });
      this.rejected.delete(fingerprint);
    }
    if (!this.sourceAllowed(node, remoteAddress))
      return { ok: false, status: 403, reason: `source ${remoteAddress} not allowed` };
    return { ok: true, node };
  }

  private reject(fingerprint: string, reason: string): NodeAuthResult {
    this.remember(this.rejected, fingerprint, Date.now());
    return { ok: false, status: 401, reason };
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_REMEMBERED && !map.has(key)) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
  }

  private sourceAllowed(node: XmlCurlNode, remoteAddress: string | undefined): boolean {
    if (node.allowedSources.length === 0) return true;
    if (!remoteAddress) return false;
    const address =
      remoteAddress.startsWith("::ffff:") && isIPv4(remoteAddress.slice(7)) ? remoteAddress.slice(7) : remoteAddress;
    const listKey = node.allowedSources.join(",");
    let list = this.sourceLists.get(listKey);
    if (!list) {
      list = buildSourceList(node.allowedSources);
      this.remember(this.sourceLists, listKey, list);
    }
    return list.check(address, isIPv6(address) ? "ipv6" : "ipv4");
  }
}

/** CIDRs or bare addresses; malformed entries allow nothing (the form validates them). */
function buildSourceList(sources: string[]): BlockList {
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
