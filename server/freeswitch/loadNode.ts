import type { DbTx } from "@/server/db/client";
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

export async function loadNodeByXmlCurlUser(db: DbTx, xmlCurlUser: string): Promise<XmlCurlNode | null> {
  return db.telephonyNode.findUnique({
    where: { xmlCurlUser },
    select: {
      id: true,
      hostname: true,
      sipAddress: true,
      sipPort: true,
      externalSipPort: true,
      adminState: true,
      xmlCurlUser: true,
      xmlCurlSecretHash: true,
      allowedSources: true,
    },
  });
}
