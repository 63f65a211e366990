import { open } from "@/server/security/secretBox";
import { KamailioRpc, KamailioRpcError } from "./rpcClient";
import { DispatcherListReply, liveDestinations, type LiveDestination } from "./rpcReplies";

type ProxyRpcFields = { rpcUrl: string; rpcUsername: string | null; rpcPasswordEnc: string | null };

/** The JSON-RPC client of one registered SIP proxy (its password unsealed). */
export function rpcForProxy(proxy: ProxyRpcFields, timeoutMs?: number): KamailioRpc {
  return new KamailioRpc({
    url: proxy.rpcUrl,
    username: proxy.rpcUsername,
    password: proxy.rpcPasswordEnc ? open(proxy.rpcPasswordEnc) : null,
    timeoutMs,
  });
}

/** The loaded dispatcher list; Kamailio answers an error rather than an empty list. */
export async function listDestinations(rpc: KamailioRpc): Promise<LiveDestination[]> {
  try {
    return liveDestinations(await rpc.call("dispatcher.list", [], DispatcherListReply));
  } catch (e) {
    if (e instanceof KamailioRpcError && /no destination sets/i.test(e.message)) return [];
    throw e;
  }
}
