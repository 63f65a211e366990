import { Badge } from "@/components/ui/Badge";

type Props = { state: "in sync" | "behind" | "disabled" | "never connected"; revision: bigint; error: string | null };

const TONE = { "in sync": "green", behind: "amber", disabled: "slate", "never connected": "slate" } as const;

/** Whether a node or proxy has applied the desired revision, which one it has, and why a push failed. */
export function SyncState({ state, revision, error }: Props) {
  return (
    <>
      <Badge tone={TONE[state]}>{state}</Badge>
      <span className="ml-1 text-xs text-slate-500">rev {revision.toString()}</span>
      {error && (
        <span className="block max-w-44 truncate text-xs text-red-600" title={error}>
          {error}
        </span>
      )}
    </>
  );
}
