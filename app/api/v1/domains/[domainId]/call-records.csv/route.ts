import type { NextRequest } from "next/server";
import { handleCallHistoryCsv } from "@/server/api/callHistoryCsv";
import { db } from "@/server/db/client";

// A tenant's call history as CSV, streamed (session cookie or API token, same scope as the list).
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return handleCallHistoryCsv(request, domainId, db());
}
