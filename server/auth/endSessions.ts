/**
 * Spread into a `user.update` data: bumps the session version, so every session JWT issued
 * before it is refused where the caller is loaded (server/auth/loadCaller.ts), on its next request.
 */
export const END_SESSIONS = { sessionVersion: { increment: 1 } } as const;
