// Kept only for app/(console)/t/**, which still imports from here; the shared one is @/components/forms/ConfirmDialog.
export { ConfirmDialog } from "@/components/forms/ConfirmDialog";
