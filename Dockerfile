# Roster's image: Next's standalone output on Node 24, run as a non-root user.
# Build: docker build -t roster .   Run: see compose.yaml and README "Self-hosting".

FROM node:24-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:24-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build

FROM node:24-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_MANUAL_SIG_HANDLE=true \
    PORT=3000 HOSTNAME=0.0.0.0 ROSTER_DATA_DIR=/data/pglite
RUN groupadd --system --gid 1001 roster && useradd --system --uid 1001 --gid roster roster \
 && mkdir -p /data && chown roster:roster /data
# Exactly these copies; e2e/system/standalone.spec.ts copies the same into a fresh directory.
COPY --from=build --chown=roster:roster /src/.next/standalone ./
COPY --from=build --chown=roster:roster /src/.next/static ./.next/static
COPY --from=build --chown=roster:roster /src/public ./public
COPY --from=build --chown=roster:roster /src/lib/db/migrate.mjs ./lib/db/migrate.mjs
COPY --from=build --chown=roster:roster /src/lib/db/migrations ./lib/db/migrations
COPY --from=build --chown=roster:roster /src/scripts/entrypoint.mjs ./scripts/entrypoint.mjs
USER roster
VOLUME /data
EXPOSE 3000
CMD ["node", "scripts/entrypoint.mjs"]
