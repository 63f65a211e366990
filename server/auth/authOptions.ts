import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/server/db/client";
import { verifyPassword } from "@/server/security/password";
import { loadCaller } from "./loadCaller";
import type { SessionMembership } from "./session";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(256),
});

// Equalises timing for unknown emails, so sign-in does not reveal which accounts exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0mV1v0u2pWJ4bS0VYm5wqA1t2b9zHkJ7p2c3v4n5m6o";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await db().user.findUnique({ where: { email: parsed.data.email } });
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
        if (!user || !ok || user.disabled) return null;
        await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const caller = await loadCaller(db(), user.id);
        token.sub = user.id;
        token.memberships = caller?.memberships ?? [];
      }
      return token;
    },
    async session({ session, token }) {
      session.userId = token.sub ?? "";
      session.memberships = (token.memberships as SessionMembership[] | undefined) ?? [];
      return session;
    },
  },
};

declare module "next-auth" {
  interface Session {
    userId: string;
    memberships: SessionMembership[];
  }
}
