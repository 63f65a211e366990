import { handleRestRequest } from "@/server/api/rest/handler";

// Every /api/v1 request (including /api/v1/openapi.json) goes through one framework-free handler,
// so the integration tests exercise exactly what is served here.
export const dynamic = "force-dynamic";

function handler(request: Request): Promise<Response> {
  return handleRestRequest(request);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
