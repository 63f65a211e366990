import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "@/server/db/client";
import type { Caller } from "@/server/auth/session";
import { isPlatformAdmin } from "@/server/auth/session";
import type { Actor, PlatformContext, TenantContext } from "@/server/tenancy/context";
import { ConflictError, ForbiddenError, LimitError, NotFoundError } from "@/server/tenancy/errors";

/**
 * Who is calling and from where. Built by the HTTP adapters (portal: session cookie;
 * REST: API token). `tokenDomainId` is set for a domain-scoped API token.
 */
export type ApiContext = {
  db: Db;
  caller: Caller | null;
  actor: Actor | null;
  ip: string | null;
};

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
        field: cause instanceof ConflictError ? cause.field : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps service-layer errors to tRPC codes in one place. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
    if (cause instanceof ConflictError) throw new TRPCError({ code: "CONFLICT", message: cause.message, cause });
    if (cause instanceof ForbiddenError) throw new TRPCError({ code: "FORBIDDEN", message: cause.message, cause });
    if (cause instanceof LimitError)
      throw new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: cause.message, cause });
    // A service's own checks beyond the input schema (e.g. a node host name that does not resolve).
    if (cause instanceof ZodError && result.error.code === "INTERNAL_SERVER_ERROR")
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues[0]?.message ?? "Invalid input", cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller || !ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { caller: ctx.caller, actor: ctx.actor } });
});

export const platformProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isPlatformAdmin(ctx.caller)) throw new TRPCError({ code: "FORBIDDEN", message: "Platform administrators only" });
  const platform: PlatformContext = { db: ctx.db, actor: ctx.actor };
  return next({ ctx: { platform } });
});

const ROLE_RANK = { TENANT_USER: 1, TENANT_ADMIN: 2, PLATFORM_ADMIN: 3 } as const;

/**
 * The one place tenant scoping is decided. A caller without the required membership
 * on the requested domain gets NOT_FOUND, exactly as if the domain did not exist.
 */
function tenantProcedure(minimum: "TENANT_USER" | "TENANT_ADMIN") {
  return protectedProcedure
    .input(z.object({ domainId: z.string().min(1).max(64) }))
    .use(async ({ ctx, input, next }) => {
      const platform = isPlatformAdmin(ctx.caller);
      const membership = ctx.caller.memberships
        .filter((m) => m.domainId === input.domainId)
        .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role])[0];
      const allowed = platform || (membership !== undefined && ROLE_RANK[membership.role] >= ROLE_RANK[minimum]);
      const domain = allowed
        ? await ctx.db.domain.findUnique({ where: { id: input.domainId }, select: { id: true, name: true } })
        : null;
      if (!domain) throw new TRPCError({ code: "NOT_FOUND", message: "Domain not found" });
      const tenant: TenantContext = {
        db: ctx.db,
        actor: ctx.actor,
        domain,
        role: platform ? "PLATFORM_ADMIN" : membership!.role,
        extensionId: !platform && membership!.role === "TENANT_USER" ? membership!.extensionId : null,
      };
      return next({ ctx: { tenant } });
    });
}

export const tenantAdminProcedure = tenantProcedure("TENANT_ADMIN");
export const tenantUserProcedure = tenantProcedure("TENANT_USER");
