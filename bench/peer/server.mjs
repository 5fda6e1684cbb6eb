// The peer contender: the Neo4j GraphQL Library over the same Neo4j.
// NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_POOL_SIZE, PORT, WORKERS (processes sharing
// the port, default 1) and TYPEDEFS (the type definitions' file beside this one, default
// typeDefs.graphql; typeDefs-coauthor.graphql reads COAUTHOR) come from the environment;
// DEBUG=@neo4j/graphql:execution logs the Cypher it generates.
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const workers = Number(process.env.WORKERS ?? 1);
const port = Number(process.env.PORT ?? 4000);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  const stopAll = () => {
    for (const worker of Object.values(cluster.workers)) worker.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
} else {
  const file = process.env.TYPEDEFS ?? "typeDefs.graphql";
  const typeDefs = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
  const driver = neo4j.driver(
    process.env.NEO4J_URI,
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD),
    { maxConnectionPoolSize: Number(process.env.NEO4J_POOL_SIZE ?? 50) },
  );
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port },
    context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE ?? "neo4j" } }),
  });
  console.log(`peer ready at ${url} (pid ${process.pid})`);
  const stop = async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
