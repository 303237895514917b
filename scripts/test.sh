#!/usr/bin/env bash
# `npm test`: every suite. Lint and types, unit + contract + database tests (vitest, on
# PGlite; again on Postgres when ROSTER_TEST_DATABASE_URL is set), then a production
# build and the end-to-end suites (Playwright: API over HTTP, and Chromium). In CI (CI=true)
# or with ROSTER_TEST_NODE24=1, the vitest suite and the API specs run again on Node 24,
# taken from the npm registry's `node` package (the Dockerfile's Node).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "lint"
npx eslint . --max-warnings 0
step "format (prettier --check; \`npm run format\` fixes it)"
npm run -s format:check
step "typecheck"
npx tsc --noEmit
step "dependency advisories (npm audit --omit=dev; says so when the registry has no audit endpoint)"
npm run -s audit:deps
step "unit, contract and database tests (PGlite)"
npx vitest run
if [ -n "${ROSTER_TEST_DATABASE_URL:-}" ]; then
  step "database tests on Postgres"
  DATABASE_URL="$ROSTER_TEST_DATABASE_URL" npx vitest run lib/operators lib/audit lib/changes lib/directory/store lib/auth/throttle.test.ts
else
  echo "(ROSTER_TEST_DATABASE_URL is not set: skipping the Postgres run of the database tests; CI sets it)"
fi
step "build (with canary provider keys on the build command only: e2e/api/secrets.spec.ts looks for them)"
env $(node -p 'Object.entries(require("./e2e/canaries.json").build).map(([k, v]) => k + "=" + v).join(" ")') npx next build
node -p 'JSON.stringify(Object.keys(require("./e2e/canaries.json").build))' > .next/canary-build.json
step "end-to-end (Playwright: api + Chromium)"
npx playwright test
step "end-to-end: the Astronomer API specs again on its v1 API (the full api project would add ~12 min)"
ROSTER_E2E_ASTRONOMER_VERSION=v1 npx playwright test e2e/api/astronomer-variance.spec.ts e2e/api/members.spec.ts e2e/api/invite-requests.spec.ts --project=api
if [ -n "${ROSTER_TEST_DATABASE_URL:-}" ]; then
  step "end-to-end API suite on Postgres"
  ROSTER_E2E_DATABASE_URL="$ROSTER_TEST_DATABASE_URL" npx playwright test --project api
fi

if [ "${CI:-}" = "true" ] || [ "${ROSTER_TEST_NODE24:-}" = "1" ]; then
  step "Node 24 (the image's): unit, contract and database tests, then the API specs"
  node24_dir="${ROSTER_NODE24_DIR:-${TMPDIR:-/tmp}/roster-node24}"
  [ -x "$node24_dir/node_modules/.bin/node" ] || npm install --no-save --no-audit --no-fund --prefix "$node24_dir" node@24
  # Everything started through PATH's node (npx, vitest, Playwright, the demo server it starts) is Node 24 now.
  export PATH="$node24_dir/node_modules/.bin:$PATH"
  node --version
  npx vitest run
  # ROSTER_NODE24_API=all runs the whole API project (~12 min more); by default the specs that
  # cover each route family, sign-in and the secrets.
  if [ "${ROSTER_NODE24_API:-}" = "all" ]; then
    npx playwright test --project api
  else
    npx playwright test e2e/api/health.spec.ts e2e/api/access-tree.spec.ts e2e/api/signin.spec.ts e2e/api/users.spec.ts \
      e2e/api/members.spec.ts e2e/api/invite-requests.spec.ts e2e/api/secrets.spec.ts e2e/api/logs.spec.ts --project api
  fi
fi
