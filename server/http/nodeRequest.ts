import type { IncomingMessage } from "node:http";
import type { NodeAuthenticator, NodeAuthResult } from "@/server/freeswitch/authenticateNode";

/** Why a FreeSWITCH endpoint turned a request away before reading its body. */
export type NodeAdmission = NodeAuthResult | { ok: false; status: 405; reason: string };

/**
 * The gate both FreeSWITCH endpoints (xml_curl, CDRs) pass a request through before touching its
 * body: POST only, then the node's credentials from the headers alone, so a caller without them
 * costs no body read. A remembered node is admitted synchronously (no microtask turn).
 */
export function admitNodeRequest(
  req: IncomingMessage,
  auth: Pick<NodeAuthenticator, "authenticate">,
): NodeAdmission | Promise<NodeAdmission> {
  if (req.method !== "POST") return { ok: false, status: 405, reason: `method ${req.method ?? "?"}` };
  return auth.authenticate(req.headers.authorization, req.socket.remoteAddress);
}

/** Headers for a refusal: the Basic challenge on 401, the one allowed method on 405. */
export function refusalHeaders(status: 401 | 403 | 405, realm: string): readonly string[] {
  if (status === 401) return ["WWW-Authenticate", `Basic realm="${realm}"`];
  if (status === 405) return ["Allow", "POST"];
  return [];
}
