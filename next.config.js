// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const securityHeaders = require("./lib/security/static-headers.json");

const asList = (record) => Object.entries(record).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships its own WASM and data files; let Node load them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
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
