import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { classifyRequest, parseRequestBody } from "@/server/freeswitch/requestBody";
import { MAX_BODY_BYTES, sendXmlAnswer } from "@/server/freeswitch/httpHandler";
import { notFoundAnswer, type XmlAnswer } from "@/server/freeswitch/xmlAnswer";
import type { XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { admitNodeRequest } from "@/server/http/nodeRequest";
import { readBody } from "@/server/http/readBody";

/**
 * The endpoint's steps, served one more at a time (`npm run bench:stages`), between the bare
 * responder and the endpoint itself. Each stage answers the same fixed document, the size of the
 * endpoint's answer, so what a stage costs over the one before is what its step costs inside a
 * running server: connection handling, cache misses in the CPU and garbage collection included,
 * which a loop over the step alone does not show.
 */
export const STAGES = ["sized", "read", "admit", "classify"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  sized: "+ an answer of the endpoint's size",
  read: "+ the body read as a string",
  admit: "+ the node admitted (Basic, source)",
  classify: "+ the body classified (scan, zod)",
};

/** Written as the endpoint writes its answers. */
const send = (res: ServerResponse, answer: XmlAnswer) => sendXmlAnswer(res, 200, answer);

/** A request a stage could not take as the endpoint would is answered "not found": the bench counts it wrong. */
async function serveThrough(
  stage: Stage,
  service: XmlCurlService,
  req: IncomingMessage,
  res: ServerResponse,
  answer: XmlAnswer,
): Promise<void> {
  const upTo = STAGES.indexOf(stage);
  if (upTo >= STAGES.indexOf("admit")) {
    const admitted = admitNodeRequest(req, service.auth);
    if (!(admitted instanceof Promise ? await admitted : admitted).ok) return send(res, notFoundAnswer);
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (upTo >= STAGES.indexOf("classify") && classifyRequest(parseRequestBody(body ?? "")).kind === "unsupported")
    return send(res, notFoundAnswer);
  send(res, answer);
}

/** `answer()`: the document the bench set for the scenario it is measuring. */
export function stageHandler(stage: Stage, service: XmlCurlService, answer: () => XmlAnswer): RequestListener {
  if (stage === "sized")
    // The bare responder's way of reading (drained, never kept), only the answer differs.
    return (req, res) => {
      req.resume();
      req.on("end", () => send(res, answer()));
    };
  return (req, res) => void serveThrough(stage, service, req, res, answer()).catch(() => send(res, notFoundAnswer));
}
