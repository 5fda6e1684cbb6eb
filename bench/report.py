"""Benchmark results as JSON, a markdown table with ratios, and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.paging import PAGE_SIZE
from bench.questions import Question

ORDER = (
    "floor",
    "bzpeer",
    "naive",
    "peer",
    "peer-coauthor",
    "bzpeer-scaled",
    "peer-scaled",
    "peer-coauthor-scaled",
)
#: the peer in both configurations (type definitions over papers, over COAUTHOR), any processes
PEERS = ("peer", "peer-coauthor", "peer-scaled", "peer-coauthor-scaled")


def _ratio(value: float | None, base: float | None) -> str:
    if not value or not base:
        return "-"
    return f"{value / base:.2f}x"


def table(results: dict[str, dict[str, Any]], questions: list[Question]) -> str:
    """A markdown table: latency at concurrency 1, throughput at 16, ratios to the floor and to
    the best peer (the lowest p50 and the highest req/s of any peer configuration)."""
    lines = [
        "| question | contender | p50 ms | p99 ms | req/s @16 | Cypher trips | p50 vs floor "
        "| p50 vs best peer | req/s vs floor | req/s vs best peer |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for question in questions:
        row = results[question.name]
        floor = row.get("floor", {})
        peers = [row[p] for p in PEERS if row.get(p, {}).get("status") == "ok"]
        peer = {
            "p50Ms": min((p["p50Ms"] for p in peers), default=None),
            "rps": max((p["rps"] for p in peers), default=None),
        }
        for name in ORDER:
            if name not in row:
                continue
            r = row[name]
            if r["status"] != "ok":
                lines.append(
                    f"| {question.name} | {name} | {r['status']}: {r['detail']} | | | | | | | |"
                )
                continue
            lines.append(
                f"| {question.name} | {name} | {r['p50Ms']:.1f} | {r['p99Ms']:.1f} "
                f"| {r['rps']:.0f} | {r['trips'] if r['trips'] is not None else '-'} "
                f"| {_ratio(r['p50Ms'], floor.get('p50Ms'))} "
                f"| {_ratio(r['p50Ms'], peer.get('p50Ms'))} "
                f"| {_ratio(r['rps'], floor.get('rps'))} | {_ratio(r['rps'], peer.get('rps'))} |"
            )
    return "\n".join(lines)


def paging(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per contender: p50 of page 1, p50 of the deep page, and how many times page 1 it costs."""
    summary = {}
    for name in ORDER:
        first = results.get("page1", {}).get(name, {})
        deep = results.get("page500", {}).get(name, {})
        if first.get("status") == "ok" and deep.get("status") == "ok":
            summary[name] = {
                "page1P50Ms": first["p50Ms"],
                "deepP50Ms": deep["p50Ms"],
                "deepOverPage1": round(deep["p50Ms"] / first["p50Ms"], 2),
            }
    return summary


def paging_table(results: dict[str, dict[str, Any]], deep_page: int) -> str:
    """A markdown table: p50 of page 1 and of the deep page, and their ratio, per contender."""
    lines = [
        f"| contender | page 1 p50 ms | page {deep_page} p50 ms | page {deep_page} / page 1 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, row in paging(results).items():
        lines.append(
            f"| {name} | {row['page1P50Ms']:.1f} | {row['deepP50Ms']:.1f} "
            f"| {row['deepOverPage1']:.2f}x |"
        )
    return "\n".join(lines)


def chart(
    path: Path, results: dict[str, dict[str, Any]], questions: list[Question], title: str
) -> None:
    """Grouped bars: p50 latency (log scale) and throughput, per question and contender."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(13, 4.8))
    width = 0.8 / len(ORDER)
    for offset, name in enumerate(ORDER):
        xs, p50s, rates = [], [], []
        for index, question in enumerate(questions):
            r = results[question.name].get(name)
            if r and r["status"] == "ok":
                xs.append(index + (offset - (len(ORDER) - 1) / 2) * width)
                p50s.append(r["p50Ms"])
                rates.append(r["rps"])
        latency.bar(xs, p50s, width, label=name)
        throughput.bar(xs, rates, width, label=name)
    for axis, label in (
        (latency, "p50 latency, ms (concurrency 1, log)"),
        (throughput, "requests/s (concurrency 16, log)"),
    ):
        axis.set_xticks(range(len(questions)), [q.name for q in questions])
        axis.set_title(label)
        axis.legend()
    latency.set_yscale("log")
    throughput.set_yscale("log")
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write(
    folder: Path,
    stem: str,
    meta: dict[str, Any],
    results: dict[str, dict[str, Any]],
    questions: list[Question],
) -> list[Path]:
    """Writes <stem>.json, <stem>.md and <stem>.png into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{stem}.json", folder / f"{stem}.md", folder / f"{stem}.png"]
    summary = {"meta": meta, "results": results, "paging": paging(results)}
    paths[0].write_text(json.dumps(summary, indent=2) + "\n")
    described = "\n".join(f"- **{q.name}**: {q.title}" for q in questions)
    deep = meta["deepPage"]
    paths[1].write_text(
        f"# Benchmark {meta['date']}, {meta['size']} ({meta['papers']:,} papers)\n\n"
        f"{described}\n\n{table(results, questions)}\n\n"
        f"## Deep paging: page {deep} against page 1\n\n"
        f"{PAGE_SIZE} papers a page, newest first; page {deep} starts at paper "
        f"{(deep - 1) * PAGE_SIZE + 1:,} of {meta['graph']['papers']:,}, reached through each "
        f"contender's own cursors (p50 at concurrency 1).\n\n{paging_table(results, deep)}\n"
    )
    chart(paths[2], results, questions, f"{meta['size']}: {meta['papers']:,} papers")
    return paths
