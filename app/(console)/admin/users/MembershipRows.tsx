"use client";

import { useQuery } from "@tanstack/react-query";
import type { FieldErrors } from "react-hook-form";
import type { z } from "zod";
import { SelectField } from "@/components/forms/SelectField";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/Button";
import type { membershipSchema } from "@/server/users/schemas";
import { ROLE_LABELS } from "./roleLabels";

export type MembershipRow = z.input<typeof membershipSchema>;
type RowsErrors = FieldErrors<{ memberships: MembershipRow[] }>["memberships"];
type Props = { value: MembershipRow[]; onChange: (rows: MembershipRow[]) => void; errors: RowsErrors };

function ExtensionSelect({
  domainId,
  value,
  onChange,
  error,
}: {
  domainId: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const choices = useQuery({
    ...trpc.users.platform.extensionChoices.queryOptions({ domainId }),
    enabled: domainId !== "",
  });
  return (
    <SelectField label="Extension" error={error} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{domainId ? "Choose an extension" : "Choose a tenant first"}</option>
      {choices.data?.map((e) => (
        <option key={e.id} value={e.id}>
          {e.number} · {e.displayName}
        </option>
      ))}
    </SelectField>
  );
}

/** Edits a user's role grants, one row per role × scope (controlled, so any form can hold it). */
export function MembershipRows({ value, onChange, errors }: Props) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const patch = (i: number, change: Partial<MembershipRow>) =>
    onChange(value.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Roles</legend>
      {value.map((row, i) => {
        const rowErrors = errors?.[i];
        return (
          <div
            key={i}
            className="grid grid-cols-1 gap-3 rounded-lg bg-slate-50 p-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
          >
            <SelectField
              label="Role"
              error={rowErrors?.role?.message}
              value={row.role}
              onChange={(e) => patch(i, { role: e.target.value as MembershipRow["role"] })}
            >
              {Object.entries(ROLE_LABELS).map(([role, label]) => (
                <option key={role} value={role}>
                  {label}
                </option>
              ))}
            </SelectField>
            {row.role !== "PLATFORM_ADMIN" ? (
              <SelectField
                label="Tenant"
                error={rowErrors?.domainId?.message}
                value={row.domainId ?? ""}
                onChange={(e) => patch(i, { domainId: e.target.value, extensionId: "" })}
              >
                <option value="">Choose a tenant</option>
                {tenants.data?.items.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.displayName} ({d.name})
                  </option>
                ))}
              </SelectField>
            ) : (
              <p className="pb-2 text-sm text-slate-500">All tenants</p>
            )}
            {row.role === "TENANT_USER" ? (
              <ExtensionSelect
                domainId={row.domainId ?? ""}
                value={row.extensionId ?? ""}
                onChange={(extensionId) => patch(i, { extensionId })}
                error={rowErrors?.extensionId?.message}
              />
            ) : (
              <span />
            )}
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={`Remove role ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        );
      })}
      {(errors?.message ?? errors?.root?.message) && (
        <p className="text-xs text-red-600" role="alert">
          {errors?.message ?? errors?.root?.message}
        </p>
      )}
      <Button
        type="button"
        size="sm"
        variant="secondary"
        onClick={() => onChange([...value, { role: "TENANT_ADMIN", domainId: "", extensionId: "" }])}
      >
        Add a role
      </Button>
    </fieldset>
  );
}
