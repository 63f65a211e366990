/**
 * CSRF guard for cookie-authenticated, state-changing requests. A browser tells where a request
 * comes from: `Sec-Fetch-Site` (every current browser) or else `Origin` (sent on every
 * cross-origin and every POST request). Either one naming another site refuses the request.
 * A request with neither is not from a browser page, so it carries no ambient cookie to abuse.
 * Bearer-token REST calls are not guarded: a browser never attaches a token by itself.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Our own origins: the request's own (its Host header, which a page cannot forge) and NEXTAUTH_URL's. */
function ownOrigins(requestUrl: string): Set<string> {
  const origins = new Set([new URL(requestUrl).origin]);
  const configured = process.env.NEXTAUTH_URL;
  if (configured && URL.canParse(configured)) origins.add(new URL(configured).origin);
  return origins;
}

export function isCrossSiteRequest(request: Pick<Request, "method" | "url" | "headers">): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return !ownOrigins(request.url).has(origin);
}
