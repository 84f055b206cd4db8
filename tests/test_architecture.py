"""Dependencies point inwards: only bot/channels (and the outer ring) may touch a platform."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = {"slack_bolt", "slack_sdk", "telegram", "imaplib", "imapclient", "smtplib",
            "aiosmtplib", "email.mime", "aiosmtpd"}
OUTER_RING = {"bot.channels", "bot.web", "bot.app", "bot.cli"}
INNER = ["handlers", "knowledge", "scheduler", "bot/messages.py", "bot/models.py",
         "bot/outbox.py", "bot/dispatch.py", "bot/db.py", "bot/config.py", "bot/templates.py",
         "bot/audit.py", "bot/errors.py"]


def imports_of(path: Path) -> set[str]:
    """Every module a Python file imports (absolute names)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _files(entry: str) -> list[Path]:
    target = ROOT / entry
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


def _hits(modules: set[str], forbidden: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("entry", INNER)
def test_inner_code_imports_no_platform_library_and_no_outer_ring(entry: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): _hits(imports_of(path), PLATFORM | OUTER_RING)
        for path in _files(entry)
    }
    assert {path: hits for path, hits in offenders.items() if hits} == {}


def test_scheduler_does_not_import_handlers() -> None:
    offenders = {
        str(path.relative_to(ROOT)): _hits(imports_of(path), {"handlers"})
        for path in _files("scheduler")
    }
    assert {path: hits for path, hits in offenders.items() if hits} == {}


def test_the_check_itself_sees_a_platform_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import smtplib\nfrom telegram.ext import Application\n")
    assert _hits(imports_of(sneaky), PLATFORM) == ["smtplib", "telegram.ext",
                                                   "telegram.ext.Application"]
