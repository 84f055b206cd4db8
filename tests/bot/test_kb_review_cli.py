"""``pledgebot kb check [--strict]`` and ``pledgebot kb list --stale``: content due for review."""

from __future__ import annotations

from pathlib import Path

from knowledge.base import PACKAGED, load_content
from tests.cli import run_cli

REVIEW_DAY = "2026-12-03T09:00:00+00:00"
PACKAGED_CONTENT = load_content([PACKAGED])
# The packaged content and the council's file below (three entries).
WITH_NORTHSHIRE = (f"{len(PACKAGED_CONTENT.entries) + 3} entries in "
                   f"{len(PACKAGED_CONTENT.files) + 1} file(s), no problems, 2 warning(s).")
LOCAL = """\
entries:
  - id: northshire-rates
    kind: local
    title: Northshire's home care rates
    questions: [northshire rates, home care rate, hourly rate, what we pay, fee rates]
    answer: "Northshire pays £24.10 an hour. That covers the National Living Wage of £12.71."
    as_at: 2026-11-01
  - id: northshire-forum
    kind: local
    title: The Northshire provider forum
    questions: [provider forum, forum dates, when is the forum, join the forum, forum]
    answer: "The provider forum meets every quarter."
    as_at: 2026-01-15
  - id: northshire-portal
    kind: local
    title: Where Northshire advertises care tenders
    questions: [tender portal, where are tenders, portal, find tenders, opportunities]
    answer: "Northshire advertises every care tender on its e-tendering portal."
    as_at: 2024-05-01
"""


def _local(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "local-kb"
    folder.mkdir()
    (folder / "northshire.yaml").write_text(LOCAL)
    return {"PLEDGEBOT_KNOWLEDGE_DIR": str(folder), "PLEDGEBOT_FIXED_NOW": REVIEW_DAY}


def test_the_shipped_content_passes_the_strict_check(tmp_path: Path) -> None:
    for words in (["kb", "check"], ["kb", "check", "--strict"]):
        result = run_cli(*words, cwd=tmp_path, env={"PLEDGEBOT_FIXED_NOW": REVIEW_DAY})
        assert (result.returncode, result.stdout.decode(), result.stderr.decode()) == (
            0, f"{len(PACKAGED_CONTENT.entries)} entries in {len(PACKAGED_CONTENT.files)} file(s),"
               " no problems.\n", "")


def test_kb_check_warns_on_stale_entries_and_unchecked_rates(tmp_path: Path) -> None:
    env = _local(tmp_path)
    result = run_cli("kb", "check", cwd=tmp_path, env=env)
    where = f"{tmp_path}/local-kb/northshire.yaml"
    assert (result.returncode, result.stdout.decode().splitlines()) == (0, [
        f'{where}:2: warning: northshire-rates: £12.71 changes every April; add a "check the '
        'current rate" line to the answer',
        f"{where}:14: warning: northshire-portal: as_at 2024-05-01 is more than 12 months old; "
        "check the entry and update as_at",
        WITH_NORTHSHIRE,
    ])
    assert result.stderr.decode() == ""


def test_kb_check_strict_makes_the_warnings_errors(tmp_path: Path) -> None:
    result = run_cli("kb", "check", "--strict", cwd=tmp_path, env=_local(tmp_path))
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[-1] == (
        WITH_NORTHSHIRE)
    assert result.stderr.decode() == "pledgebot: kb check --strict: 2 warning(s)\n"


def test_kb_check_takes_today_from_the_clock(tmp_path: Path) -> None:
    env = {**_local(tmp_path), "PLEDGEBOT_FIXED_NOW": "2027-02-01T09:00:00+00:00"}
    lines = run_cli("kb", "check", cwd=tmp_path, env=env).stdout.decode().splitlines()
    # On 1 February 2027 the forum entry (15 January 2026) is stale as well.
    assert [line.split(": ")[2] for line in lines[:-1]] == [
        "northshire-rates", "northshire-forum", "northshire-portal"]


def test_kb_list_stale_lists_entries_due_for_review_oldest_first(tmp_path: Path) -> None:
    env = {**_local(tmp_path), "PLEDGEBOT_FIXED_NOW": "2027-04-02T09:00:00+00:00"}
    result = run_cli("kb", "list", "--stale", cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout.decode().splitlines()) == (0, [
        "2024-05-01  northshire-portal  more than 12 months old",
        "2026-01-15  northshire-forum  more than 12 months old",
        "2026-11-01  northshire-rates  £12.71 may have changed on 1 April 2027",
        "2026-12-03  cost-of-care-fee-setting  £12.71, £12.21, 15% may have changed on "
        "1 April 2027",
        "2026-12-03  employer-national-insurance  15% may have changed on 1 April 2027",
        "2026-12-03  national-living-wage  £12.71 may have changed on 1 April 2027",
        # Re-dated when session 14 corrected its 2025-26 fee figure.
        "2026-12-04  pricing-and-rates  £12.71, 15% may have changed on 1 April 2027",
    ])


def test_kb_list_stale_with_nothing_due(tmp_path: Path) -> None:
    result = run_cli("kb", "list", "--stale", cwd=tmp_path,
                     env={"PLEDGEBOT_FIXED_NOW": REVIEW_DAY})
    assert (result.returncode, result.stdout.decode()) == (
        0, "No entries are due for review.\n")
