// The platform's abuse-limit defaults when no call_limit_policy row exists yet
// (the same values as the column defaults in prisma/schema.prisma).

export const DEFAULT_CALL_LIMIT_POLICY = {
  autoBlockEnabled: false,
  tripThreshold: 10,
  tripWindowMinutes: 5,
  /** NANP 900/976, UK 09/087, France 089, Germany 0900, in dialled (00/011 → "+") form. */
  premiumPrefixes: ["1900", "1976", "+1900", "+1976", "+449", "+4487", "+3389", "+49900"],
};

export const POLICY_ID = "platform";

/** The actor label of automatic changes (auto-block), shown in the audit log. */
export const CALL_LIMITS_ACTOR = { userId: null, tokenId: null, label: "system:call-limits", ip: null };
