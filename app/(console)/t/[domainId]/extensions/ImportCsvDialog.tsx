"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/Dialog";
import type { CsvPreview } from "@/server/extensions/csvImport";
import { IMPORT_BATCH_SIZE } from "@/server/extensions/csvSchema";
import {
  ChooseFileStep,
  OutcomeStep,
  PreviewStep,
  ProgressStep,
  type ImportOutcome,
  type ImportProgress,
} from "./ImportCsvSteps";

type Props = { domainId: string; open: boolean; onOpenChange: (open: boolean) => void };

/** Upload → dry-run preview (nothing written) → confirmed import in batches with progress → generated secrets, once. */
export function ImportCsvDialog({ domainId, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const previewCsv = useMutation(
    trpc.extensions.previewCsv.mutationOptions({ onError: (e) => toast.error(e.message) }),
  );
  const importCsv = useMutation(trpc.extensions.importCsv.mutationOptions());

  const close = (next: boolean) => {
    if (!next && progress && !outcome) return; // an import in flight finishes first
    if (!next) {
      setFileName(null);
      setPreview(null);
      setProgress(null);
      setOutcome(null);
    }
    onOpenChange(next);
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setPreview(null);
    setPreview(await previewCsv.mutateAsync({ domainId, csv: await file.text() }));
  };

  const runImport = async () => {
    if (!preview) return;
    const rows = preview.valid;
    const result: ImportOutcome = { created: 0, skipped: [], generated: [] };
    setProgress({ done: 0, total: rows.length });
    try {
      for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
        const batch = await importCsv.mutateAsync({ domainId, rows: rows.slice(i, i + IMPORT_BATCH_SIZE) });
        result.created += batch.created;
        result.skipped.push(...batch.skipped);
        result.generated.push(...batch.generated);
        setProgress({ done: Math.min(i + IMPORT_BATCH_SIZE, rows.length), total: rows.length });
      }
      toast.success(`${result.created.toLocaleString()} extensions imported`);
    } catch (error) {
      toast.error(
        `Import stopped: ${error instanceof Error ? error.message : "unknown error"}. Rows before it were saved.`,
      );
    }
    setOutcome(result);
    await queryClient.invalidateQueries({ queryKey: trpc.extensions.list.queryKey() });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Import extensions from CSV"
      description="Nothing is written until you confirm the preview."
    >
      <div className="space-y-4 text-sm">
        {!progress && <ChooseFileStep onFile={(file) => void choose(file)} />}
        {previewCsv.isPending && <p className="text-slate-500">Checking {fileName}…</p>}
        {preview && !progress && (
          <PreviewStep preview={preview} onCancel={() => close(false)} onImport={() => void runImport()} />
        )}
        {progress && <ProgressStep progress={progress} />}
        {outcome && <OutcomeStep outcome={outcome} onDone={() => close(false)} />}
      </div>
    </Dialog>
  );
}
