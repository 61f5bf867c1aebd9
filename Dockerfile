# syntax=docker/dockerfile:1

# Build stage: compilers for better-sqlite3's native addon and the TypeScript build live here only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm 10 in this image ignores package.json's allowScripts: keep dev tools' telemetry hooks quiet.
ENV SCARF_ANALYTICS=false
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json ./
COPY src ./src
COPY db ./db
RUN npm run build && npm prune --omit=dev

# Runtime stage: the compiled app, production dependencies, migrations and seed; no compilers.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/editorial.sqlite \
    LOG_LEVEL=info
WORKDIR /app
# npm run backup/restore on PostgreSQL (DATABASE_URL) run pg_dump/pg_restore: Debian's client (15)
# handles servers up to 15; for a newer server, build FROM an image with that client instead.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# npm run keys/import/export/backup/restore/db:seed/db:migrate run dist/ through this helper.
COPY scripts ./scripts
COPY migrations ./migrations
COPY db/seed ./db/seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/server.js"]
