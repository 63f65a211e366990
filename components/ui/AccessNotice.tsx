import { PageHeader } from "./PageHeader";

/** What a page shows when the API says the caller may not see it (mirrors the server's answer). */
export function AccessNotice({ code }: { code: string | undefined }) {
  if (code === "NOT_FOUND") {
    return <PageHeader title="Not found" description="This does not exist or you do not have access to it." />;
  }
  if (code === "FORBIDDEN") {
    return <PageHeader title="Not allowed" description="This page is for platform administrators." />;
  }
  return null;
}
