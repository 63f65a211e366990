import { Button } from "@/components/ui/Button";

/** A signing secret, shown once (after create or rotate), with how receivers check it. */
export function SigningSecretPanel({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Copy it now: it is shown only once. Check each request&apos;s{" "}
        <code className="rounded bg-slate-100 px-1">Switchboard-Signature: t=…,v1=…</code> header: HMAC-SHA256 of{" "}
        <code className="rounded bg-slate-100 px-1">t + &quot;.&quot; + body</code> with this secret. Deduplicate on the
        event&apos;s <code className="rounded bg-slate-100 px-1">id</code>.
      </p>
      <p data-testid="webhook-secret" className="break-all rounded-lg bg-slate-50 p-4 font-mono text-sm select-all">
        {secret}
      </p>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
