"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { MAX_MOH_UPLOAD_BYTES, MOH_TOO_LARGE_MESSAGE } from "@/server/musicOnHold/schemas";

const MAX_MB = MAX_MOH_UPLOAD_BYTES / (1024 * 1024);

/** Posts one file to the upload route (multipart, so not tRPC); the server's refusal shows inline. */
export function MohUploadForm({ domainId, full }: { domainId: string; full: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(form: HTMLFormElement) {
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose an audio file");
    if (file.size > MAX_MOH_UPLOAD_BYTES) return setError(MOH_TOO_LARGE_MESSAGE);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/domains/${encodeURIComponent(domainId)}/music-on-hold/files`, {
        method: "POST",
        body: data,
      });
      const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; name?: string };
      if (!res.ok) return setError(body.error ?? body.message ?? `Upload failed (${res.status})`);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.musicOnHold.get.queryKey() });
      toast.success(`${body.name ?? "File"} uploaded`);
    } catch {
      setError("The upload did not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      aria-label="Upload hold music"
      className="flex flex-wrap items-start gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void upload(e.currentTarget);
      }}
    >
      <Field label="Name" name="name" placeholder="From the file name" maxLength={100} className="min-w-56" />
      <Field
        label="Audio file"
        name="file"
        type="file"
        accept=".wav,.mp3,.ogg,.oga,.flac,audio/*"
        error={error ?? undefined}
        hint={`WAV, MP3, Ogg or FLAC, up to ${MAX_MB} MB; stored as 8 kHz mono WAV.`}
        className="min-w-72"
      />
      <Button type="submit" className="mt-6" busy={busy} disabled={full}>
        Upload
      </Button>
    </form>
  );
}
