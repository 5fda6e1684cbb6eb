"""The seed data: the profile page's researcher exactly as shown, and a real neighbourhood."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.seed import load_seed
from tests.helpers import graph_counts

SEED_COUNTS = {
    "Institution": 2,
    "Topic": 10,
    "Researcher": 33,
    "Paper": 17,
    "AUTHORED": 93,
    "ABOUT": 28,
    "AFFILIATED_WITH": 10,
    "COAUTHOR": 256,  # 128 coauthor pairs, both ways
    "RELATED": 12,  # 6 pairs of topics that share papers, both ways
    "WORKS_ON": 93,  # researcher to topic, from their works' topics
}

WORKS = [  # (arXiv id, year, title, authors in order) as on the page and in DESIGN.md
    (
        "2207.13309",
        2022,
        "Federated Selective Aggregation for Knowledge Amalgamation",
        [
            "Donglin Xie",
            "Ruonan Yu",
            "Gongfan Fang",
            "Jie Song",
            "Zunlei Feng",
            "Xinchao Wang",
            "Li Sun",
            "Mingli Song",
        ],
    ),
    (
        "2205.07523",
        2022,
        "Prompting to Distill: Boosting Data-Free Knowledge Distillation via Reinforced Prompt",
        ["Xinyin Ma", "Xinchao Wang", "Gongfan Fang", "Yongliang Shen", "Weiming Lu"],
    ),
    (
        "2112.06253",
        2022,
        "Up to 100$\\times$ Faster Data-free Knowledge Distillation",
        [
            "Gongfan Fang",
            "Kanya Mo",
            "Xinchao Wang",
            "Jie Song",
            "Shitao Bei",
            "Haofei Zhang",
            "Mingli Song",
        ],
    ),
    (
        "1912.11006",
        2020,
        "Data-Free Adversarial Distillation",
        ["Gongfan Fang", "Jie Song", "Chengchao Shen", "Xinchao Wang", "Da Chen", "Mingli Song"],
    ),
    (
        "2007.05441",
        2020,
        "Impression Space from Deep Template Network",
        ["Gongfan Fang", "Xinchao Wang", "Haofei Zhang", "Jie Song", "Mingli Song"],
    ),
]


async def test_seed_counts(seeded: Database) -> None:
    counts = await graph_counts(seeded)
    assert {k: v for k, v in counts.items() if k != "CITES"} == SEED_COUNTS


async def test_loading_the_seed_twice_changes_nothing(seeded: Database) -> None:
    before = await graph_counts(seeded)
    summary = await load_seed(seeded)
    assert await graph_counts(seeded) == before
    assert summary.counts["paper"].created == 0
    assert summary.counts["paper"].updated == 17


async def test_seed_researcher_is_exactly_the_profile(seeded: Database) -> None:
    records, _, _ = await seeded.driver.execute_query(
        "MATCH (r:Researcher {id: 'gongfan-fang'}) "
        "RETURN r.name AS name, r.headline AS headline, r.openToCollaborate AS open, "
        "r.orcid AS orcid, COUNT { (r)-[:AFFILIATED_WITH]->() } AS affiliations, "
        "COUNT { (:User)-[:FOLLOWS]->(r) } AS followers, "
        "COUNT { (:User)-[:CLAIMED]->(r) } AS claims"
    )
    assert records[0].data() == {
        "name": "Gongfan Fang",
        "headline": "Gongfan Fang contributes to research discovery and scholarly infrastructure.",
        "open": True,
        "orcid": None,
        "affiliations": 0,
        "followers": 0,
        "claims": 0,
    }


async def test_seed_works_with_authors_in_order(seeded: Database) -> None:
    records, _, _ = await seeded.driver.execute_query(
        "MATCH (:Researcher {id: 'gongfan-fang'})-[:AUTHORED]->(p:Paper) "
        "CALL (p) { MATCH (a:Researcher)-[w:AUTHORED]->(p) "
        "  WITH a ORDER BY w.position RETURN collect(a.name) AS authors } "
        "RETURN p.arxivId AS arxiv, p.year AS year, p.title AS title, p.type AS type, "
        "p.venue AS venue, authors ORDER BY p.year DESC, p.title"
    )
    assert [(r["arxiv"], r["year"], r["title"], r["authors"]) for r in records] == WORKS
    assert {(r["type"], r["venue"]) for r in records} == {("preprint", "arXiv")}


async def test_seed_abstracts_are_the_pages(seeded: Database) -> None:
    records, _, _ = await seeded.driver.execute_query(
        "MATCH (p:Paper) WHERE p.arxivId IN ['1912.11006', '2112.06253'] "
        "RETURN p.arxivId AS id, p.abstract AS abstract ORDER BY id"
    )
    dfad, fast = (r["abstract"] for r in records)
    assert dfad.startswith("Knowledge Distillation (KD) has made remarkable progress")
    assert dfad.endswith("https://github.com/VainF/Data-Free-Adversarial-Distillation.")
    assert fast.endswith("Code is available at \\url{https://github.com/zju-vipa/Fast-Datafree}.")
    assert len(dfad) == 1285
