import type { DbTx } from "@/server/db/client";
import { queryRows } from "@/server/db/plainPool";
import type { NodeAdminState } from "@/server/db/generated/enums";

export type XmlCurlNode = {
  id: string;
  hostname: string;
  sipAddress: string;
  sipPort: number;
  externalSipPort: number | null;
  adminState: NodeAdminState;
  xmlCurlUser: string;
  xmlCurlSecretHash: string;
  allowedSources: string[];
};

const byXmlCurlUser = {
  name: "xmlcurl_node",
  text: `
    SELECT id, hostname, "sipAddress", "sipPort", "externalSipPort", "adminState"::text AS "adminState",
           "xmlCurlUser", "xmlCurlSecretHash", "allowedSources"
    FROM "TelephonyNode" WHERE "xmlCurlUser" = $1`,
};

/** Every request's node, by its Basic user; cached, so asked again only after a platform change. */
export async function loadNodeByXmlCurlUser(db: DbTx, xmlCurlUser: string): Promise<XmlCurlNode | null> {
  const [node] = await queryRows<XmlCurlNode>(db, byXmlCurlUser, [xmlCurlUser]);
  return node ?? null;
}
