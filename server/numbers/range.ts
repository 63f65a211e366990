/** Expands an inclusive E.164 range (same length, validated by the schema) into its numbers. */
export function expandRange(from: string, to: string | undefined): string[] {
  const width = from.length - 1;
  const start = BigInt(from.slice(1));
  const end = BigInt((to ?? from).slice(1));
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(`+${n.toString().padStart(width, "0")}`);
  return out;
}
