import { Button, type ButtonProps } from "@/components/ui/Button";

type Props = {
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  variant?: ButtonProps["variant"];
  disabled?: boolean;
};

/** The end of every dialog form: Cancel closes without saving, the submit button shows progress. */
export function DialogFooter({ submitLabel, busy, onCancel, variant, disabled }: Props) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={variant} busy={busy} disabled={disabled}>
        {submitLabel}
      </Button>
    </div>
  );
}
