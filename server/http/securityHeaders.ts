/**
 * The security headers every page and API answer carries (set by proxy.ts).
 * Scripts: only those carrying this response's nonce, plus what they load ('strict-dynamic');
 * Next.js puts the nonce on its own scripts when it finds it in the request's CSP header.
 * Styles allow inline attributes and elements: React `style` props and the toast library need
 * them, and CSS cannot run code. No form-action: the OIDC sign-in leaves for the provider.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(nonce: string, opts: { dev: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, opts),
    // For browsers without CSP frame-ancestors.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * Served over https when the public URL (NEXTAUTH_URL) is https: the same setting makes
 * next-auth's cookies `Secure`. Behind a TLS-terminating proxy, set NEXTAUTH_URL to the public
 * https URL; a client-sent X-Forwarded-Proto is not trusted for this.
 */
export function servedOverHttps(env: Record<string, string | undefined> = process.env): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}
