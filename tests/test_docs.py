"""README stays true to the code: every setting documented, the two commands present."""

from __future__ import annotations

from pathlib import Path

from bzpeer_graphql.cli import build_parser
from bzpeer_graphql.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_in_the_readme() -> None:
    missing = [name for name, _, _ in Settings.describe() if f"| `{name}` |" not in README]
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"`bzpeer-graphql {name}" not in README]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    assert "pip install -e . && bzpeer-graphql serve" in README
    assert "<!-- test-command" in README


def test_readme_starts_with_prerequisites_then_a_venv_then_the_two_commands() -> None:
    opening = README[: README.index("## The profile page in one request")]
    steps = [
        "sudo apt-get update && sudo apt-get install -y python3-venv openjdk-17-jdk-headless "
        "maven nodejs npm chromium redis-server",
        "python3 -m venv .venv && . .venv/bin/activate",
        "pip install -e . && bzpeer-graphql serve",
        "<!-- test-command",
        "pip install -e '.[test]' && python -m pytest",
    ]
    at = [opening.index(step) for step in steps]
    assert at == sorted(at)
    assert opening.index("## Start here") < at[0]
