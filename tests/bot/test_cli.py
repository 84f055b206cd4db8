"""The pledgebot command: every subcommand; bad input gets one clear line, no traceback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bot.migrations import head_revision
from knowledge.base import PACKAGED, load_content
from tests.cli import (
    EXAMPLE_COUNCIL_PEOPLE,
    QUIET_MOMENT,
    RIVERSIDE_SAM,
    import_people,
    run_cli,
    run_real_cli,
)

HEAD = head_revision()

SUBCOMMANDS = [
    [], ["run"], ["db"], ["db", "upgrade"], ["people"], ["people", "import"], ["people", "list"],
    ["outbox"], ["outbox", "list"], ["outbox", "retry"], ["ask"], ["kb"], ["kb", "check"],
    ["kb", "list"], ["kb", "gaps"], ["deadlines"], ["contracts", "import"],
    ["placements", "import"], ["invoices", "import"], ["tenders", "import"],
    ["reminders", "sweep"], ["calendar", "export"], ["digest"], ["digest", "preview"],
]


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "pledgebot")
def test_help_on_every_command(tmp_path: Path, words: list[str]) -> None:
    # ``pledgebot --help`` runs the real program; the rest call it in this process.
    run = run_cli if words else run_real_cli
    result = run(*words, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("usage: pledgebot")


def test_db_upgrade_reports_what_it_did(tmp_path: Path) -> None:
    first = run_cli("db", "upgrade", cwd=tmp_path, migrated=False)
    second = run_cli("db", "upgrade", cwd=tmp_path)
    assert first.stdout.decode() == f"Upgraded the database from empty to revision {HEAD}.\n"
    assert second.stdout.decode() == f"The database is up to date (revision {HEAD}).\n"


def test_db_upgrade_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": postgres_url}
    result = run_cli("db", "upgrade", cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout.decode()) == (
        0, f"Upgraded the database from empty to revision {HEAD}.\n")


def test_an_unreachable_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": "postgresql+psycopg://pb:secret@127.0.0.1:1/pledge"}
    result = run_cli("people", "list", cwd=tmp_path, env=env)
    error = result.stderr.decode()
    assert result.returncode == 2
    assert error.startswith(
        "pledgebot: cannot reach the database at postgresql+psycopg://pb:***@127.0.0.1:1/pledge: ")
    assert error.count("\n") == 1
    assert "secret" not in error
    assert "Traceback" not in error


def test_an_sqlite_file_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": "sqlite:////no/such/folder/pledgebot.db"}
    result = run_cli("run", "--demo", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "pledgebot: cannot reach the database at sqlite:////no/such/folder/pledgebot.db: "
        "unable to open database file\n")


def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_real_cli("run", cwd=tmp_path, env={"PLEDGEBOT_TIMEZONE": "Narnia/Cair"})
    assert (result.returncode, result.stderr.decode()) == (
        2, "pledgebot: setting PLEDGEBOT_TIMEZONE: unknown time zone 'Narnia/Cair'\n")
    assert result.stdout == b""


def test_a_misspelt_variable_is_warned_of_and_the_command_runs(tmp_path: Path) -> None:
    result = run_cli("people", "list", cwd=tmp_path, env={
        "PLEDGEBOT_SMTP_UR": "smtp://127.0.0.1", "PLEDGEBOT_ZZZZ": "1",
        "PLEDGEBOT_TIMEZONE": "Europe/London"})
    assert (result.returncode, result.stderr.decode()) == (0, (
        "pledgebot: warning: PLEDGEBOT_SMTP_UR is not a known setting and is ignored (did you "
        "mean PLEDGEBOT_SMTP_URL?)\n"
        "pledgebot: warning: PLEDGEBOT_ZZZZ is not a known setting and is ignored\n"))
    assert result.stdout.decode() == (
        "Nobody yet. Add people with: pledgebot people import FILE.csv\n")


def _people_import(tmp_path: Path, csv_text: str) -> subprocess.CompletedProcess[bytes]:
    """``pledgebot people import`` of ``csv_text``, written to ``tmp_path``/people.csv."""
    (tmp_path / "people.csv").write_text(csv_text)
    return run_cli("people", "import", str(tmp_path / "people.csv"), cwd=tmp_path)


def test_people_import_again_says_who_is_unchanged(tmp_path: Path) -> None:
    people = ("organisation,organisation_kind,name,email,role\n"
              "Northshire County Council,council,Priya Shah,priya@northshire.example,"
              "commissioner\n"
              "Riverside Care Homes,provider,Sam Patel,sam@riverside.example,provider\n")
    _people_import(tmp_path, people)
    again = _people_import(tmp_path, people.replace("Sam Patel", "Samira Patel"))
    assert (again.returncode, again.stdout.decode()) == (
        0, "Imported 2 people (0 new, 1 updated, 1 unchanged).\n")


def test_people_import_and_list(tmp_path: Path) -> None:
    imported = _people_import(
        tmp_path,
        "organisation,organisation_kind,name,email,role,safeguarding_lead\n"
        "Northshire County Council,council,Priya Shah,priya@northshire.example,commissioner,no\n"
        "Riverside Care Homes,provider,Sam Patel,sam@riverside.example,provider,\n")
    assert (imported.returncode, imported.stdout.decode()) == (
        0, "Imported 2 people (2 new, 0 updated, 0 unchanged).\n")
    listed = run_cli("people", "list", "--json", cwd=tmp_path)
    rows = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert [(r["organisation"], r["email"], r["role"]) for r in rows] == [
        ("Northshire County Council", "priya@northshire.example", "commissioner"),
        ("Riverside Care Homes", "sam@riverside.example", "provider"),
    ]
    assert rows[1]["identities"] == ["console:sam@riverside.example",
                                     "email:sam@riverside.example (unverified)"]


def test_a_csv_with_a_bad_row_imports_nothing(tmp_path: Path) -> None:
    result = _people_import(
        tmp_path,
        "organisation,organisation_kind,name,email,role\n"
        "Riverside Care Homes,provider,Sam Patel,sam@riverside.example,provider\n"
        "Riverside Care Homes,provider,Kim,kim-at-riverside,provider\n")
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"{tmp_path / 'people.csv'}:3: email 'kim-at-riverside' is not an e-mail address\n"
        "pledgebot: 1 problem(s) found; nothing was imported\n")
    listed = run_cli("people", "list", cwd=tmp_path)
    assert listed.stdout.decode() == (
        "Nobody yet. Add people with: pledgebot people import FILE.csv\n")


def test_importing_a_missing_file(tmp_path: Path) -> None:
    result = run_cli("people", "import", "nope.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("nope.csv: cannot read the file: No such file")


def test_outbox_list_and_retry(tmp_path: Path) -> None:
    empty = run_cli("outbox", "list", cwd=tmp_path)
    assert empty.stdout.decode() == "Outbox: empty.\n"
    # A safeguarding concern in the demo queues an urgent message to the hub; the demo shows it
    # but leaves it waiting for the hub's own console.
    run_cli("run", "--demo", cwd=tmp_path, stdin=b"a resident has bruises nobody explains\n",
            env=QUIET_MOMENT)
    listed = run_cli("outbox", "list", "--json", cwd=tmp_path)
    [row] = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert (row["status"], row["channel"], row["address"], row["kind"]) == (
        "pending", "console", "safeguarding@northshire.example", "safeguarding.raised")
    retry = run_cli("outbox", "retry", str(row["id"]), cwd=tmp_path)
    assert (retry.returncode, retry.stdout.decode()) == (
        1, f"Not dead-lettered (nothing done): #{row['id']}.\n")
    unknown = run_cli("outbox", "retry", "99999", cwd=tmp_path)
    assert (unknown.returncode, unknown.stdout.decode()) == (
        1, "No such message (nothing done): #99999. pledgebot outbox list shows the messages "
           "and their numbers.\n")
    nothing = run_cli("outbox", "retry", cwd=tmp_path)
    assert (nothing.returncode, nothing.stderr.decode()) == (
        2, "pledgebot: outbox retry: name message ids or use --all-dead\n")
    all_dead = run_cli("outbox", "retry", "--all-dead", cwd=tmp_path)
    assert all_dead.stdout.decode() == "No dead-lettered messages.\n"
    # A delivered message's earlier failure is said as history (the session's admin review).
    with sqlite3.connect(tmp_path / "pledgebot.db") as db:
        db.execute("UPDATE outbox SET status = 'sent', last_error = 'unreachable: timed out'")
    assert (f"#{row['id']} sent console:safeguarding@northshire.example safeguarding.raised "
            "attempts=0 | earlier error: unreachable: timed out") in run_cli(
        "outbox", "list", cwd=tmp_path).stdout.decode()
    # A withdrawn message says why it was not sent (session 27), not "last error".
    with sqlite3.connect(tmp_path / "pledgebot.db") as db:
        db.execute("UPDATE outbox SET status = 'withdrawn', last_error = 'not sent: case "
                   "PB-2026-000001 was resolved before it could be sent'")
    assert (f"#{row['id']} withdrawn console:safeguarding@northshire.example "
            "safeguarding.raised attempts=0 | not sent: case PB-2026-000001 was resolved "
            "before it could be sent") in run_cli("outbox", "list", cwd=tmp_path).stdout.decode()
    # One or the other (the session's admin review: both were taken).
    both = run_cli("outbox", "retry", str(row["id"]), "--all-dead", cwd=tmp_path)
    assert (both.returncode, both.stderr.decode()) == (
        2, "pledgebot: outbox retry: name message ids or use --all-dead, not both\n")


def test_ask_prints_an_answer_with_its_source(tmp_path: Path) -> None:
    result = run_cli("ask", "how long is the standstill period?", cwd=tmp_path)
    text = result.stdout.decode()
    assert result.returncode == 0
    assert text.startswith("Standstill periods and challenging an award\n")
    assert 'Source: pledgebot FAQ, "Standstill periods and challenging an award"' in text


def test_ask_json_reads_questions_from_stdin(tmp_path: Path) -> None:
    asked = [  # a question, and how it is answered: (answered, safeguarding, mode)
        # Not sure enough to answer outright: the two entries, the right one first, to pick.
        (b"how long is mobilisation usually", (True, False, "choose")),
        (b"a carer slapped one of our residents", (False, True, "safeguarding")),
        (b"tell me a joke", (False, False, "abstain")),
        (b"", (False, False, "abstain")),
        ("\U0001f600\U0001f600".encode(), (False, False, "abstain")),
        (b"\xff\xfe", (False, False, "unreadable")),
        (b"standstill " * 5000, (False, False, "too_long")),
    ]
    result = run_cli("ask", "--json", cwd=tmp_path,
                     stdin=b"\n".join(question for question, _ in asked) + b"\n")
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [set(row) >= {"question", "answered", "safeguarding", "ids", "scores", "answer",
                         "latency_ms"} for row in rows] == [True] * 7
    assert [(r["answered"], r["safeguarding"], r["mode"]) for r in rows] == [
        answered for _, answered in asked]
    assert rows[0]["ids"][0] == "contract-award-mobilisation"
    # One entry leads but the bot is not sure of it: the text names it (session 10). ("whats a
    # PSQ?" until session 15, whose providers' questions brought the SQ entry level with it.)
    assert rows[0]["answer"].startswith(
        'I think you mean "After award - notices, signing and mobilisation", '
        "but I want to be sure before I answer")
    assert "(contract-award-mobilisation)" in rows[0]["answer"]
    assert len(rows[0]["ids"]) == len(rows[0]["scores"]) == 3
    assert rows[1]["answer"].startswith("This sounds like a safeguarding concern.")


def test_ask_without_a_question_or_json_explains(tmp_path: Path) -> None:
    result = run_cli("ask", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (
        2, "pledgebot: ask: give a question, or use --json to read questions from standard "
           "input\n")


def test_kb_list_and_check(tmp_path: Path) -> None:
    listed = run_cli("kb", "list", cwd=tmp_path).stdout.decode().splitlines()
    assert listed[:3] == ["pledge-1", "pledge-2", "pledge-3"]
    packaged = load_content([PACKAGED])
    assert sorted(listed) == sorted(packaged.entries)
    assert "standstill-challenges" in listed
    assert "national-living-wage" in listed
    # Review warnings depend on today (stale as_at), so the check runs on a fixed day.
    checked = run_cli("kb", "check", cwd=tmp_path,
                      env={"PLEDGEBOT_FIXED_NOW": "2026-12-03T09:00:00+00:00"})
    assert (checked.returncode, checked.stdout.decode()) == (
        0, f"{len(packaged.entries)} entries in {len(packaged.files)} file(s), no problems.\n")


def test_kb_check_reports_a_councils_bad_file(tmp_path: Path) -> None:
    local = tmp_path / "local-kb"
    local.mkdir()
    (local / "ours.yaml").write_text("entries:\n  - id: ours\n    kind: local\n")
    result = run_cli("kb", "check", cwd=tmp_path,
                     env={"PLEDGEBOT_KNOWLEDGE_DIR": str(local)})
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == (
        f"{local}/ours.yaml:2: ours: title: Field required")
    assert result.stderr.decode().startswith("pledgebot: kb check: ")


def test_a_missing_knowledge_folder_is_a_bad_setting(tmp_path: Path) -> None:
    result = run_cli("kb", "list", cwd=tmp_path, env={"PLEDGEBOT_KNOWLEDGE_DIR": "/no/such"})
    assert (result.returncode, result.stderr.decode()) == (
        2, "pledgebot: setting PLEDGEBOT_KNOWLEDGE_DIR: '/no/such' is not a folder\n")


def test_kb_gaps_lists_unanswered_questions_by_frequency(tmp_path: Path) -> None:
    lines = (b"tell me a joke\nTell me a joke!\nwhat's the weather in leeds\n"
             b"how long is standstill\n"
             b"Can Mrs Joan Smith at RC-101 get a tender extension for social value?\n")
    run_cli("run", "--demo", cwd=tmp_path, stdin=lines)
    result = run_cli("kb", "gaps", cwd=tmp_path)
    # Session 37's trial: "Mrs J. S." was listed, and in the `kb teach` line offered.
    question = "Can [a person] at [placement] get a tender extension for social value?"
    lines = result.stdout.decode().splitlines()
    assert lines[2].startswith("      likely entry: social-value (score ")
    assert lines[2].endswith(f'; to teach it: pledgebot kb teach "{question}" social-value')
    assert [lines[:2], lines[3:]] == [
        ["   2  unanswered    tell me a joke", f"   1  unanswered    {question}"],
        ["   1  unanswered    what's the weather in leeds"]]


UNANSWERED = "who signs off the purchase orders for our invoices"


def _council_folder(tmp_path: Path) -> dict[str, str]:
    """A council knowledge folder, as the environment that names it."""
    folder = tmp_path / "council-kb"
    folder.mkdir()
    return {"PLEDGEBOT_KNOWLEDGE_DIR": str(folder)}


def test_kb_gaps_suggests_the_likely_entry_and_kb_teach_closes_the_gap(
    tmp_path: Path
) -> None:
    env = _council_folder(tmp_path)
    question = UNANSWERED
    run_cli("run", "--demo", cwd=tmp_path, stdin=question.encode() + b"\n", env=env)
    gaps = run_cli("kb", "gaps", "--json", cwd=tmp_path, env=env)
    [gap] = [json.loads(line) for line in gaps.stdout.decode().splitlines()]
    assert gap["question"] == question
    # The nearest payment entries (session 11's entries moved the word weights: the invoice one
    # now leads).
    assert gap["suggested_entry"] in ("pledge-29", "payment-terms-late-payment",
                                      "council-invoice-on-hold")
    text = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode().splitlines()
    assert text[1].startswith(f"      likely entry: {gap['suggested_entry']} (score ")
    taught = run_cli("kb", "teach", question, "payment-terms-late-payment", cwd=tmp_path,
                     env=env)
    assert (taught.returncode, taught.stdout.decode()) == (0, (
        f'Taught: "{question}" is now answered with payment-terms-late-payment ("Council '
        'payment terms and late payment").\n'))
    again = run_cli("kb", "teach", question, "payment-terms-late-payment", cwd=tmp_path,
                    env=env)
    assert again.stdout.decode() == (
        f'"{question}" was already taught for payment-terms-late-payment ("Council payment '
        'terms and late payment").\n')
    answered = run_cli("ask", "--json", question, cwd=tmp_path, env=env)
    result = json.loads(answered.stdout)
    assert (result["mode"], result["ids"][0]) == ("answer", "payment-terms-late-payment")
    assert result["short"].startswith("Council payment terms and late payment\n")
    checked = run_cli("kb", "check", cwd=tmp_path, env=env)
    assert checked.returncode == 0


PICKED = "is there a deadline for councils to pay invoices"


def _the_gap_after(tmp_path: Path, env: dict[str, str], typed: bytes) -> tuple[str, dict]:
    """What the demo console showed for ``typed``, and the one gap ``kb gaps --json`` lists."""
    session = run_cli("run", "--demo", cwd=tmp_path, stdin=typed, env=env).stdout.decode()
    gaps = run_cli("kb", "gaps", "--json", cwd=tmp_path, env=env)
    [gap] = [json.loads(line) for line in gaps.stdout.decode().splitlines()]
    return session, gap


def test_a_question_answered_from_a_choice_is_a_gap_to_teach_until_taught(
    tmp_path: Path
) -> None:
    env = _council_folder(tmp_path)
    # Not sure: a choice; the provider presses [1], the first entry offered.
    session, gap = _the_gap_after(tmp_path, env, PICKED.encode() + b"\n1\n")
    assert 'I think you mean "Council payment terms and late payment"' in session
    assert "[1] Council payment terms and late payment" in session
    assert (gap["question"], gap["reason"], gap["picked_entry"], gap["suggested_entry"]) == (
        PICKED, "picked", "payment-terms-late-payment", "payment-terms-late-payment")
    text = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode().splitlines()
    assert text == [
        f"   1  picked        {PICKED}",
        "      picked entry: payment-terms-late-payment; to teach it: pledgebot kb teach "
        f'"{PICKED}" payment-terms-late-payment',
    ]
    run_cli("kb", "teach", PICKED, "payment-terms-late-payment", cwd=tmp_path, env=env)
    answered = json.loads(run_cli("ask", "--json", PICKED, cwd=tmp_path, env=env).stdout)
    assert (answered["mode"], answered["ids"][0]) == ("answer", "payment-terms-late-payment")
    # Taught: the bot is sure of it now, so it is no longer a gap.
    after = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode()
    assert after.startswith("No gaps")


LOCAL = "do you pay for travel time between calls"


def test_a_council_practice_question_stays_a_gap_after_the_general_rules_are_shown(
    tmp_path: Path
) -> None:
    # Session 27: pressing the general rules ([1]) was kept as "picked", and `kb gaps` offered
    # to teach the council's question to the general entry, as if it answered it.
    env = _council_folder(tmp_path)
    session, gap = _the_gap_after(tmp_path, env, LOCAL.encode() + b"\n1\n")
    assert "[1] Travel time between home-care visits" in session
    assert ("Your care workers must be paid for it: travel between visits is working time"
            in session)
    assert (gap["question"], gap["reason"], gap["picked_entry"], gap["suggested_entry"],
            gap["general_entry"]) == (LOCAL, "unanswered", None, None, "travel-time-home-care")
    text = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode().splitlines()
    assert text == [
        f"   1  unanswered    {LOCAL}",
        "      the council's own practice: only the general rules were shown "
        "(travel-time-home-care); write the council's answer as an entry in "
        "PLEDGEBOT_KNOWLEDGE_DIR, then teach the question to it",
    ]


NAMED = "does northshire pay for travel time between calls"


def test_a_council_practice_question_naming_the_council_is_not_offered_for_teaching(
    tmp_path: Path
) -> None:
    # Session 36's trial: with the council named instead of "you", the question (offered as
    # a choice, the general rules picked) was offered for teaching to the general entry, so
    # the bot would answer "does northshire pay ..." with "ask your commissioner" for good.
    env = _council_folder(tmp_path)
    session, gap = _the_gap_after(tmp_path, env, NAMED.encode() + b"\n1\n")
    assert "[1] Travel time between home-care visits" in session
    assert (gap["question"], gap["reason"], gap["suggested_entry"], gap["general_entry"]) == (
        NAMED, "unanswered", None, "travel-time-home-care")
    text = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode().splitlines()
    assert text == [
        f"   1  unanswered    {NAMED}",
        "      the council's own practice: only the general rules were shown "
        "(travel-time-home-care); write the council's answer as an entry in "
        "PLEDGEBOT_KNOWLEDGE_DIR, then teach the question to it",
    ]


def test_a_rule_question_naming_the_council_is_still_offered_for_teaching(
    tmp_path: Path
) -> None:
    # Near neighbour: what the law asks of the council is the general entry's to answer.
    env = _council_folder(tmp_path)
    rule = "does northshire have to pay for travel time between calls"
    _, gap = _the_gap_after(tmp_path, env, rule.encode() + b"\n1\n")
    assert (gap["reason"], gap["general_entry"], gap["suggested_entry"]) == (
        "picked", None, "travel-time-home-care")


# ("how do we apply for a skilled worker sponsor licence" until session 15, when the topic
# model made it a choice leaning to the same entry rather than an answer.)
WRONG = "how do I apply for a sponsor licence to recruit carers from overseas"


def test_kb_teach_none_hands_a_wrongly_answered_question_over_until_taught_to_an_entry(
    tmp_path: Path
) -> None:
    env = _council_folder(tmp_path)
    # Answered (from the sponsorship entry, which does not say how to apply), rated not helpful.
    session, gap = _the_gap_after(tmp_path, env, WRONG.encode() + b"\n3\n")
    assert "Sponsoring care workers from overseas" in session
    assert (gap["question"], gap["reason"]) == (WRONG, "not helpful")
    taught = run_cli("kb", "teach", WRONG, "none", cwd=tmp_path, env=env)
    assert (taught.returncode, taught.stdout.decode()) == (0, (
        f'Taught: "{WRONG}" now gets "I don\'t know" and "Ask a commissioner" (no entry answers '
        "it).\n"))
    again = run_cli("kb", "teach", WRONG.upper() + "?", "none", cwd=tmp_path, env=env)
    assert again.stdout.decode() == f'"{WRONG.upper()}?" was already taught to no entry.\n'
    asked = json.loads(run_cli("ask", "--json", WRONG + "?", cwd=tmp_path, env=env).stdout)
    assert (asked["mode"], asked["answered"], asked["ids"]) == ("abstain", False, [])
    assert run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode().startswith("No gaps")
    assert run_cli("kb", "check", cwd=tmp_path, env=env).returncode == 0
    # Taught to an entry later, the question is answered from it again: the later one wins.
    run_cli("kb", "teach", WRONG, "right-to-work-checks", cwd=tmp_path, env=env)
    asked = json.loads(run_cli("ask", "--json", WRONG, cwd=tmp_path, env=env).stdout)
    assert (asked["mode"], asked["ids"][0]) == ("answer", "right-to-work-checks")
    kept = (tmp_path / "council-kb" / "taught.yaml").read_text()
    assert "entry: none" not in kept


def test_kb_teach_tells_the_asker_who_pressed_tell_me_through_the_outbox(
    tmp_path: Path
) -> None:
    env = _council_folder(tmp_path)
    # Taught as `kb gaps` lists it, with markers for what the asker typed (session 37).
    typed = f"{UNANSWERED} for Mrs Joan Smith at RC-101"
    question = f"{UNANSWERED} for [a person] at [placement]"
    # [1] Ask a commissioner   [2] Tell me when someone answers
    session = run_cli("run", "--demo", cwd=tmp_path, stdin=typed.encode() + b"\n2\n",
                      env=env)
    assert "I'll tell you here when the council teaches me the answer" in session.stdout.decode()
    taught = run_cli("kb", "teach", question, "payment-terms-late-payment", cwd=tmp_path,
                     env=env)
    assert taught.stdout.decode() == (
        f'Taught: "{question}" is now answered with payment-terms-late-payment ("Council '
        'payment terms and late payment"). '
        "1 person has been told the answer.\n")
    waiting = run_cli("outbox", "list", "--json", cwd=tmp_path, env=env)
    kinds = [json.loads(line)["kind"] for line in waiting.stdout.decode().splitlines()]
    assert kinds.count("question.taught") == 1


@pytest.mark.parametrize(("args", "message"), [
    (("how do we get paid", "no-such-entry"), 'There is no entry "no-such-entry".'),
    (("x" * 301, "payment-terms-late-payment"), "A question to teach must be 3 to 300"),
    # No words: its key would stand for every message of no words ("!!!", an emoji).
    (("???", "payment-terms-late-payment"), "A question to teach must be 3 to 300 characters "
                                            "long, 3 of them letters or digits; that one is 3"),
    # Session 37's trial: a person's initials, or an identifier, would have been written into
    # the council's folder.
    (("can Mrs J. S. at [placement] get an extension", "social-value"),
     "A taught question is kept in the council's knowledge folder, so it must not point to "
     'anyone: that one holds "Mrs J. S.". '),
    (("can we call the family on 07700 900123 about fees", "none"),
     "A taught question is kept in the council's knowledge folder, so it must not point to "
     "anyone: that one holds a phone number. "),
    # Session 37's review: the surname after a title and an initial, and after the "[a
    # person]" that `kb gaps` put for them, was written into the council's folder.
    (("is [a person] Smith entitled to a review", "none"),
     "A taught question is kept in the council's knowledge folder, so it must not point to "
     'anyone: that one holds "[a person] Smith". '),
    (("is Mrs J Smith entitled to a review", "none"),
     "A taught question is kept in the council's knowledge folder, so it must not point to "
     'anyone: that one holds "Mrs J Smith". '),
])
def test_kb_teach_refuses_bad_input(tmp_path: Path, args: tuple[str, str], message: str) -> None:
    env = _council_folder(tmp_path)
    folder = Path(env["PLEDGEBOT_KNOWLEDGE_DIR"])
    result = run_cli("kb", "teach", *args, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"pledgebot: kb teach: {message}")
    assert list(folder.iterdir()) == []


def test_kb_teach_takes_a_title_before_a_word_that_is_no_name(tmp_path: Path) -> None:
    # Session 37's review: "Mr & Mrs couples" was refused as a person's title and name.
    env = _council_folder(tmp_path)
    question = "do we charge for Mr & Mrs couples sharing a room"
    result = run_cli("kb", "teach", question, "none", cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr.decode()) == (0, "")
    assert question in (Path(env["PLEDGEBOT_KNOWLEDGE_DIR"]) / "taught.yaml").read_text()


def test_kb_teach_needs_a_council_folder(tmp_path: Path) -> None:
    result = run_cli("kb", "teach", "how do we get paid", "payment-terms-late-payment",
                     cwd=tmp_path)
    assert result.returncode == 1
    assert "set PLEDGEBOT_KNOWLEDGE_DIR" in result.stderr.decode()


def test_deadlines_prints_due_date_and_reminders(tmp_path: Path) -> None:
    result = run_cli("deadlines", "initial-review", "2026-11-30", "--json", cwd=tmp_path)
    assert json.loads(result.stdout) == {
        "rule": "initial-review", "start": "2026-11-30", "due": "2027-02-26",
        "reminders": ["2027-02-12", "2027-02-19", "2027-02-25", "2027-02-26"]}
    # The payment rule is the pledge's aim; the legal limit is printed beside it.
    payment = run_cli("deadlines", "payment", "2026-12-02", "--json", cwd=tmp_path)
    assert json.loads(payment.stdout) == {
        "rule": "payment", "start": "2026-12-02", "due": "2026-12-11",
        "reminders": ["2026-12-04", "2026-12-10", "2026-12-11"], "legal_limit": "2026-12-31"}
    text = run_cli("deadlines", "payment", "2026-12-02", cwd=tmp_path).stdout.decode()
    assert text.endswith("due: 2026-12-11\nreminders: 2026-12-04, 2026-12-10, 2026-12-11\n"
                         "legal limit: 2026-12-31\n")
    # Day first too, as the imports read it (the session's admin review).
    day_first = run_cli("deadlines", "payment", "02/12/2026", "--json", cwd=tmp_path)
    assert json.loads(day_first.stdout)["legal_limit"] == "2026-12-31"
    bad = run_cli("deadlines", "payment", "31/02/2026", cwd=tmp_path)
    assert (bad.returncode, bad.stderr.decode()) == (
        2, "pledgebot: deadlines: '31/02/2026' does not exist; write it as YYYY-MM-DD or "
           "DD/MM/YYYY\n")
    words = run_cli("deadlines", "payment", "soon", cwd=tmp_path)
    assert (words.returncode, words.stderr.decode()) == (
        2, "pledgebot: deadlines: 'soon' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY\n")


SAM = "sam.patel@riverside-care.example"
PRIYA = "priya.shah@northshire.example"
PLACEMENTS = "reference,started_on,provider_contact_email,commissioner_email\n"
INVOICES = "number,issuer,payer,amount,received_on,placement_reference\n"
CONTRACTS = "reference,title,commissioner_email,provider,uplift_on\n"


def _demo_on_25_november(tmp_path: Path) -> dict[str, str]:
    """Load the demo council and providers on Wed 25 Nov 2026; the environment that keeps
    the commands on that day."""
    env = {"PLEDGEBOT_FIXED_NOW": "2026-11-25T15:00:00+00:00"}
    assert run_cli("run", "--demo", cwd=tmp_path, env=env).returncode == 0
    return env


def _calendar(tmp_path: Path, person: str, env: dict[str, str]) -> str:
    """``pledgebot calendar export`` of one person, as text."""
    return run_cli("calendar", "export", "--person", person, "--out", "-", cwd=tmp_path,
                   env=env).stdout.decode()


def test_an_export_to_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    # The session's admin review: "unexpected error: FileNotFoundError: [Errno 2] ...".
    env = _demo_on_25_november(tmp_path)
    missing = str(tmp_path / "no-such-folder" / "x.ics")
    result = run_cli("calendar", "export", "--person", SAM, "--out", missing, cwd=tmp_path,
                     env=env)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"pledgebot: calendar export: cannot write {missing}: No such file or directory; check "
        "the folder exists and can be written, or use --out - for standard output\n")


def test_placement_invoice_and_tender_imports_then_sweep_and_calendar(tmp_path: Path) -> None:
    # The whole story happens on Wed 25 Nov 2026, then the sweep runs on Mon 30 Nov.
    env = _demo_on_25_november(tmp_path)
    (tmp_path / "placements.csv").write_text(
        PLACEMENTS + f"P-1042,2026-09-01,{SAM},{PRIYA}\n")
    (tmp_path / "invoices.csv").write_text(
        INVOICES + "INV-1,Riverside Care Homes,Northshire County Council,£1250.00,2026-11-20,"
        "P-1042\n")
    (tmp_path / "tenders.csv").write_text(
        "reference,title,commissioner_email,published_on,submission_on,bidder_email,outcome,"
        "decided_on\n"
        "T-9,Home support,priya.shah@northshire.example,2026-10-01,2026-11-02,"
        "sam.patel@riverside-care.example,lost,2026-11-24\n")
    for kind in ("placements", "invoices", "tenders"):
        result = run_cli(kind, "import", f"{kind}.csv", cwd=tmp_path, env=env)
        assert (result.returncode, result.stdout.decode()) == (
            0, f"Imported 1 {kind} row(s) from {kind}.csv, with their deadlines.\n")
    again = run_cli("placements", "import", "placements.csv", cwd=tmp_path, env=env)
    assert again.returncode == 1
    assert "placements.csv:2:" in again.stderr.decode()
    later = {"PLEDGEBOT_FIXED_NOW": "2026-11-30T12:00:00+00:00"}
    swept = run_cli("reminders", "sweep", "--at", "2026-11-30T09:30", cwd=tmp_path, env=later)
    # Initial review due 1 Dec (1 day before: 30 Nov), invoice due 30 Nov (its reminder of
    # Fri 27 Nov is superseded), feedback due 1 Dec: one reminder each to two people.
    assert swept.stdout.decode() == (
        "Swept at 2026-11-30T09:30+00:00: 6 reminder(s) queued, 2 skipped (deadline closed, "
        "or a later reminder went instead).\n")
    repeat = run_cli("reminders", "sweep", "--at", "2026-11-30T09:30", cwd=tmp_path, env=later)
    future = run_cli("reminders", "sweep", "--at", "2026-12-25T09:00", cwd=tmp_path, env=later)
    assert (future.returncode, future.stderr.decode()) == (
        1, "pledgebot: --at '2026-12-25T09:00' is in the future; a sweep can only catch up on "
           "the past\n")
    assert repeat.stdout.decode().startswith("Swept at 2026-11-30T09:30+00:00: 0 reminder(s)")
    text = _calendar(tmp_path, SAM, later)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 3
    assert "SUMMARY:Initial placement review: P-1042 initial review" in text
    # The council's own domain in every UID (the From: address's, as its e-mailed reminders).
    council = _calendar(tmp_path, SAM, {**later, "PLEDGEBOT_EMAIL_FROM": "pb@northshire.example"})
    uids = [line for line in council.splitlines() if line.startswith("UID:")]
    assert len(uids) == 3
    assert all(uid.endswith("@northshire.example") for uid in uids)


def test_contracts_import_starts_the_uplift_clock(tmp_path: Path) -> None:
    env = _demo_on_25_november(tmp_path)
    (tmp_path / "contracts.csv").write_text(
        CONTRACTS + f"C-1,Residential care,{PRIYA},Riverside Care Homes,2027-04-01\n"
        f"C-2,Home support,{PRIYA},Northshire County Council,\n")
    rejected = run_cli("contracts", "import", "contracts.csv", cwd=tmp_path, env=env)
    assert rejected.returncode == 1
    assert rejected.stderr.decode().splitlines()[0] == (
        "contracts.csv:3: provider 'Northshire County Council' is a council, not a provider")
    (tmp_path / "contracts.csv").write_text(
        CONTRACTS + f"C-1,Residential care,{PRIYA},Riverside Care Homes,2027-04-01\n")
    imported = run_cli("contracts", "import", "contracts.csv", cwd=tmp_path, env=env)
    assert imported.stdout.decode() == (
        "Imported 1 contracts row(s) from contracts.csv, with their deadlines.\n")
    exported = _calendar(tmp_path, PRIYA, env)
    assert "SUMMARY:Contract uplift confirmation: C-1 uplift" in exported
    assert "DTSTART;VALUE=DATE:20270401" in exported


def test_imports_take_dates_written_day_first_as_chat_does(tmp_path: Path) -> None:
    env = _demo_on_25_november(tmp_path)
    (tmp_path / "placements.csv").write_text(
        PLACEMENTS + f"P-1042,15/10/2026,{SAM},{PRIYA}\n")
    inv_1 = "INV-1,Riverside Care Homes,Northshire County Council,£1250.00,20/11/2026,P-1042\n"
    (tmp_path / "invoices.csv").write_text(
        INVOICES + inv_1
        + "INV-2,Riverside Care Homes,Northshire County Council,£10.00,20th Nov 2026,P-1042\n")
    assert run_cli("placements", "import", "placements.csv", cwd=tmp_path, env=env).stdout == (
        b"Imported 1 placements row(s) from placements.csv, with their deadlines.\n")
    rejected = run_cli("invoices", "import", "invoices.csv", cwd=tmp_path, env=env)
    assert (rejected.returncode, rejected.stderr.decode()) == (
        1, "invoices.csv:3: received_on '20th Nov 2026' is not a date like 2026-11-25 or "
           "25/11/2026\npledgebot: 1 problem(s) found; nothing was imported\n")
    # "20-11-26" and "20.11.2026" are read too (session 21).
    (tmp_path / "invoices.csv").write_text(
        INVOICES + inv_1
        + "INV-3,Riverside Care Homes,Northshire County Council,£10.00,20-11-26,P-1042\n"
        + "INV-4,Riverside Care Homes,Northshire County Council,£10.00,20.11.2026,P-1042\n")
    assert run_cli("invoices", "import", "invoices.csv", cwd=tmp_path, env=env).returncode == 0
    exported = _calendar(tmp_path, SAM, env)
    # The review 3 months after 15 Oct 2026 (Fri 15 Jan 2027); the payment at its legal limit,
    # the 30th day counting 20 Nov 2026 (Sat 19 Dec 2026, kept as it falls).
    assert "DTSTART;VALUE=DATE:20270115" in exported
    assert "DTSTART;VALUE=DATE:20261219" in exported


def test_the_sweep_help_says_at_only_catches_up(tmp_path: Path) -> None:
    shown = run_cli("reminders", "sweep", "--help", cwd=tmp_path).stdout.decode()
    assert "a future time is refused" in " ".join(shown.split())


def test_ask_json_says_safeguarding_only_for_a_concern_and_guidance_for_how_to(
        tmp_path: Path) -> None:
    questions = [
        b"what should I do if I suspect neglect",
        b"a resident told me a carer hit her",
        b"the fee cut really hit us hard this year",
        b"how long is the standstill period?",
        # About a tender score: the knowledge base offers standstill first, as chat does.
        b"we got 2/5 on safeguarding and i think thats just wrong. can we appeal the score",
        # No word of harm: the concern model raises the first and would ask of the second.
        b"her son does all the talking when we visit and she looks at him before answering",
        b"can someone ring me about my mum, im worried",
        # Session 30: a death told with a cause is always asked about.
        b"RC-108 passed away this morning after a fall",
    ]
    result = run_cli("ask", "--json", cwd=tmp_path, stdin=b"\n".join(questions) + b"\n",
                     env={"PLEDGEBOT_SAFEGUARDING_CONTACT": "the Northshire hub on 0100 000"})
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["safeguarding"], r["safeguarding_guidance"], r["safeguarding_check"])
            for r in rows] == [
        (False, True, False), (True, False, False), (False, False, False),
        (False, False, False), (False, False, False), (True, False, False),
        (False, False, True), (False, False, True)]
    assert rows[0]["answer"].startswith("Raising a safeguarding concern\n")
    assert "report the concern straight away to the Northshire hub on 0100 000" in (
        rows[0]["answer"])
    assert "Raise a concern now" not in rows[0]["answer"]  # no button outside chat
    assert rows[1]["answer"].startswith("This sounds like a safeguarding concern.")


def test_ask_prints_the_guidance_for_a_how_to_question(tmp_path: Path) -> None:
    result = run_cli("ask", "what", "should", "I", "do", "if", "I", "suspect", "neglect",
                     cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Raising a safeguarding concern\n"
                                             "- If anyone is in immediate danger, call 999 now.")


def test_a_tender_award_before_submission_is_one_problem_a_row(tmp_path: Path) -> None:
    import_people(tmp_path, EXAMPLE_COUNCIL_PEOPLE + RIVERSIDE_SAM
                  + "Oakview Care,provider,Olivia Oak,olivia@oakview.example,provider\n")
    header = ("reference,title,commissioner_email,published_on,clarification_on,submission_on,"
              "standstill_end_on,bidder_email,outcome,decided_on\n")
    tender = "T-1,Home care,priya@example.council,2026-11-20,2026-12-04,2026-12-18,"
    (tmp_path / "tenders.csv").write_text(
        header + tender + ",sam@riverside.example,pending,\n"
        + tender + ",olivia@oakview.example,pending,\n")
    env = {"PLEDGEBOT_FIXED_NOW": "2026-12-20T10:00:00+00:00"}
    assert run_cli("tenders", "import", "tenders.csv", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "tenders_award.csv").write_text(
        header + tender + ",sam@riverside.example,won,2026-12-04\n"
        + tender + ",olivia@oakview.example,lost,2026-12-04\n")
    award = run_cli("tenders", "import", "tenders_award.csv", cwd=tmp_path, env=env)
    assert (award.returncode, award.stderr.decode()) == (1, (
        "tenders_award.csv:2: decided_on 2026-12-04 is before submission_on 2026-12-18\n"
        "tenders_award.csv:3: decided_on 2026-12-04 is before submission_on 2026-12-18\n"
        "pledgebot: 2 problem(s) found; nothing was imported\n"))


def test_a_follow_up_kept_with_its_question_is_suggested_for_teaching_as_they_read_together(
    tmp_path: Path
) -> None:
    # Session 34's review: `kb gaps` suggested teaching "when do we need to submit it (after:
    # what is the social value weighting?)", the note and all, to the entry.
    env = _council_folder(tmp_path)
    run_cli("run", "--demo", cwd=tmp_path, env=env,
            stdin=b"what is the social value weighting? and when do we need to submit it\n")
    text = run_cli("kb", "gaps", cwd=tmp_path, env=env).stdout.decode()
    [suggestion] = [line for line in text.splitlines() if "to teach it" in line]
    assert ('pledgebot kb teach "what is the social value weighting? when do we need to '
            'submit it" ') in suggestion
    assert "(after:" not in suggestion
