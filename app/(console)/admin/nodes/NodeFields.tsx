import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/Field";

/** The node settings shared by the create and edit forms. */
export type NodeFieldName =
  | "sipAddress"
  | "sipPort"
  | "externalSipPort"
  | "eslHost"
  | "eslPort"
  | "eslPassword"
  | "capacity"
  | "weight"
  | "allowedSources";
type Register = (
  name: NodeFieldName,
  options?: { setValueAs?: (value: string | string[]) => unknown },
) => UseFormRegisterReturn;
type Props = { register: Register; errors: Partial<Record<NodeFieldName, { message?: string }>>; passwordHint: string };

// The list is typed comma- or space-separated; an array (from the server) shows as "a,b".
const parseList = (value: string | string[]) => (Array.isArray(value) ? value : value.split(/[\s,]+/).filter(Boolean));
// Empty = the default (SIP port + 20), stored as null.
const optionalPort = (value: string | string[]) => (value === "" ? null : value);

export function NodeFields({ register, errors, passwordHint }: Props) {
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field
          label="SIP address"
          placeholder="10.0.0.21"
          error={errors.sipAddress?.message}
          {...register("sipAddress")}
        />
        <Field label="SIP port" type="number" error={errors.sipPort?.message} {...register("sipPort")} />
        <Field
          label="Trunk SIP port"
          type="number"
          placeholder="SIP port + 20"
          hint="The external profile carriers send to"
          error={errors.externalSipPort?.message}
          {...register("externalSipPort", { setValueAs: optionalPort })}
        />
        <Field
          label="Event socket host"
          className="sm:col-span-2"
          placeholder="10.0.0.21"
          error={errors.eslHost?.message}
          {...register("eslHost")}
        />
        <Field label="Event socket port" type="number" error={errors.eslPort?.message} {...register("eslPort")} />
      </div>
      <Field
        label="Event socket password"
        type="password"
        autoComplete="new-password"
        hint={passwordHint}
        error={errors.eslPassword?.message}
        {...register("eslPassword")}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          label="Capacity (concurrent calls)"
          type="number"
          error={errors.capacity?.message}
          {...register("capacity")}
        />
        <Field
          label="Weight"
          type="number"
          hint="Share of new calls among equal-priority nodes"
          error={errors.weight?.message}
          {...register("weight")}
        />
      </div>
      <Field
        label="Allowed xml_curl sources (optional)"
        placeholder="10.0.0.21, 10.0.1.0/24"
        hint="Addresses or CIDRs; empty allows any."
        error={errors.allowedSources?.message}
        {...register("allowedSources", { setValueAs: parseList })}
      />
    </>
  );
}
