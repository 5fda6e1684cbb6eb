"""bzpeer-graphql: a GraphQL server for research graphs stored in Neo4j."""

from bzpeer_graphql.app import create_app

__all__ = ["__version__", "create_app"]
__version__ = "0.1.0"
