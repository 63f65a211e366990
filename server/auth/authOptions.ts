import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/server/db/client";
import { countSignInFailure } from "@/server/observability/metrics";
import { verifyPassword } from "@/server/security/password";
import { clientIp } from "@/server/api/httpContext";
import { secondStepMessage } from "@/server/twoFactor/signInMessages";
import { secondStepFor } from "@/server/twoFactor/signInSteps";
import { loadCaller } from "./loadCaller";
import { OIDC_PROVIDER_ID, oidcConfig, oidcProvider } from "./oidc";
import { ssoSignIn } from "./ssoSignIn";
import { twoFactorProvider } from "./twoFactorProvider";
import { throttledSignIn } from "./signInThrottle";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(256),
});

// Equalises timing for unknown emails, so sign-in does not reveal which accounts exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0mV1v0u2pWJ4bS0VYm5wqA1t2b9zHkJ7p2c3v4n5m6o";

const sso = oidcConfig();

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = clientIp(new Headers(req.headers as Record<string, string>));
        const user = await throttledSignIn(db(), parsed.data.email, ip, async () => {
          const user = await db().user.findUnique({ where: { email: parsed.data.email } });
          const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
          if (!user || !ok || user.disabled) {
            countSignInFailure();
            return null;
          }
          await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
          return { id: user.id, email: user.email, name: user.name };
        });
        // The password was right; no session yet while a second factor is owed (server/twoFactor/).
        const next = user && (await secondStepFor(db(), user.id));
        if (next) throw new Error(secondStepMessage(next.step, next.challenge));
        return user;
      },
    }),
    twoFactorProvider,
    ...(sso ? [oidcProvider(sso)] : []),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      return account?.provider === OIDC_PROVIDER_ID ? ssoSignIn(db(), user, profile) : true;
    },
    async jwt({ token, user }) {
      if (user) {
        const caller = await loadCaller(db(), user.id);
        token.sub = user.id;
        // -1 matches no user: a session whose caller vanished mid-sign-in stands for nobody.
        token.sessionVersion = caller?.sessionVersion ?? -1;
      }
      return token;
    },
    async session({ session, token }) {
      session.userId = token.sub ?? "";
      session.sessionVersion = token.sessionVersion ?? 0;
      return session;
    },
  },
};

// Roles are not carried in the session: every request loads them (server/auth/loadCaller.ts).
declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's sessionVersion at sign-in; missing on sessions issued before it existed (= 0). */
    sessionVersion?: number;
  }
}
