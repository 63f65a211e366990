import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange, type ClusterPush } from "@/server/cluster/recordChange";
import { seal } from "@/server/security/secretBox";
import { pageArgs, type Page } from "@/server/shared/pagination";
import type { PlatformContext } from "@/server/tenancy/context";
import { ConflictError, NotFoundError } from "@/server/tenancy/errors";
import type { CreateTrunkInput, ListTrunksInput, UpdateTrunkInput } from "./schemas";

const trunkSelect = {
  id: true,
  name: true,
  proxyHost: true,
  proxyPort: true,
  transport: true,
  realm: true,
  username: true,
  register: true,
  expireSeconds: true,
  callerIdInFrom: true,
  pingSeconds: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  passwordEnc: true,
  _count: { select: { routes: true } },
} satisfies Prisma.TrunkSelect;

type TrunkRow = Prisma.TrunkGetPayload<{ select: typeof trunkSelect }>;

/** A trunk as the portal sees it: whether a password is set, never the password. */
export type TrunkView = Omit<TrunkRow, "passwordEnc"> & { hasPassword: boolean };

function toView({ passwordEnc, ...trunk }: TrunkRow): TrunkView {
  return { ...trunk, hasPassword: passwordEnc !== null };
}

function sealedPassword(password: string | undefined): string | null | undefined {
  if (password === undefined) return undefined;
  return password === "" ? null : seal(password);
}

/** Every node reloads the gateway; the ACL is rebuilt when an address enters or leaves it. */
async function publishTrunkChange(tx: DbTx, reason: string, events: ClusterPush["events"]): Promise<void> {
  await recordChange(tx, { invalidate: { platform: true }, push: { reason, events } });
}

async function assertNameFree(tx: DbTx, name: string, exceptId?: string): Promise<void> {
  const taken = await tx.trunk.findFirst({
    where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ConflictError(`A trunk named ${name} already exists`, "name");
}

/** Platform trunks only: tenant-owned trunks are managed with their domain. */
export async function listTrunks(ctx: PlatformContext, input: ListTrunksInput): Promise<Page<TrunkView>> {
  const where: Prisma.TrunkWhereInput = {
    domainId: null,
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { proxyHost: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.trunk.findMany({ where, select: trunkSelect, orderBy: { name: "asc" }, ...pageArgs(input) }),
    ctx.db.trunk.count({ where }),
  ]);
  return { items: rows.map(toView), total, page: input.page, pageSize: input.pageSize };
}

export async function createTrunk(ctx: PlatformContext, input: CreateTrunkInput): Promise<TrunkView> {
  const { password, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    await assertNameFree(tx, fields.name);
    const trunk = await tx.trunk.create({
      data: { ...fields, passwordEnc: sealedPassword(password) ?? null },
      select: trunkSelect,
    });
    await writeAudit(tx, ctx.actor, { action: "trunk.create", entityType: "Trunk", entityId: trunk.id, after: fields });
    await publishTrunkChange(tx, `trunk ${trunk.name} created`, [
      { topic: "freeswitch.trunk-changed", gateway: trunk.name },
      { topic: "freeswitch.acl-changed" },
    ]);
    return toView(trunk);
  });
}

export async function updateTrunk(ctx: PlatformContext, input: UpdateTrunkInput): Promise<TrunkView> {
  const { id, password, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.trunk.findFirst({ where: { id, domainId: null }, select: trunkSelect });
    if (!before) throw new NotFoundError("Trunk");
    await assertNameFree(tx, fields.name, id);
    const trunk = await tx.trunk.update({
      where: { id },
      data: { ...fields, passwordEnc: sealedPassword(password) },
      select: trunkSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "trunk.update",
      entityType: "Trunk",
      entityId: id,
      before: toView(before),
      after: { ...fields, ...(password !== undefined ? { password: "changed" } : {}) },
    });
    const events: ClusterPush["events"] = [
      {
        topic: "freeswitch.trunk-changed",
        gateway: trunk.name,
        ...(before.name !== trunk.name ? { previousGateway: before.name } : {}),
      },
    ];
    if (before.proxyHost !== trunk.proxyHost) events.push({ topic: "freeswitch.acl-changed" });
    await publishTrunkChange(tx, `trunk ${trunk.name} updated`, events);
    return toView(trunk);
  });
}

export async function deleteTrunk(ctx: PlatformContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.trunk.findFirst({ where: { id, domainId: null }, select: trunkSelect });
    if (!before) throw new NotFoundError("Trunk");
    // Deleting would silently drop the trunk from routes; a route left with no trunk fails every call.
    const routes = await tx.outboundRouteTrunk.findMany({
      where: { trunkId: id },
      select: { route: { select: { name: true } } },
    });
    if (routes.length > 0) {
      throw new ConflictError(`Used by route(s) ${routes.map((r) => r.route.name).join(", ")}: remove it there first`);
    }
    await tx.trunk.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      action: "trunk.delete",
      entityType: "Trunk",
      entityId: id,
      before: toView(before),
    });
    await publishTrunkChange(tx, `trunk ${before.name} deleted`, [
      { topic: "freeswitch.trunk-changed", gateway: before.name },
      { topic: "freeswitch.acl-changed" },
    ]);
  });
}
