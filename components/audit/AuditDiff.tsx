import { cn } from "@/components/ui/cn";

type Json = unknown;

function asRecord(value: Json): Record<string, Json> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Json>) : {};
}

function show(value: Json): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Before and after of one change, key by key, with the changed keys marked. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  if (keys.length === 0) return <p className="text-sm text-slate-500">No details were recorded for this action.</p>;
  return (
    <table className="w-full table-fixed text-xs">
      <thead>
        <tr className="text-left text-slate-500">
          <th className="w-1/4 py-1 pr-2 font-medium">Field</th>
          <th className="w-3/8 py-1 pr-2 font-medium">Before</th>
          <th className="w-3/8 py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {keys.map((key) => {
          const changed = key in a && show(a[key]) !== show(b[key]);
          return (
            <tr key={key} className={cn(changed && "bg-amber-50")}>
              <td className="break-all py-1 pr-2 align-top text-slate-600">
                {key}
                {changed && <span className="sr-only"> (changed)</span>}
              </td>
              <td
                className={cn(
                  "break-all py-1 pr-2 align-top",
                  changed ? "text-red-700 line-through" : "text-slate-500",
                )}
              >
                {show(b[key])}
              </td>
              <td className={cn("break-all py-1 align-top", changed ? "text-emerald-700" : "text-slate-500")}>
                {key in a ? show(a[key]) : ""}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
