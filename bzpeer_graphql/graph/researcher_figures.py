"""A researcher's figures: the profile's counts, its trust snapshot and the source's own
figures of the author record."""

from __future__ import annotations

import strawberry

from bzpeer_graphql.engine.fields import Row
from bzpeer_graphql.graph.node import describe_values
from bzpeer_graphql.graph.plans import item, planned
from bzpeer_graphql.identity.trust import ClaimState

strawberry.enum(
    ClaimState,
    name="ClaimStatus",
    description="Whether a signed-in user claimed the author record.",
)
describe_values(
    ClaimState,
    UNCLAIMED="Nobody claims the record.",
    CLAIMED="A signed-in user claims it (verification level 2).",
    VERIFIED="Claimed, and the claimant's ORCID sign-in matches the record's (level 3).",
)


@strawberry.type(description="The trust snapshot of a profile (rules in the API docs).")
class Trust:
    score: int = strawberry.field(description="0-100.")
    label: str = strawberry.field(description="Unverified, Claimed or Verified.")
    verification_level: int = strawberry.field(
        description="0 no persistent id, 1 public record, 2 claimed, 3 claim verified by ORCID."
    )
    claim_status: ClaimState = strawberry.field(description="Whether the record is claimed.")


@strawberry.type(description="The numbers shown on a profile.")
class ResearcherCounts:
    works: int = planned(item("works"), "Works authored.")
    followers: int = planned(item("followers"), "Users following the researcher.")
    topics: int = planned(item("topics"), "Distinct topics of their works.")
    close_collaborators: int = planned(
        item("closeCollaborators"), "Coauthors with 2+ shared works."
    )
    coauthors: int = planned(item("coauthors"), "Distinct coauthors.")
    citations: int = planned(item("citations"), "Citations their works received.")


#: the node properties an author record's own figures are kept in, as the source gave them
SOURCE_FIGURES = (
    "sourceWorksCount",
    "sourceCitedByCount",
    "sourceHIndex",
    "sourceI10Index",
    "sourceMeanCitedness2yr",
)


@strawberry.type(
    description="An author record's own figures as its source (OpenAlex) counted them, over "
    "every work the source knows of the person; each null where the source is silent (records "
    "before 2023 carry the two counts only). The graph's own: `counts`, `hIndex`, `i10Index`."
)
class ResearcherSourceStats:
    works_count: int | None = planned(
        item("sourceWorksCount"), "Works the source counts (OpenAlex `works_count`)."
    )
    cited_by_count: int | None = planned(
        item("sourceCitedByCount"),
        "Citations of those works the source counts (OpenAlex `cited_by_count`).",
    )
    h_index: int | None = planned(
        item("sourceHIndex"), "The h-index the source computed (`summary_stats.h_index`)."
    )
    i10_index: int | None = planned(
        item("sourceI10Index"),
        "Works cited 10 times or more, as the source counted (`summary_stats.i10_index`).",
    )
    mean_citedness_2yr: float | None = planned(
        item("sourceMeanCitedness2yr"),
        "Mean citations, over the last year, of the works of the two years before "
        "(`summary_stats.2yr_mean_citedness`).",
    )
    as_of: str | None = planned(
        item("updatedDate"), "The date of the source's record they come from (`updated_date`)."
    )


def figures_of_source(row: Row) -> Row | None:
    """The source's own figures of an author record, or None when it gives none."""
    figures = {name: row.get(name) for name in SOURCE_FIGURES}
    if all(value is None for value in figures.values()):
        return None
    return {**figures, "updatedDate": row.get("updatedDate")}
