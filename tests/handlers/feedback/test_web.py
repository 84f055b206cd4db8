"""``GET /feedback`` as registered by the feature, and ``pledgebot feedback export``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette

from bot.app import build_deps
from bot.config import Settings
from bot.dispatch import Router
from bot.models import DeadlineStatus, OrganisationKind
from bot.templates import make_templates
from handlers import feedback
from handlers.surveys.results import SurveyResults
from tests.cli import run_cli
from tests.factories import make_organisation
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import add_deadline
from tests.handlers.feedback.support import procurement_survey
from tests.web import request, web_app

NOW = at(date(2026, 12, 3), 10)
NORTHSHIRE = "Northshire County Council"
SOUTHDALE = "Southdale & Vale Council"


def _published(session: Session, council_id: int, /, *, min_group: int, now: datetime
               ) -> list[SurveyResults]:
    """Northshire's survey only (the council with the smaller id)."""
    return [procurement_survey()] if council_id == min(_ids.values()) else []


_ids: dict[str, int] = {}


def _seed(factory: sessionmaker[Session], *names: str) -> None:
    _ids.clear()
    for name in names:
        _ids[name] = make_organisation(factory, name, OrganisationKind.COUNCIL)
    add_deadline(factory, rule="initial-review", reference="P-1", council=_ids[names[0]],
                 due_on=date(2026, 10, 5), status=DeadlineStatus.DONE,
                 done_on=date(2026, 10, 1))


def _web(factory: sessionmaker[Session]) -> Starlette:
    settings = Settings()
    deps = build_deps(settings)
    router = Router(factory, settings, make_templates(), deps=deps, clock=lambda: NOW)
    feedback.register(router, deps, results=_published)
    return web_app(router)


def _get(app: Starlette, path: str) -> httpx.Response:
    return request(app, "GET", path)


def test_one_council_gets_its_page_at_once(factory: sessionmaker[Session]) -> None:
    _seed(factory, NORTHSHIRE)
    page = _get(_web(factory), "/feedback")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert f"<h1>Provider feedback and the pledge: {NORTHSHIRE}</h1>" in page.text
    assert "100% (1 of 1)" in page.text
    assert "Procurement experience: tender T-2026-004" in page.text
    assert "All councils" not in page.text


def test_several_councils_get_a_list_linking_each(factory: sessionmaker[Session]) -> None:
    _seed(factory, NORTHSHIRE, SOUTHDALE)
    app = _web(factory)
    index = _get(app, "/feedback")
    assert index.status_code == 200
    assert '<a href="/feedback?council=Northshire%20County%20Council">' in index.text
    assert '<a href="/feedback?council=Southdale%20%26%20Vale%20Council">' in index.text
    southdale = _get(app, "/feedback?council=Southdale%20%26%20Vale%20Council")
    assert southdale.status_code == 200
    assert "Provider feedback and the pledge: Southdale &amp; Vale Council" in southdale.text
    assert "No survey has closed yet." in southdale.text
    assert '<a href="/feedback">All councils</a>' in southdale.text
    # Found as the export finds it: any case, spaces round the name ignored.
    typed = _get(app, "/feedback?council=%20southdale%20%26%20vale%20council")
    assert typed.status_code == 200
    assert "Provider feedback and the pledge: Southdale &amp; Vale Council" in typed.text
    unknown = _get(app, "/feedback?council=%3Cb%3ENowhere")
    assert unknown.status_code == 404
    assert "No council called &ldquo;&lt;b&gt;Nowhere&rdquo;" in unknown.text
    assert "/feedback?council=Northshire%20County%20Council" in unknown.text


def test_export_writes_one_static_file(factory: sessionmaker[Session], database_url: str,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(factory, NORTHSHIRE, SOUTHDALE)
    # The CLI reads the feature's results provider: here, the hand-built survey.
    monkeypatch.setattr(feedback, "published_results", _published)
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_FIXED_NOW": NOW.isoformat()}
    out = tmp_path / "site" / "feedback.html"
    out.parent.mkdir()
    made = run_cli("feedback", "export", "--out", str(out), "--council",
                   "northshire county council", cwd=tmp_path, env=env)
    assert (made.returncode, made.stdout.decode()) == (
        0, f"Wrote the feedback page of {NORTHSHIRE} to {out}.\n")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "From 1 September 2026 to 30 November 2026" in html
    assert 'data-chart="s0q0"' in html
    assert "All councils" not in html
    assert "<script" not in html
    needs_name = run_cli("feedback", "export", "--out", str(tmp_path / "x.html"),
                         cwd=tmp_path, env=env)
    assert (needs_name.returncode, needs_name.stderr.decode()) == (
        1, f"pledgebot: feedback export: name one with --council: '{NORTHSHIRE}', "
           f"'{SOUTHDALE}'\n")
    unknown = run_cli("feedback", "export", "--out", str(tmp_path / "x.html"), "--council",
                      "Nowhere", cwd=tmp_path, env=env)
    assert unknown.returncode == 1
    assert "no council is called 'Nowhere'" in unknown.stderr.decode()
    assert not (tmp_path / "x.html").exists()
