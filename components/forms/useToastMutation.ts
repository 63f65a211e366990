"use client";

import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";
import type { FieldValues, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "./serverErrors";

type Feedback<TData, TVariables, TForm extends FieldValues> = {
  /** The success toast's text. */
  success: (data: TData, variables: TVariables) => string;
  /** Lists and records the change shows up in; refetched before the toast. */
  invalidate?: QueryKey[];
  /** Closes the dialog, clears a selection…: runs before the refetch so the UI answers at once. */
  onDone?: (data: TData) => void;
  /** When given, server field errors go next to their fields; the rest become an error toast. */
  setError?: UseFormSetError<TForm>;
};

/**
 * A mutation that says how it went: a success toast, the affected queries refetched, and
 * errors either placed on the form's fields or toasted. Takes a tRPC `mutationOptions()`.
 */
export function useToastMutation<TData, TError, TVariables, TContext, TForm extends FieldValues = FieldValues>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  { success, invalidate = [], onDone, setError }: Feedback<TData, TVariables, TForm>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: async (data, variables) => {
      onDone?.(data);
      // Refetch first, so the page already shows what the toast says.
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      toast.success(success(data, variables));
    },
    onError: (error) => {
      const message = setError
        ? applyServerErrors(error, setError)
        : error instanceof Error
          ? error.message
          : "Something went wrong. Try again.";
      if (message) toast.error(message);
    },
  });
}
