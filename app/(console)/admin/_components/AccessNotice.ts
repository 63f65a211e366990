// Kept only for app/(console)/t/**, which still imports from here; the shared one is @/components/ui/AccessNotice.
export { AccessNotice } from "@/components/ui/AccessNotice";
