import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-console": ["warn", { allow: ["warn", "error", "log"] }],
    },
  },
  {
    // No import cycles: a module's dependencies never lead back to it.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "instrumentation.ts"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // The browser's code (components/, lib/queries/) never reaches the server's: the database, the route wrapper, provider
    // keys and adapters, the services behind the routes. Types and constants are shared.
    files: ["components/**/*.{ts,tsx}", "lib/queries/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["pg", "@electric-sql/pglite", "next-auth/next", "pino"].map((name) => ({
            name,
            message: "server code: not in the browser",
          })),
          patterns: [
            {
              regex:
                "^(@/|(\\.\\./)+)lib/(db|config|log|api/(handler|answers|caller|rate-limit)|audit/(log|change|stream)|providers/(registry|modules|http|[a-z-]+/(adapter|client|index|sandbox.*))|sandbox/.*|[a-z-]+/service)(\\.ts)?$",
              message: "server code: import its types or constants instead",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call `use(...)`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
);
