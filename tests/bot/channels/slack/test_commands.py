"""/pledge, mentions in channels, forms as modals and App Home, through the real slack-bolt and
slack_sdk against a fake Slack Web API on 127.0.0.1. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.models import Case, FormSession, OrganisationKind, Role
from knowledge.answers import Answerer
from tests.bot.channels.slack import support
from tests.bot.channels.slack.support import Running, run_scenario, slack_person
from tests.factories import count_rows, make_organisation

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = support.SAM


@pytest.fixture
def sam(factory: sessionmaker[Session]) -> int:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    slack_person(factory, "U0PRIYA01", "priya@northshire.example", role=Role.COMMISSIONER,
                 organisation_id=council, name="Priya Shah")
    return slack_person(factory, SAM, "sam@riverside.example", name="Sam Patel")


def test_pledge_alone_is_help_only_the_person_sees(
        factory: sessionmaker[Session], database_url: str, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        answer = await bot.slack.command(SAM, "")
        assert answer.status_code == 200
        [shown] = await bot.fake.wait_for("respond")
        assert shown["response_type"] == "ephemeral"
        assert "/feedback" in shown["text"]
        assert bot.fake.of("chat.postMessage") == []

    run_scenario(factory, database_url, scenario, None)


@pytest.mark.parametrize(("asked_by", "shown_by", "shown_in"), [
    pytest.param("command", "respond", (None, False), id="pledge-answers-only-the-person"),
    pytest.param("mention", "chat.postMessage", ("C0GENERAL", True),
                 id="a-mention-is-answered-in-its-thread"),
])
def test_a_question_is_answered(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer, sam: int,
        asked_by: str, shown_by: str, shown_in: tuple[str | None, bool]) -> None:
    """Asked with /pledge or in a mention: the answer, to the person or in the thread."""
    async def scenario(bot: Running) -> None:
        await getattr(bot.slack, asked_by)(SAM, support.QUESTION)
        [shown] = await bot.fake.wait_for(shown_by)
        assert (shown.get("channel"), bool(shown.get("thread_ts"))) == shown_in
        assert shown["text"].startswith(support.ANSWER_TITLE)

    run_scenario(factory, database_url, scenario, answerer)


def test_a_mention_asking_for_cases_answers_by_direct_message_only(
        factory: sessionmaker[Session], database_url: str, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.mention(SAM, "/cases")
        private, public = await bot.fake.wait_for("chat.postMessage", 2)
        assert private["channel"] == f"D{SAM}"
        assert (public["channel"], public["text"]) == ("C0GENERAL",
                                                        "I've sent you a direct message.")
        assert public["thread_ts"]

    run_scenario(factory, database_url, scenario, None)


def test_pledge_feedback_opens_a_modal_whose_bad_answer_is_shown_in_it(
        factory: sessionmaker[Session], database_url: str, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.command(SAM, "feedback")
        [opened] = await bot.fake.wait_for("views.open")
        assert opened["trigger_id"].startswith("trig.")
        view = opened["view"]
        assert (view["type"], view["callback_id"]) == ("modal", "feedback")
        assert [block["block_id"] for block in view["blocks"]] == [
            "part", "pledge", "rating", "text", "anonymous"]
        options = [o["value"] for o in view["blocks"][0]["element"]["options"]]
        answers = {"part": options[0], "pledge": "99", "rating": "4",
                   "text": "Invoices for RV-0042 are paid late.", "anonymous": "No, with my name"}
        refused = await bot.slack.submit(SAM, view, answers)
        assert refused.status_code == 200
        body = refused.json()
        assert body["response_action"] == "errors"
        assert list(body["errors"]) == ["pledge"]
        assert await asyncio.to_thread(count_rows, factory, Case) == 0
        accepted = await bot.slack.submit(SAM, view, {**answers, "pledge": "29"})
        assert accepted.status_code == 200
        assert accepted.content in (b"", b"null", b"{}")
        [thanks] = await bot.fake.wait_for("chat.postMessage")
        assert thanks["channel"] == f"D{SAM}"
        assert thanks["text"].startswith("Thank you")

    run_scenario(factory, database_url, scenario, None)
    assert count_rows(factory, Case) == 1
    assert count_rows(factory, FormSession) == 0


def test_closing_a_modal_closes_its_form(
        factory: sessionmaker[Session], database_url: str, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.command(SAM, "feedback")
        [opened] = await bot.fake.wait_for("views.open")
        assert await asyncio.to_thread(count_rows, factory, FormSession) == 1
        await bot.slack.closed(SAM, opened["view"])
        for _ in range(500):
            if await asyncio.to_thread(count_rows, factory, FormSession) == 0:
                break
            await asyncio.sleep(0.01)
        assert await asyncio.to_thread(count_rows, factory, FormSession) == 0

    run_scenario(factory, database_url, scenario, None)


def test_app_home_shows_reminders_cases_and_help(
        factory: sessionmaker[Session], database_url: str, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.home_opened(SAM)
        [published] = await bot.fake.wait_for("views.publish")
        assert published["user_id"] == SAM
        view = published["view"]
        assert view["type"] == "home"
        words = "\n".join(block["text"]["text"] for block in view["blocks"]
                          if block["type"] == "section")
        assert "/feedback" in words  # what they can ask
        assert [block["type"] for block in view["blocks"]].count("divider") == 2

    run_scenario(factory, database_url, scenario, None)


def test_app_home_of_an_unknown_user_says_how_to_be_added(
        factory: sessionmaker[Session], database_url: str) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.home_opened("U0NOBODY1")
        [published] = await bot.fake.wait_for("views.publish")
        [section] = published["view"]["blocks"]
        assert section["text"]["text"].startswith("Hello. I don't know who you are yet")

    run_scenario(factory, database_url, scenario, None)


def test_harm_described_in_a_channel_is_answered_by_direct_message(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer, sam: int) -> None:
    async def scenario(bot: Running) -> None:
        await bot.slack.mention(SAM, "the resident in room 4 was hit by a carer last night")
        deadline = asyncio.get_running_loop().time() + 10
        while not [p for p in bot.fake.of("chat.postMessage") if p["channel"] == "C0GENERAL"]:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.01)
        *private, public = bot.fake.of("chat.postMessage")
        assert {post["channel"] for post in private} == {f"D{SAM}"}
        assert "safeguarding" in private[0]["text"].lower()
        assert (public["channel"], public["text"]) == ("C0GENERAL",
                                                        "I've sent you a direct message.")

    run_scenario(factory, database_url, scenario, answerer)
