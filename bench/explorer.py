"""How the /explorer page copes with large slices: time to the first frame and frames per second
while panning, measured in headless Chromium (WebGL through SwiftShader, no GPU).

    python -m bench.explorer --url http://127.0.0.1:8000 --id ID --max-nodes 5000 --per-node 100
    python -m bench.explorer --url http://127.0.0.1:8000 --synthetic 5000
    python -m bench.explorer --url http://127.0.0.1:8001 --url http://127.0.0.1:8000 \
        --synthetic 5000 --edges-per-node 22 --runs 4

The first opens the real slice around a node as a user would (`/explorer?id=...&maxNodes=5000`;
a 5,000-node slice costs more than the default BZPEER_MAX_COST admits: serve with
BZPEER_MAX_COST=200000). The second draws a made-up slice of N nodes in the page through the
same drawing code (`window.bzpeerExplorer.draw`). Each prints the nodes and edges drawn, the
time from the start of drawing to the first frame (`firstFrameMs`), for a real slice the time
from opening the URL to the first frame (`urlToFrameMs`, the request included), the layout's
time (ForceAtlas2 in a worker, bounded), frames per second while panning (`fps`: the frames
the browser began after a frame that showed the graph moved, sigma having drawn it or the
picture a large drawing is dragged by having moved; the median and p95 time between them), and
the time of a frame drawn whole, edges and labels included (`stillFrameMs`: what each zoom
step and each step of the layout costs).

Given `--url` more than once (servers of the page before and after a change), the runs
alternate between them, each in a fresh page, so that the machine's load falls on both alike;
the last lines are each server's medians.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import shutil
import statistics
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
    # --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start;
    # SwiftShader is WebGL without a GPU, which Chromium asks to be allowed by name
    args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
    browser: Browser = await playwright.chromium.launch(executable_path=path, args=args)
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


async def measure_pan(page: Page, steps: int = 60, edges: bool = False) -> dict[str, Any]:
    """Drags the graph in a circle, one mouse move a frame sent by the page itself (so no
    round trip to this driver paces it), for `steps` frames; the frames that showed the graph
    moved (the page's `recordFrames`: sigma drew them, or the picture a large drawing is dragged
    by had moved) give frames per second and the time between frames. `edges` keeps edges and
    labels in the frames sigma draws while the view moves."""
    if edges:
        await page.evaluate(
            "() => window.bzpeerExplorer.sigma.setSettings("
            "{ hideEdgesOnMove: false, hideLabelsOnMove: false })"
        )
    times: list[float] = await page.evaluate(
        "steps => window.bzpeerExplorer.dragFrames(steps)", steps
    )
    gaps = sorted(later - earlier for earlier, later in itertools.pairwise(times))
    if not gaps:
        return {"frames": len(times), "fps": 0.0}
    return {
        "frames": len(times),
        "fps": (len(times) - 1) / ((times[-1] - times[0]) / 1000),
        "frameMedianMs": statistics.median(gaps),
        "frameP95Ms": gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))],
    }


STILL_FRAMES = """async (frames) => {
  const sigma = window.bzpeerExplorer.sigma;
  const camera = sigma.getCamera();
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  while (camera.isAnimated()) await frame(); // the pan's inertia
  const start = camera.getState();
  const times = [];
  for (let i = 0; i < frames; i += 1) {
    camera.setState({ x: start.x + 0.001 * ((i % 2) + 1) });
    await frame();
    times.push(performance.now());
  }
  camera.setState(start);
  return times;
}"""


async def measure_still(page: Page, frames: int = 7) -> dict[str, Any]:
    """Moves the camera a little each frame with no mouse or animation, so that sigma draws
    every frame whole (edges and labels, as when the layout moves nodes or after each zoom
    step): the median time between those frames."""
    times: list[float] = await page.evaluate(STILL_FRAMES, frames)
    gaps = sorted(later - earlier for earlier, later in itertools.pairwise(times))
    return {"stillFrameMs": statistics.median(gaps)} if gaps else {}


async def draw_synthetic(
    page: Page,
    nodes: int,
    steps: int = 60,
    layout_ms: int | None = None,
    edges_per_node: int = 7,
) -> dict[str, Any]:
    """Draws a synthetic slice through the page's own drawing code and measures it."""
    slice_ = synthetic_slice(nodes, edges_per_node=edges_per_node)
    drawn: dict[str, Any] = await page.evaluate(
        "([slice, budget]) => window.bzpeerExplorer.draw(slice, budget ?? undefined)",
        [slice_, layout_ms],
    )
    viewport = await measure_pan(page, steps)
    still = await measure_still(page)
    return {
        "slice": "synthetic",
        "edgesInSlice": len(slice_["edges"]),
        **drawn,
        **viewport,
        **still,
    }


