export const ROLE_LABELS = {
  PLATFORM_ADMIN: "Platform admin",
  TENANT_ADMIN: "Tenant admin",
  TENANT_USER: "End user",
} as const;
