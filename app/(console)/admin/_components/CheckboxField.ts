// Kept only for app/(console)/t/**, which still imports from here; the shared one is @/components/forms/CheckboxField.
export { CheckboxField } from "@/components/forms/CheckboxField";
