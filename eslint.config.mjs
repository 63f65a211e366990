import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = import.meta.dirname;

/**
 * Server modules the browser may take values from: zod schemas and the constant tables forms show.
 * Everything else under server/ is server code; its services import "server-only", which fails
 * `next build` when a client component reaches one, and this rule says so already in the editor.
 */
const BROWSER_SAFE = [/(^|\/)schemas$/, /[a-z]Schema$/, /^cluster\/nodeAddress$/, /^dialplan\/callLimits$/];
const BROWSER_SAFE_MODULES = new Set(["twoFactor/signInMessages", "webhooks/eventTypes"]);

/** The path under server/ an import names, or null for anything else. */
function serverModule(specifier, filename) {
  if (specifier.startsWith("@/server/")) return specifier.slice("@/server/".length);
  if (!specifier.startsWith(".")) return null;
  const relative = path
    .relative(ROOT, path.resolve(path.dirname(filename), specifier))
    .split(path.sep)
    .join("/");
  return relative.startsWith("server/") ? relative.slice("server/".length) : null;
}

const clientServerImports = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      serverCode:
        "Client code imports server code ({{module}}). Take schemas and constants from a shared module (schemas.ts), data through tRPC; type imports are fine.",
    },
  },
  create(context) {
    const { filename, sourceCode } = context;
    const inComponents = path.relative(ROOT, filename).startsWith(`components${path.sep}`);
    const useClient = sourceCode.ast.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
    if (!inComponents && !useClient) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== "string") return;
      const specifiers = node.specifiers ?? [];
      const typeOnly =
        node.importKind === "type" ||
        node.exportKind === "type" ||
        (specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
      if (typeOnly) return;
      const target = serverModule(node.source.value, filename);
      if (target === null || BROWSER_SAFE_MODULES.has(target) || BROWSER_SAFE.some((p) => p.test(target))) return;
      context.report({ node: node.source, messageId: "serverCode", data: { module: node.source.value } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "server/db/generated/**",
    "test-results/**",
    "next-env.d.ts",
  ]),
  {
    plugins: { switchboard: { rules: { "client-server-imports": clientServerImports } } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      "switchboard/client-server-imports": "error",
    },
  },
]);
