"""bzpeer-graphql: a GraphQL server for research graphs stored in Neo4j."""

from bzpeer_graphql.client import Client
from bzpeer_graphql.embed import close, execute
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.web.app import create_app

__all__ = ["Client", "Viewer", "__version__", "close", "create_app", "execute"]
__version__ = "0.1.0"
