import { Button } from "./Button";

type Props = {
  onEdit: () => void;
  onDelete: () => void;
  /** What is edited and deleted, for screen readers: "Delete carrier-east". */
  name: string;
  /** Whether the Edit button names the row too (some pages' buttons are found by the bare "Edit"). */
  nameEdit?: boolean;
};

/** A row's Edit and Delete buttons; Delete only opens a confirmation. */
export function EditDeleteButtons({ onEdit, onDelete, name, nameEdit = true }: Props) {
  return (
    <>
      <Button size="sm" variant="secondary" onClick={onEdit} aria-label={nameEdit ? `Edit ${name}` : undefined}>
        Edit
      </Button>
      <Button size="sm" variant="ghost" onClick={onDelete} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    </>
  );
}
