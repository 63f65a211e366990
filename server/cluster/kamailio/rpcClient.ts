import { z } from "zod";

/** Kamailio answered with a JSON-RPC error (e.g. 500 "Ongoing reload"). */
export class KamailioRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${code} ${message}`);
    this.name = "KamailioRpcError";
  }
}

const Reply = z.union([
  z.object({ result: z.unknown() }),
  z.object({ error: z.object({ code: z.number(), message: z.string() }) }),
]);

export type KamailioRpcOptions = {
  url: string;
  username?: string | null;
  password?: string | null;
  timeoutMs?: number;
};

/**
 * JSON-RPC 2.0 over HTTP to Kamailio's jsonrpcs module. One request per call: Kamailio
 * does not support batch arrays, and each call takes well under a millisecond.
 */
export class KamailioRpc {
  private nextId = 1;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: KamailioRpcOptions) {
    this.headers = { "content-type": "application/json" };
    if (options.username) {
      const basic = Buffer.from(`${options.username}:${options.password ?? ""}`).toString("base64");
      this.headers.authorization = `Basic ${basic}`;
    }
  }

  async call<T>(method: string, params: unknown[], result: z.ZodType<T>): Promise<T> {
    const body = JSON.stringify({ jsonrpc: "2.0", method, params, id: this.nextId++ });
    const response = await fetch(this.options.url, {
      method: "POST",
      headers: this.headers,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new KamailioRpcError(method, response.status, `non-JSON reply (HTTP ${response.status})`);
    }
    const reply = Reply.parse(json);
    if ("error" in reply) throw new KamailioRpcError(method, reply.error.code, reply.error.message);
    return result.parse(reply.result);
  }
}
