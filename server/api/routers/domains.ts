import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { router, platformProcedure, protectedProcedure } from "@/server/api/trpc";
import {
  createDomainSchema,
  deleteDomainSchema,
  listDomainsSchema,
  updateDomainSchema,
} from "@/server/domains/schemas";
import {
  createDomain,
  deleteDomain,
  getDomain,
  listDomains,
  setDomainStatus,
  updateDomain,
} from "@/server/domains/service";
import { isPlatformAdmin } from "@/server/auth/session";

const byId = z.object({ id: idSchema });

export const domainsRouter = router({
  list: platformProcedure.input(listDomainsSchema).query(({ ctx, input }) => listDomains(ctx.platform, input)),
  get: platformProcedure.input(byId).query(({ ctx, input }) => getDomain(ctx.platform, input.id)),
  create: platformProcedure.input(createDomainSchema).mutation(({ ctx, input }) => createDomain(ctx.platform, input)),
  update: platformProcedure.input(updateDomainSchema).mutation(({ ctx, input }) => updateDomain(ctx.platform, input)),
  suspend: platformProcedure
    .input(byId)
    .mutation(({ ctx, input }) => setDomainStatus(ctx.platform, input.id, "SUSPENDED")),
  resume: platformProcedure.input(byId).mutation(({ ctx, input }) => setDomainStatus(ctx.platform, input.id, "ACTIVE")),
  delete: platformProcedure
    .input(deleteDomainSchema)
    .mutation(({ ctx, input }) => deleteDomain(ctx.platform, input.id, input.confirmName)),
  /** The domains the caller may open: all for platform admins, their memberships otherwise. */
  mine: protectedProcedure.query(async ({ ctx }) => {
    if (isPlatformAdmin(ctx.caller)) {
      return ctx.db.domain.findMany({
        select: { id: true, name: true, displayName: true },
        orderBy: { name: "asc" },
        take: 50,
      });
    }
    const ids = ctx.caller.memberships.flatMap((m) => (m.domainId ? [m.domainId] : []));
    return ctx.db.domain.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, displayName: true },
      orderBy: { name: "asc" },
    });
  }),
});
