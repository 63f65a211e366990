import "server-only";
import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { errorFromProcedure, jsonResponse, type RestErrorCode } from "@/server/api/rest/errors";
import { routeHandlerContext } from "@/server/api/routeHandlerContext";
import { createCallerFactory, router, tenantAdminProcedure, type ApiContext } from "@/server/api/trpc";
import type { Db } from "@/server/db/client";
import { isCrossSiteRequest } from "@/server/http/sameOrigin";
import type { TenantContext } from "@/server/tenancy/context";
import { LimitError } from "@/server/tenancy/errors";
import { MAX_MOH_UPLOAD_BYTES, MOH_TOO_LARGE_MESSAGE } from "./schemas";
import { MohAudioError, uploadMohFile } from "./service";
import { TranscoderMissingError } from "./transcode";

/** Who may upload is decided by the procedure every music-on-hold operation uses. */
const uploadScopeRouter = router({ tenant: tenantAdminProcedure.query(({ ctx }) => ctx.tenant) });
const createUploadCaller = createCallerFactory(uploadScopeRouter);

/** Room for the multipart envelope around a file of the largest size. */
const MAX_BODY_BYTES = MAX_MOH_UPLOAD_BYTES + 64 * 1024;

const STATUS_OF: Record<MohAudioError["reason"], [number, RestErrorCode]> = {
  "too-large": [413, "payload_too_large"],
  "unsupported-format": [415, "validation_failed"],
  "not-playable": [422, "validation_failed"],
  "too-long": [422, "validation_failed"],
};

/** The REST error shape, with the message also as `error` for plain upload forms and scripts. */
function refuse(status: number, code: RestErrorCode, message: string): Response {
  return jsonResponse(status, { code, message, error: message });
}

/** "Jingle.mp3" → "Jingle": the label the list shows when the form names none. */
const labelOf = (fileName: string) => fileName.replace(/\.[A-Za-z0-9]{1,5}$/, "") || fileName;

/**
 * `POST /api/v1/domains/{domainId}/music-on-hold/files`, multipart/form-data: `file` (the audio)
 * and optionally `name`. API token or portal session; a session's request must come from our pages.
 */
export async function handleMohUpload(request: NextRequest, domainId: string, db: Db): Promise<Response> {
  const procedure = "musicOnHold.upload";
  // The session cookie rides along on any request a browser makes; only our own pages may upload with it.
  if (!request.headers.get("authorization") && isCrossSiteRequest(request))
    return refuse(403, "forbidden", "Cross-site request refused");
  let context: ApiContext | Response;
  try {
    context = await routeHandlerContext(request, db);
  } catch (error) {
    return errorFromProcedure(error, procedure);
  }
  if (context instanceof Response) return context;
  let tenant: TenantContext;
  try {
    tenant = await createUploadCaller(context).tenant({ domainId });
  } catch (error) {
    return errorFromProcedure(error, procedure);
  }

  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
    return refuse(413, "payload_too_large", MOH_TOO_LARGE_MESSAGE);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, "bad_request", "Send multipart/form-data with the audio in a field named file");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return refuse(400, "bad_request", "Send the audio in a form field named file");
  const name = form.get("name");

  try {
    const created = await uploadMohFile(tenant, {
      name: typeof name === "string" && name.trim() !== "" ? name : labelOf(file.name),
      audio: new Uint8Array(await file.arrayBuffer()),
    });
    return jsonResponse(201, created);
  } catch (error) {
    if (error instanceof MohAudioError) return refuse(...STATUS_OF[error.reason], error.message);
    if (error instanceof LimitError) return refuse(422, "limit_exceeded", error.message);
    if (error instanceof TranscoderMissingError) return refuse(503, "unavailable", error.message);
    if (error instanceof ZodError) return refuse(422, "validation_failed", `name: ${error.issues[0]?.message}`);
    return errorFromProcedure(error, procedure);
  }
}
