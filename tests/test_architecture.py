"""Dependencies point inwards (DESIGN.md, "Architecture: the rooms"), and nothing goes round.

- Only the outer ring (``bot/channels``, ``bot/web.py``, ``bot/app.py``, ``bot/cli.py``) may touch
  a platform library or import the outer ring.
- The runtime core (the rest of ``bot/``) imports no feature (``handlers``), no knowledge base
  and no scheduler: it knows how the bot meets the world, not what it does.
- ``scheduler/`` and ``knowledge/`` import no feature; ``scheduler/rules.py`` imports nothing of
  the project at all (pure date arithmetic).
- No import cycles between modules. Imports under ``if TYPE_CHECKING:`` are for type checkers
  only and are not counted; imports inside functions are.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("bot", "handlers", "knowledge", "scheduler")
PLATFORM = {"slack_bolt", "slack_sdk", "telegram", "imaplib", "imapclient", "smtplib",
            "aiosmtplib", "email.mime", "aiosmtpd"}
OUTER_RING = {"bot.channels", "bot.web", "bot.app", "bot.cli"}
INNER = ["handlers", "knowledge", "scheduler", "bot/messages.py", "bot/models.py",
         "bot/outbox.py", "bot/dispatch.py", "bot/registry.py", "bot/forms.py", "bot/db.py",
         "bot/config.py", "bot/templates.py", "bot/audit.py", "bot/errors.py",
         "bot/words.py", "bot/migrations"]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import in ``tree`` except those under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _import_nodes(other)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def imports_of(path: Path) -> set[str]:
    """Every module a Python file imports (absolute names), at run time."""
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _files(entry: str) -> list[Path]:
    target = ROOT / entry
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


def _hits(modules: set[str], forbidden: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden))


def _offenders(entries: list[str], forbidden: set[str]) -> dict[str, list[str]]:
    found = {
        str(path.relative_to(ROOT)): _hits(imports_of(path), forbidden)
        for entry in entries for path in _files(entry)
    }
    return {path: hits for path, hits in found.items() if hits}


@pytest.mark.parametrize("entry", INNER)
def test_inner_code_imports_no_platform_library_and_no_outer_ring(entry: str) -> None:
    assert _offenders([entry], PLATFORM | OUTER_RING) == {}


def test_the_runtime_core_imports_no_feature_knowledge_or_scheduler() -> None:
    core = [entry for entry in INNER if entry.startswith("bot/")]
    assert _offenders(core, {"handlers", "knowledge", "scheduler"}) == {}


def test_scheduler_and_knowledge_import_no_feature() -> None:
    assert _offenders(["scheduler", "knowledge"], {"handlers"}) == {}


def test_the_deadline_rules_import_nothing_of_the_project() -> None:
    assert _offenders(["scheduler/rules.py"], set(PROJECT)) == {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (``from pkg import mod`` counts as ``pkg.mod``,
    not as the package: importing a submodule does not run a cycle through its package)."""
    modules = {_module_name(path): path for top in PROJECT for path in _files(top)
               if "migrations/versions" not in str(path)}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in _import_nodes(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names if alias.name in modules)
            elif node.module and node.level == 0 and node.module.split(".")[0] in PROJECT:
                submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(modules)
                edges.update(submodules)
                if len(submodules) < len(node.names) and node.module in modules:
                    edges.add(node.module)
        graph[name] = edges - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` as a list of modules (first == last), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_no_import_cycles() -> None:
    assert find_cycle(_graph()) == []


def test_the_cycle_check_itself_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_the_check_itself_sees_a_platform_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import smtplib\nfrom telegram.ext import Application\n"
                      "from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    import slack_bolt\n")
    assert _hits(imports_of(sneaky), PLATFORM) == ["smtplib", "telegram.ext",
                                                   "telegram.ext.Application"]
