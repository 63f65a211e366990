import type { NextRequest } from "next/server";
import { handleCallHistoryCsv } from "@/server/api/callHistoryCsv";
import { db } from "@/server/db/client";

// Every tenant's call history as CSV, streamed: platform administrators and platform tokens only.
export const dynamic = "force-dynamic";

export function GET(request: NextRequest) {
  return handleCallHistoryCsv(request, null, db());
}
