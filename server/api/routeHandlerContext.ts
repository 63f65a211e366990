import type { NextRequest } from "next/server";
import { createPortalContext, clientIp } from "@/server/api/httpContext";
import { authenticateTokenThrottled, tokenRejectionResponse } from "@/server/api/rest/throttledTokenAuth";
import { tokenApiContext } from "@/server/api/rest/tokenContext";
import type { ApiContext } from "@/server/api/trpc";
import type { Db } from "@/server/db/client";

/**
 * Who calls a route handler outside tRPC (CSV downloads, uploads): an API token as on the REST
 * API, otherwise the portal's session cookie. A Response is the token's refusal.
 */
export async function routeHandlerContext(request: NextRequest, db: Db): Promise<ApiContext | Response> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return createPortalContext(request, db);
  const auth = await authenticateTokenThrottled(db, request.headers);
  if (!auth.ok) return tokenRejectionResponse(auth);
  return tokenApiContext(db, auth.principal, clientIp(request.headers));
}
