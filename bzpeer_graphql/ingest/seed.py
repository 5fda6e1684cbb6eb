"""The seed data: the researcher of the seed profile page and his real neighbourhood."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.summary import LoadSummary
from bzpeer_graphql.resources import project_dir

SEED_RESEARCHER = "gongfan-fang"


def seed_file() -> BzpeerFile:
    """`seed_data/graph.jsonl` as a loader source."""
    return BzpeerFile(project_dir("seed_data") / "graph.jsonl")


async def load_seed(db: Database) -> LoadSummary:
    """Loads the seed data (idempotent: loading it again changes nothing)."""
    return await Loader(db, on_error="fail").load(seed_file())


async def is_empty(db: Database) -> bool:
    """True when the graph has no researcher, paper, topic or institution."""
    rows = await db.read("ingest/graph_is_empty")
    return bool(rows[0]["empty"])
