"""The README and docs/ stay true to the code: every setting and command documented, the two
commands first, the README short, every relative link pointing at something that exists."""

from __future__ import annotations

import re
import subprocess

from graphql import (
    FieldNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    parse,
    visit,
)

from bzpeer_graphql.cli import build_parser
from bzpeer_graphql.settings import Settings
from tests.doc_pages import README, ROOT, doc_paths, doc_texts

README_TEXT = README.read_text()
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text()


def test_every_setting_is_in_the_configuration_page() -> None:
    missing = [name for name, _, _ in Settings.describe() if f"| `{name}` |" not in CONFIGURATION]
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"`bzpeer-graphql {name}" not in README_TEXT]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    assert "pip install -e '.[serve]' && bzpeer-graphql serve" in README_TEXT
    assert "<!-- test-command" in README_TEXT


def test_readme_starts_with_prerequisites_then_a_venv_then_the_two_commands() -> None:
    opening = README_TEXT[: README_TEXT.index("## The profile page in one request")]
    steps = [
        "sudo apt-get update && sudo apt-get install -y python3-venv openjdk-17-jdk-headless "
        "maven nodejs npm chromium redis-server",
        "python3 -m venv .venv && . .venv/bin/activate",
        "pip install -e '.[serve]' && bzpeer-graphql serve",
        "<!-- test-command",
        "pip install -e '.[test]' && python -m pytest",
    ]
    at = [opening.index(step) for step in steps]
    assert at == sorted(at)
    assert opening.index("## Start here") < at[0]


def test_ci_reads_the_test_command_from_the_readme() -> None:
    # the awk program of .ci/run, run on the README as .ci/run runs it
    found = re.search(r"test_command=\$\(awk '(.*?)' README\.md\)", (ROOT / ".ci/run").read_text())
    assert found is not None
    extracted = subprocess.run(
        ["awk", found.group(1), str(README)], capture_output=True, text=True, check=True
    ).stdout
    assert extracted == "pip install -e '.[test]' && python -m pytest\n"


def test_readme_is_at_most_400_lines() -> None:
    assert len(README_TEXT.splitlines()) <= 400


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return {_anchor(h) for h in re.findall(r"^#+ (.*)$", prose, re.M)}


def _relative_links(text: str) -> list[str]:
    """The targets of the Markdown links of `text` outside fenced blocks, web addresses left out."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    targets = re.findall(r"\[[^\]\n]*\]\(([^)\s]+)\)", prose)
    return [t for t in targets if not re.match(r"[a-z]+:", t)]


def test_every_relative_link_points_to_an_existing_file_and_heading() -> None:
    broken = []
    for path, text in doc_texts():
        for target in _relative_links(text):
            file, _, anchor = target.partition("#")
            goal = (path.parent / file).resolve() if file else path
            if not goal.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
            elif anchor and anchor not in _anchors(goal.read_text()):
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def test_the_links_are_read_from_every_page() -> None:
    # the check above sees the README's links to the pages and a page's link to a heading
    assert "docs/configuration.md" in _relative_links(README_TEXT)
    api = (ROOT / "docs" / "api.md").read_text()
    assert "operations.md#request-ids-logs-and-metrics" in _relative_links(api)
    assert _anchor("Request ids, logs and metrics") == "request-ids-logs-and-metrics"


def test_every_page_of_docs_is_linked_from_the_readme() -> None:
    linked = {(README.parent / t.partition("#")[0]).resolve() for t in _relative_links(README_TEXT)}
    unlinked = [p.relative_to(ROOT) for p in doc_paths()[1:] if p.resolve() not in linked]
    assert unlinked == []


def _without_id(schema: GraphQLSchema, example: str) -> list[str]:
    """The types an example selects without their `id` (fragments aside)."""
    info = TypeInfo(schema)
    without: list[str] = []

    class Check(Visitor):
        def enter_selection_set(self, node: SelectionSetNode, *_: object) -> None:
            owner = info.get_parent_type()
            fields = {s.name.value for s in node.selections if isinstance(s, FieldNode)}
            spreads = any(not isinstance(s, FieldNode) for s in node.selections)
            has_id = isinstance(owner, GraphQLObjectType | GraphQLInterfaceType)
            if has_id and "id" in owner.fields and "id" not in fields and not spreads:
                without.append(f"{owner.name} in {example[:60]!r}")

    visit(parse(example), TypeInfoVisitor(info, Check()))
    return without


def test_every_example_asks_for_id_wherever_its_type_has_one() -> None:
    # a client cache keys objects by `id`: an example that leaves it out teaches a cache miss
    schema = build_schema((ROOT / "schema.graphql").read_text())
    examples = [
        block
        for _, text in doc_texts()
        for block in re.findall(r"```graphql\n(.*?)```", text, re.S)
    ]
    examples.append((ROOT / "bzpeer_graphql" / "web" / "graphiql_examples.graphql").read_text())
    assert [found for example in examples for found in _without_id(schema, example)] == []
