import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";

/** next-auth's provider id: the callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

const oidcEnvSchema = z.object({
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  /** The button says "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(40).default("single sign-on"),
});

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string };

/** Single sign-on as configured by the environment; null when OIDC_ISSUER is unset. */
export function oidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  if (!env.OIDC_ISSUER) return null;
  const parsed = oidcEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be too (${parsed.error.message})`,
    );
  }
  const e = parsed.data;
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_NAME,
  };
}

type OidcProfile = { sub: string; email?: string; name?: string; email_verified?: unknown };

/** The OpenID Connect provider: discovery, authorization code flow with PKCE and state, ID token. */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // The portal user is found by the signIn callback (server/auth/ssoSignIn.ts); this is the IdP's view.
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? null, name: claims.name ?? null }),
  };
}
