// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const securityHeaders = require("./lib/security/static-headers.json");

const asList = (record) => Object.entries(record).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A server that runs from .next/standalone with only the files it needs (the Dockerfile copies it).
  output: "standalone",
  // PGlite ships its own WASM and data files; let Node load them from node_modules. drizzle-orm
  // is loaded from node_modules too, so the entrypoint's migration step (lib/db/migrate.mjs)
  // finds it in the standalone output.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "drizzle-orm"],
  // Read at run time from disk, so file tracing cannot see them: the migrations (and the
  // migration step the entrypoint runs), and PGlite's WebAssembly and data files.
  outputFileTracingIncludes: {
    "/**": ["./lib/db/migrations/**/*", "./lib/db/migrate.mjs", "./node_modules/@electric-sql/pglite/dist/**/*.{wasm,data}"],
  },
  // Browsers ask for /favicon.ico on their own (an image or a JSON answer opened as a page).
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/favicon.svg" }];
  },
  // Static security headers on every response; pages get their nonce CSP from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: asList(securityHeaders.everyResponse) },
      { source: "/api/:path*", headers: asList(securityHeaders.api) },
    ];
  },
};

module.exports = nextConfig;
