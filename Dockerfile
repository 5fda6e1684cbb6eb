# The API image for compose.yaml, in two stages.

# 1. The explorer and GraphiQL pages, built from the npm packages pinned by package-lock.json
#    (the same build as `bzpeer-graphql explorer build`): only explorer/dist/ leaves this stage.
FROM node:20-bookworm-slim AS pages
WORKDIR /build/explorer
COPY explorer/package.json explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY explorer/ ./
RUN npm run build

# 2. The server: the package with its Cypher, SQL and seed files, and the built pages beside
#    them. Installed in place (-e), so the app finds cypher/, sql/, seed_data/ and explorer/dist/
#    in /app; with no explorer sources here, the built pages count as current and are served as
#    they are.
FROM python:3.11-slim
# redis-server: `serve` runs one process per core and starts a private Redis for their shared
# state when BZPEER_REDIS_URL names none (compose.yaml names its own redis service)
RUN apt-get update && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md schema.graphql hatch_build.py ./
COPY bzpeer_graphql ./bzpeer_graphql
COPY cypher ./cypher
COPY sql ./sql
COPY seed_data ./seed_data
COPY --from=pages /build/explorer/dist ./explorer/dist
RUN pip install --no-cache-dir -e '.[serve]' && useradd --system --uid 10001 bzpeer
USER bzpeer
EXPOSE 8000
CMD ["bzpeer-graphql", "serve"]
