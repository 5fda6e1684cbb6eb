"""Benchmarks: bzpeer-graphql against the floor, the naive way and the Neo4j GraphQL Library."""
