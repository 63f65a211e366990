import type { NextRequest } from "next/server";
import { db } from "@/server/db/client";
import { handleMohUpload } from "@/server/musicOnHold/uploadRoute";

// Upload one hold music file (multipart/form-data; session cookie or API token, tenant admins).
export const dynamic = "force-dynamic";

export async function POST(request: NextRequest, { params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return handleMohUpload(request, domainId, db());
}
