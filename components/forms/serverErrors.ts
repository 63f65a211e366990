import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type ErrorData = { fieldErrors?: Record<string, string[] | undefined>; field?: string };

/**
 * Puts a server-side validation or conflict error next to the field it concerns,
 * and returns a message for a toast when it concerns no field.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): string | null {
  if (!(error instanceof TRPCClientError)) return "Something went wrong. Try again.";
  const data = error.data as ErrorData | undefined;
  let placed = false;
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    if (messages?.[0]) {
      setError(field as Path<T>, { message: messages[0] });
      placed = true;
    }
  }
  if (data?.field) {
    setError(data.field as Path<T>, { message: error.message });
    return null;
  }
  return placed ? null : error.message;
}
