import { PageHeader } from "./PageHeader";

type DeniedCode = "NOT_FOUND" | "FORBIDDEN";

const NOT_FOUND = {
  platform: "This does not exist or you do not have access to it.",
  tenant: "This tenant does not exist or you do not have access to it.",
};
const FORBIDDEN = {
  platform: "This page is for platform administrators.",
  tenant: "This page is for the tenant's administrators.",
};

/** Whether an API error code means "you may not see this" rather than a failure worth retrying. */
export function isAccessDenied(code: string | undefined): code is DeniedCode {
  return code === "NOT_FOUND" || code === "FORBIDDEN";
}

type Props = { code: string | undefined; audience?: keyof typeof NOT_FOUND };

/** What a page shows when the API says the caller may not see it (mirrors the server's answer). */
export function AccessNotice({ code, audience = "platform" }: Props) {
  if (code === "NOT_FOUND") return <PageHeader title="Not found" description={NOT_FOUND[audience]} />;
  if (code === "FORBIDDEN") return <PageHeader title="Not allowed" description={FORBIDDEN[audience]} />;
  return null;
}
