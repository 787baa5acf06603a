# Clip Arena app image on Debian's own Node.js packages (Debian 13 ships Node.js 20.19) and the npm
# registry: nothing is downloaded from anywhere else.
# Build: docker build -t clip-arena .   Run: compose.yaml, or see docs/deployment.md.
FROM debian:trixie-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM debian:trixie-slim
# ffmpeg makes the delivery renditions of imported and uploaded clips (the app runs without it).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs ffmpeg ca-certificates \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app clip-arena
WORKDIR /app
COPY --from=build --chown=clip-arena /app /app
USER clip-arena
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["node", ".next/serve.mjs"]
