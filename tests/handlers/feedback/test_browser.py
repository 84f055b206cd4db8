"""The published feedback page in a real headless browser: Debian's chromium driven by
Playwright, against the page served by a real uvicorn on 127.0.0.1.

One browser and one server for the module. Screenshots at 1280 px and 320 px wide are saved
under the module's pytest temporary folder (the path is printed: ``pytest -s`` shows it).
Without chromium the tests are skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.routing import Route

from bot.models import DeadlineStatus, OrganisationKind
from bot.templates import make_templates
from handlers.feedback import web
from handlers.surveys.results import SurveyResults
from scheduler.rules import WorkingCalendar
from tests.factories import make_organisation
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import add_deadline
from tests.handlers.feedback.support import procurement_survey, small_survey
from tests.serving import free_port, migrated

CHROMIUM = Path("/usr/bin/chromium")
NOW = at(date(2026, 12, 3), 10)
COUNCIL = "Northshire County Council"
SURVEYS = [procurement_survey(), small_survey()]

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail("CI: Debian's chromium is missing (.ci/run installs it)", pytrace=False)
    pytest.skip("Debian's chromium (/usr/bin/chromium) is not installed: "
                "apt-get install chromium chromium-driver", allow_module_level=True)

if os.environ.get("CI") == "true":  # the test extra installs them: missing is a failure
    import axe_playwright_python.sync_playwright as axe_api
    import playwright.sync_api as sync_api
else:
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")


@dataclass
class Served:
    """The page's address and where screenshots go."""

    url: str
    shots: Path


def _published(session: Session, council_id: int, /, *, min_group: int, now: Any
               ) -> list[SurveyResults]:
    return list(SURVEYS)


def _seed(factory: sessionmaker[Session]) -> None:
    council = make_organisation(factory, COUNCIL, OrganisationKind.COUNCIL)
    for number, (due, done) in enumerate([(date(2026, 9, 10), date(2026, 9, 9)),
                                          (date(2026, 10, 5), date(2026, 10, 20)),
                                          (date(2026, 11, 2), date(2026, 11, 2))]):
        add_deadline(factory, rule="initial-review", reference=f"P-{number}", council=council,
                     due_on=due, status=DeadlineStatus.DONE, done_on=done)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("feedback-browser")
    database = folder / "feedback.db"
    shutil.copyfile(sqlite_template, database)
    factory = migrated(f"sqlite:///{database}")
    _seed(factory)
    answer = web.endpoint(factory, make_templates(), clock=lambda: NOW,
                          timezone="Europe/London", calendar=WorkingCalendar(),
                          results=_published, min_group=5)
    app = Starlette(routes=[Route(web.PATH, answer, methods=["GET"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off",
                                           log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    shots = folder / "screenshots"
    shots.mkdir()
    print(f"\nfeedback page screenshots: {shots}")
    try:
        yield Served(f"http://127.0.0.1:{port}{web.PATH}", shots)
    finally:
        server.should_exit = True
        thread.join(10)
        factory.kw["bind"].dispose()


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Visit:
    """A page opened at one width, with what its console said."""

    page: Any
    errors: list[str]


def _visit(browser: Any, served: Served, width: int) -> Iterator[Visit]:
    """The page opened at ``width`` (its screenshot kept as feedback-WIDTH.png), closed
    afterwards."""
    page = browser.new_page(viewport={"width": width, "height": 900},
                            java_script_enabled=True)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer = page.goto(served.url)
    assert answer is not None
    assert answer.status == 200
    page.screenshot(path=str(served.shots / f"feedback-{width}.png"), full_page=True)
    yield Visit(page, errors)
    page.close()


@pytest.fixture(scope="module")
def wide(browser: Any, served: Served) -> Iterator[Visit]:
    yield from _visit(browser, served, 1280)


@pytest.fixture(scope="module")
def narrow(browser: Any, served: Served) -> Iterator[Visit]:
    yield from _visit(browser, served, 320)


BARS_JS = """() => [...document.querySelectorAll('svg[data-chart]')].map(svg => ({
  chart: svg.dataset.chart,
  title: svg.querySelector('title').textContent,
  bars: [...svg.querySelectorAll('rect.bar')].map(bar => ({
    label: bar.dataset.label,
    width: bar.getBoundingClientRect().width,
    track: bar.previousElementSibling.getBoundingClientRect().width,
    value: bar.nextElementSibling.textContent,
  })),
}))"""


def test_the_page_renders_with_the_scorecard_and_no_script_errors(wide: Visit) -> None:
    page = wide.page
    assert page.title() == f"Provider feedback and the pledge: {COUNCIL}"
    assert page.inner_text("h1") == f"Provider feedback and the pledge: {COUNCIL}"
    text = page.inner_text("main")
    assert "From 1 September 2026 to 30 November 2026" in text
    assert "67% (2 of 3)" in text  # two of the three reviews done by their due date
    assert "Fewer than 5 responses: the answers are not shown" in text
    assert "The <b>pricing</b> template & its macros were hard." in text
    assert "We now allow four weeks for tenders over £100,000" in text
    assert page.evaluate("() => document.scripts.length") == 0
    assert wide.errors == []


def test_the_bars_sizes_and_labels_match_the_data(wide: Visit) -> None:
    charts = {chart["chart"]: chart for chart in wide.page.evaluate(BARS_JS)}
    survey = SURVEYS[0]
    expected: dict[str, list[tuple[str, int, int]]] = {
        "s0rate": [("Responded", survey.responded, survey.invited)],
        "s1rate": [("Responded", 3, 12)],
    }
    for index, question in enumerate(survey.questions):
        if question.counts and not question.suppressed:
            expected[f"s0q{index}"] = [(option.label, option.count, question.answered)
                                       for option in question.counts]
    assert sorted(charts) == sorted(expected)
    for chart_id, rows in expected.items():
        bars = charts[chart_id]["bars"]
        assert len(bars) == len(rows), chart_id
        for bar, (label, count, base) in zip(bars, rows, strict=True):
            assert bar["label"].startswith(label), (chart_id, bar)
            assert bar["value"] == f"{count} ({round(100 * count / base)}%)"
            assert bar["width"] / bar["track"] == pytest.approx(count / base, abs=0.01), (
                chart_id, label)
    assert charts["s0q0"]["title"] == "How clear was the specification?"


def test_320_px_wide_nothing_overflows(narrow: Visit) -> None:
    page = narrow.page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    widths = page.evaluate(
        "() => [...document.querySelectorAll('svg[data-chart]')].map(s => "
        "s.getBoundingClientRect().right)")
    assert widths
    assert max(widths) <= 320
    assert narrow.errors == []


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_serious_or_critical_violation(wide: Visit, narrow: Visit,
                                                     width: int) -> None:
    page = (wide if width == 1280 else narrow).page
    results = axe_api.Axe().run(page, options={"runOnly": {
        "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                  "best-practice"]}})
    found = results.response["violations"]
    serious = [(violation["id"], violation["impact"], [node["target"] for node in
                                                       violation["nodes"]][:3])
               for violation in found if violation["impact"] in ("serious", "critical")]
    assert serious == []
    assert results.response["passes"], "axe ran no check at all"
