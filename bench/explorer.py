"""How the /explorer page copes with large slices: layout time and pan/zoom response, measured in
headless Chromium.

    python -m bench.explorer --url http://127.0.0.1:8000 --id syn-r1343 --depth 3 --max-nodes 2000
    python -m bench.explorer --url http://127.0.0.1:8000 --synthetic 2000

The first asks the server for a real slice (load a synthetic graph first: `bzpeer-graphql
generate --papers 10000 --seed 7 --out syn10k.jsonl && bzpeer-graphql load syn10k.jsonl`; its
busiest researcher is `syn-r1343`) and opens it as a user would. The second draws a made-up slice
of N nodes in the page through the same drawing code (`window.bzpeerExplorer.draw`). Each prints
the nodes and edges drawn, the layout time (until the force layout has stopped and the graph is
drawn), the time a pan or zoom step takes until the browser shows it (median, p95, max), and for
a real slice the seconds from opening the URL to the drawn graph (`readyS`, the request included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import time
from typing import Any
from urllib.parse import urlencode

from playwright.async_api import Browser, Page, async_playwright

KINDS = (("RESEARCHER", 0.36), ("PAPER", 0.58), ("TOPIC", 0.05), ("INSTITUTION", 0.01))
EDGE_KIND = {
    frozenset({"RESEARCHER"}): "COAUTHOR",
    frozenset({"RESEARCHER", "PAPER"}): "AUTHORED",
    frozenset({"PAPER", "TOPIC"}): "ABOUT",
    frozenset({"RESEARCHER", "TOPIC"}): "WORKS_ON",
    frozenset({"RESEARCHER", "INSTITUTION"}): "AFFILIATED_WITH",
    frozenset({"PAPER"}): "CITES",
    frozenset({"TOPIC"}): "RELATED",
}


def chromium() -> str | None:
    """Debian's Chromium, which Playwright drives without a browser download of its own."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


async def launch(playwright: Any) -> Browser:
    path = chromium()
    if path is None:
        raise RuntimeError("no chromium on PATH: apt-get install chromium")
    # --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start
    browser: Browser = await playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
    return browser


def synthetic_slice(nodes: int, seed: int = 7, edges_per_node: int = 7) -> dict[str, Any]:
    """A made-up neighbourhood slice shaped like a real depth-3 one: kinds in the proportions of
    the 10k-paper synthetic graph, each node hung under an earlier one (so depths 1 to 3), and
    about `edges_per_node` edges a node in all."""
    rng = random.Random(seed)
    kinds = [kind for kind, _ in KINDS]
    shares = [share for _, share in KINDS]
    kind_of = ["RESEARCHER"] + [rng.choices(kinds, shares)[0] for _ in range(1, nodes)]
    depth = [0]
    pairs: set[tuple[int, int]] = set()
    for i in range(1, nodes):
        parent = rng.randrange(min(i, 1 + i // 3))
        depth.append(min(3, depth[parent] + 1))
        pairs.add((parent, i))
    while len(pairs) < nodes * edges_per_node // 2:
        a, b = rng.sample(range(nodes), 2)
        pairs.add((min(a, b), max(a, b)))
    slice_nodes: list[dict[str, Any]] = [
        {
            "id": f"n{i}",
            "kind": kind_of[i],
            "label": "Centre" if i == 0 else f"Node {i}",
            "weight": None if i == 0 else float(rng.randint(1, 5)),
            "depth": depth[i],
        }
        for i in range(nodes)
    ]
    edges = [
        {
            "source": f"n{source}",
            "target": f"n{target}",
            "kind": EDGE_KIND.get(frozenset({kind_of[source], kind_of[target]}), "RELATED"),
            "weight": float(rng.randint(1, 6)),
        }
        for source, target in sorted(pairs)
    ]
    return {"center": slice_nodes[0], "nodes": slice_nodes, "edges": edges, "truncated": True}


async def draw_synthetic(page: Page, nodes: int, steps: int = 40) -> dict[str, Any]:
    """Draws a synthetic slice through the page's own drawing code and measures it."""
    slice_ = synthetic_slice(nodes)
    drawn: dict[str, Any] = await page.evaluate(
        "slice => window.bzpeerExplorer.draw(slice)", slice_
    )
    viewport: dict[str, Any] = await page.evaluate(
        "steps => window.bzpeerExplorer.measureViewport(steps)", steps
    )
    return {"slice": "synthetic", "edgesInSlice": len(slice_["edges"]), **drawn, **viewport}


async def open_slice(
    page: Page, base: str, node_id: str, depth: int, max_nodes: int, steps: int = 40
) -> dict[str, Any]:
    """Opens /explorer on a real slice as a user would and measures it."""
    query = urlencode({"id": node_id, "depth": depth, "maxNodes": max_nodes})
    started = time.monotonic()
    await page.goto(f"{base}/explorer?{query}")
    await page.wait_for_selector(
        f'body[data-state="ready"][data-center="{node_id}"]', timeout=180_000
    )
    ready_s = time.monotonic() - started
    drawn = await page.evaluate(
        "() => ({ nodes: window.bzpeerExplorer.cy.nodes().length,"
        " edges: window.bzpeerExplorer.cy.edges().length,"
        " layoutMs: window.bzpeerExplorer.layoutMs })"
    )
    viewport = await page.evaluate("steps => window.bzpeerExplorer.measureViewport(steps)", steps)
    status = await page.inner_text("#graph-status")
    return {
        "slice": node_id,
        "depth": depth,
        "readyS": ready_s,
        **drawn,
        **viewport,
        "status": status,
    }


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running server")
    parser.add_argument("--id", help="open the real slice around this node")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--max-nodes", type=int, default=2000)
    parser.add_argument("--synthetic", type=int, help="draw a made-up slice of this many nodes")
    parser.add_argument("--runs", type=int, default=3, help="measure this many times")
    args = parser.parse_args(argv)
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page(viewport={"width": 1400, "height": 900})
        for _ in range(args.runs):
            if args.synthetic:
                await page.goto(f"{args.url}/explorer")
                result = await draw_synthetic(page, args.synthetic)
            else:
                result = await open_slice(page, args.url, args.id, args.depth, args.max_nodes)
            print(
                json.dumps(
                    {k: round(v, 1) if isinstance(v, float) else v for k, v in result.items()}
                )
            )
        await browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
