import { PrismaPg } from "@prisma/adapter-pg";

// Workaround for prisma/orm#27403: the schema engine reads pg_catalog columns of type
// `name` (OID 19) and `"char"` (OID 18), which @prisma/adapter-pg cannot map. Only the
// migration path uses this adapter; the app's queries never see those types.
const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;

type Field = { dataTypeID: number };
type IOResult = { fields: Field[] };
type Queryable = { performIO: (query: unknown) => Promise<IOResult> };

let patched = false;

function reportCatalogTypesAsText(adapter: object): void {
  if (patched) return;
  // performIO lives on the shared base class of the adapter and its transactions.
  let proto: object | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) {
    proto = Object.getPrototypeOf(proto);
  }
  if (!proto) throw new Error("adapter-pg changed shape: performIO not found");
  const target = proto as Queryable;
  const original = target.performIO;
  target.performIO = async function (this: Queryable, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_NAME || field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
    return result;
  };
  patched = true;
}

export class MigrationAdapter extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    reportCatalogTypesAsText(adapter);
    return adapter;
  }

  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    reportCatalogTypesAsText(adapter);
    return adapter;
  }
}
