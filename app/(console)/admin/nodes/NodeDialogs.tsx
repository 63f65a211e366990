"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { DialogFooter } from "@/components/forms/DialogFooter";
import { useToastMutation } from "@/components/forms/useToastMutation";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/forms/FormField";
import { createNodeSchema, updateNodeSchema } from "@/server/cluster/schemas";
import { NodeFields } from "./NodeFields";
import { XmlCurlSnippet } from "./XmlCurlSnippet";

type Open = { open: boolean; onOpenChange: (open: boolean) => void };

export function CreateNodeDialog({ open, onOpenChange }: Open) {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<{ user: string; secret: string } | null>(null);
  const form = useForm<z.input<typeof createNodeSchema>, unknown, z.output<typeof createNodeSchema>>({
    resolver: zodResolver(createNodeSchema),
    defaultValues: {
      hostname: "",
      sipAddress: "",
      sipPort: 5060,
      externalSipPort: null,
      eslHost: "",
      eslPort: 8021,
      eslPassword: "",
      capacity: 500,
      weight: 100,
      allowedSources: [],
    },
  });
  const create = useToastMutation(trpc.cluster.nodes.create.mutationOptions(), {
    success: (result) => `Node ${result.node.hostname} added`,
    onDone: (result) => {
      setSecret({ user: result.node.xmlCurlUser, secret: result.xmlCurlSecret });
      form.reset();
    },
    invalidate: [trpc.cluster.nodes.list.queryKey()],
    setError: form.setError,
  });
  const close = (next: boolean) => {
    if (!next) setSecret(null);
    onOpenChange(next);
  };
  const errors = form.formState.errors;
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={secret ? "Configure mod_xml_curl on the node" : "New telephony node"}
    >
      {secret ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Put these in xml_curl.conf.xml on the node. The secret is shown only once.
          </p>
          <dl className="space-y-2 rounded-lg bg-slate-50 p-4 font-mono text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">User</dt>
              <dd>{secret.user}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Secret</dt>
              <dd className="break-all" data-testid="xml-curl-secret">
                {secret.secret}
              </dd>
            </div>
          </dl>
          <XmlCurlSnippet user={secret.user} secret={secret.secret} />
          <div className="flex justify-end">
            <Button onClick={() => close(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => create.mutate(v))}>
          <FormField form={form} name="hostname" label="Hostname (as FreeSWITCH reports it)" placeholder="fs-node-03" />
          <NodeFields
            register={(name, options) => form.register(name, options)}
            errors={errors}
            passwordHint="From event_socket.conf.xml."
          />
          <DialogFooter submitLabel="Add node" busy={create.isPending} onCancel={() => close(false)} />
        </form>
      )}
    </Dialog>
  );
}

export type EditableNode = z.input<typeof updateNodeSchema> & { id: string; hostname: string };

export function EditNodeDialog({ node, onClose }: { node: EditableNode | null; onClose: () => void }) {
  const trpc = useTRPC();
  const form = useForm<z.input<typeof updateNodeSchema>, unknown, z.output<typeof updateNodeSchema>>({
    resolver: zodResolver(updateNodeSchema),
    values: node
      ? {
          id: node.id,
          sipAddress: node.sipAddress,
          sipPort: node.sipPort,
          externalSipPort: node.externalSipPort,
          eslHost: node.eslHost,
          eslPort: node.eslPort,
          capacity: node.capacity,
          weight: node.weight,
          allowedSources: node.allowedSources,
        }
      : { id: "" },
  });
  const update = useToastMutation(trpc.cluster.nodes.update.mutationOptions(), {
    success: (saved) => `Node ${saved.hostname} saved`,
    onDone: onClose,
    invalidate: [trpc.cluster.nodes.list.queryKey()],
    setError: form.setError,
  });
  return (
    <Dialog open={node !== null} onOpenChange={(o) => !o && onClose()} title={`Edit ${node?.hostname ?? ""}`}>
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => update.mutate(v))}>
        <NodeFields
          register={(name, options) =>
            form.register(name, name === "eslPassword" ? { setValueAs: (v: string) => v || undefined } : options)
          }
          errors={form.formState.errors}
          passwordHint="Leave empty to keep the current one."
        />
        <DialogFooter submitLabel="Save node" busy={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
