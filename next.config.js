/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships its own WASM and data files; let Node load them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
};

module.exports = nextConfig;
