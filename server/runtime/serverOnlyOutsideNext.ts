// What `import "server-only"` resolves to outside Next.js: tsx (workers, the xml_curl endpoint,
// scripts) through tsconfig.json's paths, vitest through its alias. There is no browser bundle
// there to keep server code out of. Inside Next.js the specifier is Next's own: a client component
// that reaches a module importing it fails the build.
export {};
