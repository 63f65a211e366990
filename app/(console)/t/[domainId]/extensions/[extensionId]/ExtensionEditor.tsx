"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { updateExtensionSchema } from "@/server/extensions/schemas";
import type { ExtensionView } from "@/server/extensions/service";
import { DeleteExtension } from "./DeleteExtension";
import {
  CallerIdSection,
  CallingSection,
  ForwardingSection,
  GeneralSection,
  VoicemailSection,
  type ExtensionFormInput,
} from "./ExtensionFormSections";
import { forwardingValuesOf } from "./ForwardingFields";
import { ResetSipPassword } from "./ResetSipPassword";

function valuesOf(e: ExtensionView): ExtensionFormInput {
  return {
    id: e.id,
    displayName: e.displayName,
    voicemailEnabled: e.voicemailEnabled,
    voicemailEmail: e.voicemailEmail ?? "",
    internalCallerIdName: e.internalCallerIdName ?? "",
    internalCallerIdNumber: e.internalCallerIdNumber ?? "",
    externalCallerIdName: e.externalCallerIdName ?? "",
    externalCallerIdNumber: e.externalCallerIdNumber ?? "",
    ...forwardingValuesOf(e),
    maxCalls: e.maxCalls,
    codecs: e.codecs as ExtensionFormInput["codecs"],
    recordCalls: e.recordCalls,
    tollAllow: e.tollAllow as ExtensionFormInput["tollAllow"],
    cidr: e.cidr ?? "",
    enabled: e.enabled,
  };
}

export function ExtensionEditor({ domainId, extensionId }: { domainId: string; extensionId: string }) {
  const trpc = useTRPC();
  const extension = useQuery(trpc.extensions.get.queryOptions({ domainId, id: extensionId }));
  const form = useForm<ExtensionFormInput, unknown, z.output<typeof updateExtensionSchema>>({
    resolver: zodResolver(updateExtensionSchema),
  });

  useEffect(() => {
    if (extension.data) form.reset(valuesOf(extension.data));
  }, [extension.data, form]);

  const changed = [trpc.extensions.get.queryKey({ domainId, id: extensionId }), trpc.extensions.list.queryKey()];
  const update = useToastMutation(trpc.extensions.update.mutationOptions(), {
    success: (e) => `Extension ${e.number} saved`,
    invalidate: changed,
    setError: form.setError,
  });
  const toggle = useToastMutation(trpc.extensions.update.mutationOptions(), {
    success: (e) => `Extension ${e.number} ${e.enabled ? "enabled" : "disabled"}`,
    invalidate: changed,
  });

  if (extension.isPending) return <p className="py-12 text-center text-sm text-slate-500">Loading extension…</p>;
  if (extension.isError) {
    return (
      <PageHeader
        title="Extension not found"
        description={
          <Link className="text-brand-700 hover:underline" href={`/t/${domainId}/extensions`}>
            Back to extensions
          </Link>
        }
      />
    );
  }
  const e = extension.data;

  return (
    <>
      <PageHeader
        title={`${e.number} · ${e.displayName}`}
        description={
          <span className="flex items-center gap-2">
            <Link className="text-brand-700 hover:underline" href={`/t/${domainId}/extensions`}>
              Extensions
            </Link>
            <Badge tone={e.enabled ? "green" : "slate"}>{e.enabled ? "Enabled" : "Disabled"}</Badge>
            <span>SIP password set {e.sipPasswordChangedAt.toLocaleDateString()}</span>
          </span>
        }
        actions={
          <>
            <Button
              variant="secondary"
              busy={toggle.isPending}
              onClick={() => toggle.mutate({ domainId, id: e.id, enabled: !e.enabled })}
            >
              {e.enabled ? "Disable" : "Enable"}
            </Button>
            <ResetSipPassword domainId={domainId} extension={e} invalidate={changed} />
            <DeleteExtension domainId={domainId} extension={e} />
          </>
        }
      />
      <form noValidate className="space-y-6" onSubmit={form.handleSubmit((v) => update.mutate({ ...v, domainId }))}>
        <GeneralSection form={form} />
        <CallerIdSection form={form} />
        <VoicemailSection form={form} />
        <ForwardingSection form={form} />
        <CallingSection form={form} />
        <div className="flex justify-end gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={!form.formState.isDirty}
            onClick={() => form.reset(valuesOf(e))}
          >
            Discard changes
          </Button>
          <Button type="submit" busy={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </>
  );
}
