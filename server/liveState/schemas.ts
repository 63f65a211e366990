import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

/** A FreeSWITCH channel uuid; it goes into a one-line ESL command, so only uuid characters pass. */
export const channelUuidSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "Not a channel uuid");

export const listRegistrationsSchema = pageInputSchema;
export const listPlatformRegistrationsSchema = pageInputSchema.extend({
  domainId: idSchema.optional(),
  nodeId: idSchema.optional(),
});

export const listLiveCallsSchema = pageInputSchema;
export const listPlatformLiveCallsSchema = pageInputSchema.extend({
  domainId: idSchema.optional(),
  nodeId: idSchema.optional(),
});

export const hangupSchema = z.object({ uuid: channelUuidSchema });

export type ListRegistrationsInput = z.infer<typeof listPlatformRegistrationsSchema>;
export type ListLiveCallsInput = z.infer<typeof listPlatformLiveCallsSchema>;
export type HangupInput = z.infer<typeof hangupSchema>;
