import { createHash } from "node:crypto";
import type { BlockList } from "node:net";
import { cidrList, listHas } from "@/server/http/cidrList";
import { verifyPassword } from "@/server/security/password";
import type { AnswerCache } from "./answerCache";
import { loadNodeByXmlCurlUser, type XmlCurlNode } from "./loadNode";
import type { DbTx } from "@/server/db/client";

export type NodeAuthResult = { ok: true; node: XmlCurlNode } | { ok: false; status: 401 | 403; reason: string };
type Rejection = Extract<NodeAuthResult, { ok: false }>;
type PasswordCheck = (hash: string, password: string) => Promise<boolean>;

const MAX_REMEMBERED = 1_000;
const REJECTION_MEMORY_MS = 10_000;

/** A Basic header of a sane xml_curl user and secret is far shorter; longer ones are remembered by digest. */
const MAX_RAW_KEY_LENGTH = 256;

/**
 * What a header is remembered by: the header itself, which costs no hashing on the hot
 * path and is no more exposed in memory than the header Node already holds; an
 * oversized one by its sha256, so 1,000 remembered headers stay small.
 */
function headerKey(authorization: string): string {
  return authorization.length <= MAX_RAW_KEY_LENGTH
    ? authorization
    : `sha256:${createHash("sha256").update(authorization).digest("hex")}`;
}

/**
 * HTTP Basic as each node's xml_curl binding sends it. argon2id is far too slow for
 * every request, so a verified header is remembered for the process lifetime, tied to
 * the secret hash it was verified against: a rotated secret forces a new verification.
 * Recent rejections are remembered briefly, so a misconfigured node retrying does not
 * burn an argon2 run per request. A remembered header whose node is cached is answered
 * synchronously: that is every request of a running node. Concurrent requests with the same
 * unverified header (a node that restarted, opening many connections at once) share one
 * verification.
 */
export class NodeAuthenticator {
  private readonly verified = new Map<string, { user: string; secretHash: string }>();
  private readonly rejected = new Map<string, number>();
  private readonly sourceLists = new Map<string, { list: BlockList; verdicts: Map<string, boolean> }>();
  private readonly verifying = new Map<string, Promise<XmlCurlNode | Rejection>>();

  constructor(
    private readonly db: DbTx,
    private readonly cache: AnswerCache,
    private readonly checkPassword: PasswordCheck = verifyPassword,
  ) {}

  authenticate(
    authorization: string | undefined,
    remoteAddress: string | undefined,
  ): NodeAuthResult | Promise<NodeAuthResult> {
    if (!authorization?.startsWith("Basic ")) return { ok: false, status: 401, reason: "no Basic credentials" };
    const key = headerKey(authorization);
    const known = this.verified.get(key);
    if (known) {
      const node = this.cache.get(`node|${known.user}`, "platform", () => loadNodeByXmlCurlUser(this.db, known.user));
      if (!(node instanceof Promise) && node && node.xmlCurlSecretHash === known.secretHash)
        return this.checkSource(node, remoteAddress);
    }
    return this.verify(authorization, key, remoteAddress);
  }

  /** The full check; the source is checked per request, since requests sharing a verification come from anywhere. */
  private async verify(authorization: string, key: string, remoteAddress: string | undefined): Promise<NodeAuthResult> {
    let credentials = this.verifying.get(key);
    if (!credentials) {
      credentials = this.verifyCredentials(authorization, key).finally(() => this.verifying.delete(key));
      this.verifying.set(key, credentials);
    }
    const node = await credentials;
    return "ok" in node ? node : this.checkSource(node, remoteAddress);
  }

  /** Decode, load the node, argon2 unless this header was verified against its current secret. */
  private async verifyCredentials(authorization: string, key: string): Promise<XmlCurlNode | Rejection> {
    const rejectedAt = this.rejected.get(key);
    if (rejectedAt !== undefined && Date.now() - rejectedAt < REJECTION_MEMORY_MS)
      return { ok: false, status: 401, reason: "bad credentials (recently rejected)" };

    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return this.reject(key, "malformed Basic credentials");
    const user = decoded.slice(0, colon);
    const node = await this.cache.get(`node|${user}`, "platform", () => loadNodeByXmlCurlUser(this.db, user));
    if (!node) return this.reject(key, `unknown xml_curl user`);

    const known = this.verified.get(key);
    if (!known || known.user !== user || known.secretHash !== node.xmlCurlSecretHash) {
      if (!(await this.checkPassword(node.xmlCurlSecretHash, decoded.slice(colon + 1))))
        return this.reject(key, "wrong secret");
      this.remember(this.verified, key, { user, secretHash: node.xmlCurlSecretHash });
      this.rejected.delete(key);
    }
    return node;
  }

  private checkSource(node: XmlCurlNode, remoteAddress: string | undefined): NodeAuthResult {
    if (!this.sourceAllowed(node, remoteAddress))
      return { ok: false, status: 403, reason: `source ${remoteAddress} not allowed` };
    return { ok: true, node };
  }

  /** A rejected header is no longer verified: the two memories never share a key, so a hit need not consult both. */
  private reject(key: string, reason: string): Rejection {
    this.verified.delete(key);
    this.remember(this.rejected, key, Date.now());
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
    const listKey = node.allowedSources.join(",");
    let sources = this.sourceLists.get(listKey);
    if (!sources) {
      sources = { list: cidrList(node.allowedSources), verdicts: new Map() };
      this.remember(this.sourceLists, listKey, sources);
    }
    // BlockList.check builds a native SocketAddress per call (~1.6 µs); a node calls from one address.
    let allowed = sources.verdicts.get(remoteAddress);
    if (allowed === undefined) {
      allowed = listHas(sources.list, remoteAddress);
      this.remember(sources.verdicts, remoteAddress, allowed);
    }
    return allowed;
  }
}
