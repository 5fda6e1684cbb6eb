# The API image for compose.yaml: the package and its Cypher and seed files, nothing else.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md schema.graphql ./
COPY bzpeer_graphql ./bzpeer_graphql
COPY cypher ./cypher
COPY seed_data ./seed_data
RUN pip install --no-cache-dir . && useradd --system --uid 10001 bzpeer
USER bzpeer
EXPOSE 8000
CMD ["bzpeer-graphql", "serve"]
