import type { NextRequest } from "next/server";
import { errorFromProcedure } from "@/server/api/rest/errors";
import { routeHandlerContext } from "@/server/api/routeHandlerContext";
import {
  createCallerFactory,
  platformProcedure,
  router,
  tenantUserProcedure,
  type ApiContext,
} from "@/server/api/trpc";
import { platformCallScope, tenantCallScope } from "@/server/callRecords/history";
import { callsCsvStream } from "@/server/callRecords/historyCsv";
import { callFiltersSchema, platformCallFiltersSchema } from "@/server/callRecords/historySchemas";
import type { Db } from "@/server/db/client";

/**
 * The CSV download resolves who may see what through the very procedures the call-history
 * list uses (same membership check, same scope), then streams outside tRPC, which would
 * buffer the whole answer. Kept out of the app router: it answers a scope, not data.
 */
const exportScopeRouter = router({
  tenant: tenantUserProcedure.input(callFiltersSchema).query(async ({ ctx, input }) => ({
    scope: await tenantCallScope(ctx.tenant),
    filters: input,
    label: ctx.tenant.domain.name,
  })),
  platform: platformProcedure.input(platformCallFiltersSchema).query(({ input }) => ({
    scope: platformCallScope(input),
    filters: input,
    label: "platform",
  })),
});

const createExportCaller = createCallerFactory(exportScopeRouter);

function filtersOf(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if ("unattributed" in input) input.unattributed = input.unattributed === "true";
  return input;
}

/** `GET …/call-records.csv`: `domainId` set for a tenant's calls, null for the platform-wide export. */
export async function handleCallHistoryCsv(request: NextRequest, domainId: string | null, db: Db): Promise<Response> {
  let context: ApiContext | Response;
  try {
    context = await routeHandlerContext(request, db);
  } catch (error) {
    return errorFromProcedure(error, "callRecords.exportCsv");
  }
  if (context instanceof Response) return context;
  const caller = createExportCaller(context);
  const filters = filtersOf(new URL(request.url));
  let resolved;
  try {
    resolved = domainId ? await caller.tenant({ ...filters, domainId }) : await caller.platform(filters);
  } catch (error) {
    return errorFromProcedure(error, domainId ? "callRecords.exportCsv" : "callRecords.platform.exportCsv");
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(callsCsvStream(db, resolved.scope, resolved.filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="calls-${resolved.label}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
