# One image for every process; the command picks one: `docker run IMAGE catalog`.
# BASE_IMAGE: any Debian-like image with Node 20 (the tests build one locally, see
# test/deploy/live.sh); the default is the official slim image.
ARG BASE_IMAGE=node:20-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# node_modules from ./setup.sh when the build context has it (no registry needed: this is
# how the tests build, offline); otherwise npm ci from the registry npm is configured for.
COPY . .
RUN if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi \
 && rm -rf dist && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf dist/test dist/bench dist/cli/testing

FROM ${BASE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 DATA_DIR=/data MALLOC_ARENA_MAX=1
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY data/seed ./data/seed
# The code belongs to root and cannot be changed by the service; only /data is its own.
# Each service's folder exists in the image, so a fresh named volume mounted there starts
# owned by the service's user.
# (Written by hand: a minimal base image may have no useradd.)
RUN echo 'library:x:10001:10001:library services:/data:/usr/sbin/nologin' >>/etc/passwd \
 && echo 'library:x:10001:' >>/etc/group \
 && mkdir -p /data/catalog /data/users /data/loans /data/inventory /data/orders /data/availability \
 && chown -R 10001:10001 /data
USER 10001:10001
VOLUME /data
# The flags every service is measured with (services/shared/memory.ts).
ENTRYPOINT ["node", "--max-semi-space-size=4", "--expose-gc", "dist/ops/serve.js"]
CMD ["gateway"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/ops/healthcheck.js"]
# docker stop sends SIGTERM to PID 1, the service itself: it answers what is in flight,
# flushes its files and exits 0 (services/shared/run-service.ts).
STOPSIGNAL SIGTERM