async def open_slice(
    page: Page,
    base: str,
    node_id: str,
    depth: int,
    max_nodes: int,
    per_node: int | None = None,
    steps: int = 60,
    edges: bool = False,
) -> dict[str, Any]:
    """Opens /explorer on a real slice as a user would and measures it."""
    params: dict[str, Any] = {"id": node_id, "depth": depth, "maxNodes": max_nodes}
    if per_node:
        params["perNode"] = per_node
    query = urlencode(params)
    started = time.monotonic()
    await page.goto(f"{base}/explorer?{query}")
    await page.wait_for_selector(
        f'body[data-state="ready"][data-center="{node_id}"]', timeout=180_000
    )
    ready_s = time.monotonic() - started
    drawn = await page.evaluate(
        "() => ({ nodes: window.bzpeerExplorer.graph.order,"
        " edges: window.bzpeerExplorer.graph.size,"
        " firstFrameMs: window.bzpeerExplorer.firstFrameMs,"
        " urlToFrameMs: window.bzpeerExplorer.firstFrameAt,"
        " layoutMs: window.bzpeerExplorer.layoutMs })"
    )
    viewport = await measure_pan(page, steps, edges)
    still = await measure_still(page)
    status = await page.inner_text("#graph-status")
    return {
        "slice": node_id,
        "depth": depth,
        "readyS": ready_s,
        **drawn,
        **viewport,
        **still,
        "status": status,
    }


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url",
        action="append",
        help="the running server (default http://127.0.0.1:8000); given more than once, the "
        "runs alternate between the servers",
    )
    parser.add_argument("--id", help="open the real slice around this node")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--max-nodes", type=int, default=5000)
    parser.add_argument("--per-node", type=int, help="neighbours per node (1-100)")
    parser.add_argument("--synthetic", type=int, help="draw a made-up slice of this many nodes")
    parser.add_argument(
        "--edges-per-node", type=int, default=7, help="edges a node of the made-up slice has"
    )
    parser.add_argument("--runs", type=int, default=3, help="measure this many times (each URL)")
    parser.add_argument(
        "--edges-while-panning", action="store_true", help="keep edges and labels while dragging"
    )
    args = parser.parse_args(argv)
    urls: list[str] = args.url or ["http://127.0.0.1:8000"]
    results: dict[str, list[dict[str, Any]]] = {url: [] for url in urls}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        for _ in range(args.runs):
            for url in urls:
                page = await browser.new_page(viewport={"width": 1400, "height": 900})
                if args.synthetic:
                    await page.goto(f"{url}/explorer")
                    result = await draw_synthetic(
                        page, args.synthetic, edges_per_node=args.edges_per_node
                    )
                else:
                    result = await open_slice(
                        page,
                        url,
                        args.id,
                        args.depth,
                        args.max_nodes,
                        args.per_node,
                        edges=args.edges_while_panning,
                    )
                await page.close()
                results[url].append(result)
                print(json.dumps({"url": url, **rounded(result)}), flush=True)
        await browser.close()
    if len(urls) > 1:
        for url, runs in results.items():
            print(json.dumps({"url": url, "runs": len(runs), **medians(runs)}))
    return 0


def rounded(result: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in result.items()}


def medians(runs: list[dict[str, Any]]) -> dict[str, float]:
    """The median of each figure over `runs`."""
    names = (
        "firstFrameMs",
        "urlToFrameMs",
        "layoutMs",
        "fps",
        "frameMedianMs",
        "frameP95Ms",
        "stillFrameMs",
    )
    return {
        f"median {name}": round(statistics.median(run[name] for run in runs), 1)
        for name in names
        if all(isinstance(run.get(name), int | float) for run in runs)
    }


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
