"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/forms/ConfirmDialog";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { AccessNotice, isAccessDenied } from "@/components/ui/AccessNotice";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import type { MohFileView } from "@/server/musicOnHold/service";
import { HoldMusicChoice } from "./HoldMusicChoice";
import { MohUploadForm } from "./MohUploadForm";

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function MusicOnHoldView({ domainId }: { domainId: string }) {
  const trpc = useTRPC();
  const moh = useQuery(trpc.musicOnHold.get.queryOptions({ domainId }));
  const [deleting, setDeleting] = useState<MohFileView | null>(null);
  const remove = useToastMutation(trpc.musicOnHold.deleteFile.mutationOptions(), {
    success: () => `${deleting?.name ?? "File"} deleted`,
    onDone: () => setDeleting(null),
    invalidate: [trpc.musicOnHold.get.queryKey()],
  });

  const code = moh.error?.data?.code;
  if (isAccessDenied(code)) return <AccessNotice code={code} audience="tenant" />;
  const files = moh.data?.files;
  const maxFiles = moh.data?.limits.maxFiles ?? 0;

  return (
    <>
      <PageHeader
        title="Music on hold"
        description="What callers hear while they are on hold or parked, on every telephony node."
      />
      {moh.data && <HoldMusicChoice domainId={domainId} saved={moh.data.choice} fileCount={moh.data.files.length} />}
      <section aria-label="Uploaded files" className="mt-6 space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">
          Uploaded files{files && ` (${files.length} of ${maxFiles})`}
        </h2>
        <MohUploadForm domainId={domainId} full={files !== undefined && files.length >= maxFiles} />
        <DataTable
          noun="hold music files"
          rows={files}
          rowKey={(f) => f.id}
          loading={moh.isPending}
          error={moh.error?.message}
          empty="No files yet. Upload one, then choose “Our uploaded files” above."
          columns={[
            { header: "Name", className: "font-medium", cell: (f) => f.name },
            { header: "Duration", cell: (f) => duration(f.durationMs) },
            { header: "Size", cell: (f) => size(f.sizeBytes) },
          ]}
          actions={(f) => (
            <Button size="sm" variant="ghost" onClick={() => setDeleting(f)} aria-label={`Delete ${f.name}`}>
              Delete
            </Button>
          )}
        />
      </section>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.name ?? ""}?`}
        confirmLabel="Delete file"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ domainId, id: deleting.id })}
      >
        New calls stop playing it; nodes that already downloaded it keep their copy until it ages out of their cache.
      </ConfirmDialog>
    </>
  );
}
