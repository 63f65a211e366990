import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { emailSchema, portalPasswordSchema } from "@/server/domains/schemas";
import { pageInputSchema } from "@/server/shared/pagination";

const nameSchema = z.string().trim().min(1, "Required").max(100);
const optionalId = idSchema.nullable().or(z.literal("").transform(() => null));

/** One role grant, flat so one form row edits it: PLATFORM_ADMIN has no domain, TENANT_USER one extension. */
export const membershipSchema = z
  .object({
    role: z.enum(["PLATFORM_ADMIN", "TENANT_ADMIN", "TENANT_USER"]),
    domainId: optionalId,
    extensionId: optionalId,
  })
  .superRefine((m, ctx) => {
    if (m.role !== "PLATFORM_ADMIN" && !m.domainId)
      ctx.addIssue({ code: "custom", path: ["domainId"], message: "Pick a tenant" });
    if (m.role === "TENANT_USER" && !m.extensionId)
      ctx.addIssue({ code: "custom", path: ["extensionId"], message: "Pick an extension" });
  })
  .transform((m) => ({
    role: m.role,
    domainId: m.role === "PLATFORM_ADMIN" ? null : m.domainId,
    extensionId: m.role === "TENANT_USER" ? m.extensionId : null,
  }));

export type MembershipInput = z.output<typeof membershipSchema>;

const membershipsSchema = z
  .array(membershipSchema)
  .min(1, "Give at least one role")
  .max(50)
  .refine(
    (ms) => new Set(ms.map((m) => `${m.role}:${m.domainId}`)).size === ms.length,
    "The same role is listed twice for one scope",
  );

export const createUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  password: portalPasswordSchema,
  memberships: membershipsSchema,
});

export const listUsersSchema = pageInputSchema.extend({
  role: z.enum(["PLATFORM_ADMIN", "TENANT_ADMIN", "TENANT_USER"]).optional(),
  domainId: idSchema.optional(),
});

export const setUserDisabledSchema = z.object({ id: idSchema, disabled: z.boolean() });
export const resetUserPasswordSchema = z.object({ id: idSchema, password: portalPasswordSchema });
export const setMembershipsSchema = z.object({ id: idSchema, memberships: membershipsSchema });

/** What a tenant admin may grant: their own domain only, so no domain field at all. */
const tenantAccess = {
  role: z.enum(["TENANT_ADMIN", "TENANT_USER"]),
  extensionId: optionalId,
};

function userNeedsExtension(u: { role: string; extensionId: string | null }, ctx: z.RefinementCtx) {
  if (u.role === "TENANT_USER" && !u.extensionId)
    ctx.addIssue({ code: "custom", path: ["extensionId"], message: "Pick an extension" });
}

export const createTenantUserSchema = z
  .object({ email: emailSchema, name: nameSchema, password: portalPasswordSchema, ...tenantAccess })
  .superRefine(userNeedsExtension);

export const updateTenantUserSchema = z
  .object({ id: idSchema, name: nameSchema, ...tenantAccess })
  .superRefine(userNeedsExtension);

export const listTenantUsersSchema = pageInputSchema;

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type ListUsersInput = z.infer<typeof listUsersSchema>;
export type CreateTenantUserInput = z.infer<typeof createTenantUserSchema>;
export type UpdateTenantUserInput = z.infer<typeof updateTenantUserSchema>;
export type ListTenantUsersInput = z.infer<typeof listTenantUsersSchema>;
