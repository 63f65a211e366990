import type { User } from "next-auth";
import { writeAudit } from "@/server/audit/writeAudit";
import type { Db } from "@/server/db/client";
import { secondStepFor } from "@/server/twoFactor/signInSteps";
import { secondStepMessage, SIGN_IN_ERRORS } from "@/server/twoFactor/signInMessages";
import { portalUserForOidc } from "./oidcUser";

const signInPage = (error: string) => `/sign-in?error=${encodeURIComponent(error)}`;
// The challenge rides in the fragment, which browsers never send, so no access log records it.
const secondStepPage = (message: string) => `/sign-in#${new URLSearchParams({ step: message })}`;

/**
 * next-auth's signIn callback for an OIDC sign-in: true to start the portal user's session, or
 * where to send the browser instead (refused, or the two-factor step the user still owes).
 */
export async function ssoSignIn(db: Db, user: User, claims: unknown): Promise<true | string> {
  const match = await portalUserForOidc(db, claims);
  if (!match.ok) {
    await writeAudit(
      db,
      { userId: null, tokenId: null, label: "system:sign-in", ip: null },
      { action: "auth.sso-refused", entityType: "User", after: { email: match.email, reason: match.reason } },
    );
    return signInPage(
      match.reason === "unverified-email" ? SIGN_IN_ERRORS.ssoUnverifiedEmail : SIGN_IN_ERRORS.ssoNoAccount,
    );
  }
  const next = await secondStepFor(db, match.userId);
  if (next) return secondStepPage(secondStepMessage(next.step, next.challenge));
  // next-auth hands this same object to the jwt callback: from here on it is the portal user.
  Object.assign(user, { id: match.userId, email: match.email, name: match.name });
  return true;
}
