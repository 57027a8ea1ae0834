# One image for every service: docker compose picks the entry point per service (its `command:`).
# Three stages, so the image that runs holds only what runs (e2e/dockerfile.spec.ts checks this):
#   build    every dependency (TypeScript, jest, …) and the compiled output of each project
#   deps     production dependencies only, for the workspaces the services need (not libs/testing or e2e)
#   runtime  those dependencies, each project's dist/ and the few files read from outside dist/; no sources,
#            tests, dev tools or .git (.dockerignore keeps them out of the build context too)
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY libs/testing/package.json libs/testing/
COPY services/intake/package.json services/intake/
COPY services/risk-scoring/package.json services/risk-scoring/
COPY services/episode-tracker/package.json services/episode-tracker/
COPY services/notifier/package.json services/notifier/
COPY services/web/package.json services/web/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && find libs/*/dist services/*/dist \( -name '*.d.ts' -o -name '*.d.ts.map' \) -delete

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Every workspace's manifest, so package-lock.json matches; only the ones named below are installed.
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY libs/testing/package.json libs/testing/
COPY services/intake/package.json services/intake/
COPY services/risk-scoring/package.json services/risk-scoring/
COPY services/episode-tracker/package.json services/episode-tracker/
COPY services/notifier/package.json services/notifier/
COPY services/web/package.json services/web/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --no-audit --no-fund \
      -w libs/contracts -w libs/platform \
      -w services/intake -w services/risk-scoring -w services/episode-tracker -w services/notifier -w services/web \
 && rm -rf libs/testing e2e \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
# Manifests and node_modules (workspace links point at libs/* and services/*, filled in below).
COPY --from=deps /app ./
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/libs/platform/dist libs/platform/dist
COPY --from=build /app/services/intake/dist services/intake/dist
COPY --from=build /app/services/risk-scoring/dist services/risk-scoring/dist
COPY --from=build /app/services/episode-tracker/dist services/episode-tracker/dist
COPY --from=build /app/services/notifier/dist services/notifier/dist
COPY --from=build /app/services/web/dist services/web/dist
# Read at run time from outside dist/ (paths relative to import.meta.url): page templates and the web's static files.
# govuk-frontend's templates and assets come from node_modules (a production dependency of both).
COPY --from=build /app/services/web/src/views services/web/src/views
COPY --from=build /app/services/web/static services/web/static
COPY --from=build /app/services/notifier/src/views services/notifier/src/views
# The compose `topics` job creates the topics with this script.
COPY --from=build /app/scripts/create-topics.mjs scripts/create-topics.mjs
# Files stay owned by root: the service can read its code but not change it.
USER node
CMD ["node", "services/web/dist/main.js"]
