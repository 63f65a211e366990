import { z } from "zod";

/** A row id taken from input (cuid, or a uuid for assignments): bounded so no input is unbounded. */
export const idSchema = z.string().min(1).max(64);
