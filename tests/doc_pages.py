"""The project's documentation: README.md, the pages of docs/ and bench/README.md."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def doc_paths() -> list[Path]:
    """Every documentation page, the README first, then docs/ by name, then the benchmarks."""
    return [README, *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md"]


def doc_texts() -> list[tuple[Path, str]]:
    """Each page with its text, in the order of `doc_paths`."""
    return [(path, path.read_text()) for path in doc_paths()]
