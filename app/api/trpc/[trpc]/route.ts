import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { appRouter } from "@/server/api/root";
import { createPortalContext } from "@/server/api/httpContext";
import { isCrossSiteRequest } from "@/server/http/sameOrigin";

// The largest legitimate body is a CSV import preview (20 MB of text, see server/extensions/csvSchema.ts).
const MAX_BODY_BYTES = 25 * 1024 * 1024;

function handler(req: NextRequest) {
  // The session cookie rides along on any request a browser makes; only our own pages may change things.
  if (isCrossSiteRequest(req)) {
    return Response.json({ error: { message: "Cross-site request refused" } }, { status: 403 });
  }
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: { message: "Request body too large" } }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createPortalContext(req),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
