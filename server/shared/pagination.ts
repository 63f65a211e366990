import { z } from "zod";

/** Page-based list input shared by every list procedure and REST list route. */
export const pageInputSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  search: z.string().trim().max(100).optional(),
});

export type PageInput = z.infer<typeof pageInputSchema>;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export function pageArgs(input: PageInput): { skip: number; take: number } {
  return { skip: (input.page - 1) * input.pageSize, take: input.pageSize };
}
