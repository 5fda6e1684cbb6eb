"""What the cost of an operation counts, in objects: the arguments that bound a list, and the
weights of ranked orders, slices, introspection and aggregates (calibrated on the 100k graph:
docs/operations.md, "Limits"). `limits.py` walks an operation with them."""

from __future__ import annotations

#: the argument that bounds how many items a list field returns (`size` for a sample)
SIZE_ARGUMENT = "first"
#: the same bound on a page taken from the end of a list
LAST_ARGUMENT = "last"
SAMPLE_ARGUMENT = "size"
#: the argument of a look-up by many ids (`nodes(ids:)`): its items are the ids given
IDS_ARGUMENT = "ids"
#: orders of a root list that rank every match before the first page (docs/api.md, list roots),
#: and what that counts as, in objects (calibrated on the 100k graph: docs/operations.md, "Limits")
RANKED_ORDER_COST = {
    "CITATIONS_DESC": 15000,
    "CITATIONS_PER_WORK_DESC": 15000,
    "H_INDEX_DESC": 15000,
    "WORKS_IN_WINDOW_DESC": 15000,
    "WORKS_DESC": 1500,
    "PAPERS_DESC": 300,
    "MEMBERS_DESC": 300,
}
#: the root lists whose default order walks an index, the arguments that take a page off that
#: walk (a page from the end, or one ending at a cursor: it ranks every match, docs/api.md) and
#: what such a page counts as besides its items (not calibrated on its own: an order by works)
INDEX_WALKED = frozenset({"papers", "researchers"})
OFF_THE_WALK = (LAST_ARGUMENT, "before")
OFF_THE_WALK_COST = RANKED_ORDER_COST["WORKS_DESC"]
#: what a slice's node counts as, and a node whose neighbours a level ranks (docs/operations.md,
#: "Limits": calibrated on the 100k graph so that the costliest admitted slice takes ~5 s)
SLICE_NODE_COST = 10
SLICE_EXPANSION_COST = 500
#: what an introspection field counts as, in objects, whatever it selects (its depth counts as
#: any field's): a full `__schema` takes ~40 ms of CPU and answers ~150 KB, so the default cap
#: admits four in one request; one `__type` is a small share of that (docs/operations.md)
INTROSPECTION_COST = {"__schema": 5000, "__type": 100}
#: what an aggregate of works (`paperStats`, `worksPerYear`) counts as, in objects: at the root
#: it scans every matching work (30 root `paperStats` took 1-7 s on the 100k graph), on a node
#: that node's works (a few hundred at most on the 100k graph)
ROOT_AGGREGATE_COST = 1000
NODE_AGGREGATE_COST = 50
#: the types and fields that aggregate works or researchers, or rank every match (samples)
AGGREGATE_TYPES = frozenset({"PaperStats", "ResearcherStats"})
AGGREGATE_FIELDS = frozenset({"worksPerYear", "paperSample", "researcherSample"})
#: the most a cost counts up to: nested `first`s of 2^31 multiply past what JSON numbers (and
#: orjson's 64 bits) carry, and any cost this large is refused all the same
COST_CEILING = 2**53 - 1
