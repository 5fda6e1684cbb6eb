"""bzpeer-graphql: a GraphQL server for research graphs stored in Neo4j."""

from bzpeer_graphql.embed import close, execute
from bzpeer_graphql.web.app import create_app

__all__ = ["__version__", "close", "create_app", "execute"]
__version__ = "0.1.0"
