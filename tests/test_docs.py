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
