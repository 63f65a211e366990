import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders, servedOverHttps } from "@/server/http/securityHeaders";

/**
 * Next.js 16's request proxy: a fresh CSP nonce per request, on the request (Next.js reads it
 * there to put it on its scripts; pages render dynamically, see app/layout.tsx) and on the answer,
 * with the other security headers.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders(nonce, { dev: process.env.NODE_ENV === "development", https: servedOverHttps() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built assets are immutable files; everything else (pages, RSC payloads, APIs) gets the headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
