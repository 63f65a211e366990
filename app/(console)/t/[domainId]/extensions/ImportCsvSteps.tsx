"use client";

import Papa from "papaparse";
import { Button } from "@/components/ui/Button";
import type { CsvPreview, ImportBatchResult } from "@/server/extensions/csvImport";
import { CSV_COLUMNS, type RowProblem } from "@/server/extensions/csvSchema";
import { downloadFile } from "./downloadFile";

export type ImportProgress = { done: number; total: number };
export type ImportOutcome = { created: number; skipped: RowProblem[]; generated: ImportBatchResult["generated"] };

const TEMPLATE = `${CSV_COLUMNS.map((c) => c.name).join(",")}\n1001,Reception,true,reception@example.com,,,,+15551230001,4,false,local;domestic,true,,\n`;

function ProblemTable({ problems }: { problems: RowProblem[] }) {
  return (
    <div className="max-h-60 overflow-y-auto rounded-md ring-1 ring-red-200">
      <table className="min-w-full text-sm" aria-label="Rows that will not be imported">
        <thead className="sticky top-0 bg-red-50 text-left text-xs font-semibold uppercase text-red-800">
          <tr>
            <th className="px-3 py-1.5">Line</th>
            <th className="px-3 py-1.5">Number</th>
            <th className="px-3 py-1.5">Problem</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-red-100">
          {problems.map((p) => (
            <tr key={`${p.line}-${p.reason}`} data-testid="csv-problem">
              <td className="px-3 py-1 font-mono">{p.line}</td>
              <td className="px-3 py-1 font-mono">{p.number ?? "—"}</td>
              <td className="px-3 py-1">{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Step 1: what the file must hold, a template, and the file input. */
export function ChooseFileStep({ onFile }: { onFile: (file: File | undefined) => void }) {
  return (
    <>
      <details className="rounded-md bg-slate-50 p-3">
        <summary className="cursor-pointer font-medium text-slate-700">
          Columns (header row required, any order)
        </summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          {CSV_COLUMNS.map((c) => (
            <div key={c.name} className="contents">
              <dt className="font-mono text-slate-800">
                {c.name}
                {c.required && <span className="text-red-600">*</span>}
              </dt>
              <dd className="text-slate-600">{c.help}</dd>
            </div>
          ))}
        </dl>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          className="mt-2"
          onClick={() => downloadFile("extensions-template.csv", TEMPLATE)}
        >
          Download a template
        </Button>
      </details>
      <label className="block">
        <span className="mb-1 block font-medium text-slate-700">CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
      </label>
    </>
  );
}

/** Step 2: the dry run's verdict, nothing written yet. */
export function PreviewStep({
  preview,
  onCancel,
  onImport,
}: {
  preview: CsvPreview;
  onCancel: () => void;
  onImport: () => void;
}) {
  return (
    <div className="space-y-3" data-testid="csv-preview">
      {preview.fileError ? (
        <p className="rounded-md bg-red-50 p-3 text-red-800" role="alert">
          {preview.fileError}
        </p>
      ) : (
        <>
          <p>
            <strong>{preview.valid.length.toLocaleString()}</strong> of {preview.total.toLocaleString()} rows are ready
            to import
            {preview.problems.length > 0 && (
              <>
                ; <strong className="text-red-700">{preview.problems.length.toLocaleString()}</strong> will be skipped
              </>
            )}
            . The domain has {preview.existing.toLocaleString()} of {preview.limit.toLocaleString()} extensions.
          </p>
          {preview.problems.length > 0 && <ProblemTable problems={preview.problems} />}
        </>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="button" disabled={preview.valid.length === 0} onClick={onImport}>
          Import {preview.valid.length.toLocaleString()} extensions
        </Button>
      </div>
    </div>
  );
}

/** Step 3: the batches going in. */
export function ProgressStep({ progress }: { progress: ImportProgress }) {
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="space-y-3">
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-slate-600">
        {progress.done.toLocaleString()} of {progress.total.toLocaleString()} rows processed
      </p>
    </div>
  );
}

/** Step 4: what was created, and the generated secrets, downloadable this once. */
export function OutcomeStep({ outcome, onDone }: { outcome: ImportOutcome; onDone: () => void }) {
  const downloadSecrets = () =>
    downloadFile(
      "generated-sip-passwords.csv",
      Papa.unparse(outcome.generated, { columns: ["number", "sipPassword", "voicemailPin"] }),
    );
  return (
    <div className="space-y-3" data-testid="csv-outcome">
      <p>
        <strong>{outcome.created.toLocaleString()}</strong> extensions created.
        {outcome.skipped.length > 0 &&
          ` ${outcome.skipped.length} rows were skipped because their number was taken meanwhile.`}
      </p>
      {outcome.skipped.length > 0 && <ProblemTable problems={outcome.skipped} />}
      {outcome.generated.length > 0 && (
        <p className="rounded-md bg-amber-50 p-3 text-amber-900">
          {outcome.generated.length.toLocaleString()} extensions got generated SIP passwords or voicemail PINs. Download
          them now: they are shown only once and are never stored in clear.
        </p>
      )}
      <div className="flex justify-end gap-2">
        {outcome.generated.length > 0 && (
          <Button type="button" variant="secondary" onClick={downloadSecrets}>
            Download generated passwords
          </Button>
        )}
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
