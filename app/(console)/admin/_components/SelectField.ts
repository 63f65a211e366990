// Kept only for app/(console)/t/**, which still imports from here; the shared one is @/components/forms/SelectField.
export { SelectField } from "@/components/forms/SelectField";
