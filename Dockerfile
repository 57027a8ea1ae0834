# One image for every service: docker compose picks the entry point per service.
FROM node:24-bookworm-slim AS build
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
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
COPY --from=build /app /app
USER node
