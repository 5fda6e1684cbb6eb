"""Driver lifecycle, named Cypher, migrations and the project's own local Neo4j."""
