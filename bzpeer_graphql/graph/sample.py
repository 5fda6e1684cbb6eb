"""Seeded samples of the list roots: the same seed over the same data, the same sample."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Load, Props, node
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.lists import (
    ResearcherFilter,
    WorkFilter,
    researcher_filter_options,
    work_filter_options,
)
from bzpeer_graphql.graph.plans import planned_by
from bzpeer_graphql.loaders.stats import PapersSample, ResearchersSample, SampleLoader

if TYPE_CHECKING:
    from bzpeer_graphql.graph.paper import Paper
    from bzpeer_graphql.graph.researcher import Researcher

PaperType = Annotated["Paper", strawberry.lazy("bzpeer_graphql.graph.paper")]
ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]

#: the most items one sample returns
MAX_SAMPLE = 200

Size = Annotated[
    int,
    strawberry.argument(
        description=f"How many to draw (1 to {MAX_SAMPLE}); fewer when fewer match."
    ),
]
Seed = Annotated[
    int,
    strawberry.argument(
        description="The seed (0 to 2^31 - 2): the same seed over the same data draws the same "
        "sample, in the same order."
    ),
]


def _sample_load(loader: type[SampleLoader], options: Any) -> Load:
    """A root sample: one key of `loader` per alias, so every alias shares a round trip."""

    def key(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> Any:
        size, seed = given["size"], given["seed"]
        if not 1 <= size <= MAX_SAMPLE:
            raise BadUserInput(f"size must be from 1 to {MAX_SAMPLE} (got {size})", argument="size")
        if not 0 <= seed <= 2**31 - 2:
            raise BadUserInput(f"seed must be from 0 to 2^31 - 2 (got {seed})", argument="seed")
        picked = {**options(given.get("filter")), "size": size, "seed": seed}
        return tuple(sorted(picked.items()))

    def shape(row: Any, args: Any, props: Props | None) -> list[Any]:
        return [node(item["node"], props) for item in (row or {}).get("items", [])]

    return Load(loader, key, lambda source, args: args, shape)


@strawberry.type
class SampleQuery:
    @planned_by(
        _sample_load(PapersSample, work_filter_options),
        "A seeded random sample of the papers matching `filter` (every paper when left out): "
        "each match ranked by a hash of its id and the seed, the first `size`.",
    )
    def paper_sample(
        self,
        size: Size,
        seed: Seed = 0,
        filter: Annotated[
            WorkFilter | None,
            strawberry.argument(description="Draw only from works matching every condition."),
        ] = None,
    ) -> list[PaperType]: ...

    @planned_by(
        _sample_load(ResearchersSample, researcher_filter_options),
        "A seeded random sample of the researchers matching `filter` (everyone when left out), "
        "drawn as `paperSample` draws papers.",
    )
    def researcher_sample(
        self,
        size: Size,
        seed: Seed = 0,
        filter: Annotated[
            ResearcherFilter | None,
            strawberry.argument(description="Draw only from researchers matching every condition."),
        ] = None,
    ) -> list[ResearcherType]: ...
