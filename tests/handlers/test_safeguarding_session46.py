"""Session 46's safeguarding brief, as dialogs through the router: someone cared for hoarding
their medicines is raised (an overdose risk), the home's own stock is not; a threat vented at a
tradesperson who has not turned up, money owed to a window cleaner and one's own boss "doing my
head in" are neither raised nor asked about; a staffing shortage typed alone, with nobody's care
said to be left undone, is no urgent case, nor is the recruitment and money told after it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAFETY = "Is this about someone's safety?"
RAISED = "This sounds like a safeguarding concern."
HARD_DAY = "That sounds like a hard day, and I'm sorry."


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _replies(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _shown(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


# 1. Someone cared for saving up, hiding or stockpiling their medicines (the brief's first, then
# our own variants): raised at once.
@pytest.mark.parametrize("words", [
    "RC-101 has pills saved up in her drawer",
    "mrs b has been hiding her tablets under her mattress",
    "he's been stockpiling his meds",
    "rc101 has tablets saved up in her bedside drawer",
    "mr d has got a load of pills stashed in his room",
    "rc-204 has been squirrelling away her tablets",
])
def test_someone_hoarding_their_medicines_is_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), _shown(replies)
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


# ... the home's own stock, or the pharmacy's, is not.
# 2. and 4. A threat vented at a tradesperson who has not turned up, a tradesperson's unpaid bill,
# one's own boss: no concern, no safety question.
@pytest.mark.parametrize("words", [
    "we have pills saved up for the weekend round in the drawer",
    "the pharmacy saved up the repeat prescriptions",
    "i could kill the plumber, he still hasnt turned up",
    "i could kill the plumber he still hasnt turned up",
    "im going to murder the electrician, he never showed",
    "the window cleaner hasnt been paid and keeps ringing",
    "the gardener hasnt been paid and keeps phoning",
    "my boss is doing my head in",
    "my manager is doing my head in",
])
def test_stock_a_tradesperson_or_ones_boss_raises_nothing_and_asks_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    shown = _shown(replies)
    assert replies, shown
    assert RAISED not in shown, shown
    assert SAFETY not in shown, shown
    assert _cases(factory) == []
    assert _alerts(factory) == []


# ... the threat at the tradesperson and the boss get the short kind line a threat at the
# photocopier repair man gets.
@pytest.mark.parametrize("words", [
    "i'll strangle the photocopier repair man",
    "i could kill the plumber, he still hasnt turned up",
    "i could strangle the gas engineer, still hasnt turned up",
    "my boss is doing my head in",
    "my manager is doing my head in",
])
def test_a_vent_at_a_tradesperson_or_ones_boss_gets_the_kind_line(
        router: Router, words: str) -> None:
    replies = _replies(router, words)
    assert _shown(replies).startswith(HARD_DAY), _shown(replies)


# ... but the tradesperson's harm, or a person cared for left without what the no-show leaves
# undone, is raised as before.
@pytest.mark.parametrize("words", [
    "the plumber hit mrs b",
    "a resident said the plumber touched her",
    "i could kill the plumber, he hit mrs b",
    "mrs b's carer hasnt turned up",
])
def test_a_tradespersons_harm_or_a_carers_no_show_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), _shown(replies)
    assert len(_cases(factory)) == 1


# 3. A shortage typed alone, nobody's care said to be left undone: asked about at most, no case;
# and the recruitment and money told after it raise nothing.
@pytest.mark.parametrize("words", [
    "we're short staffed",
    "were short staffed",
    "we are understaffed again",
    "not enough staff",
])
def test_a_shortage_alone_is_no_urgent_case(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert RAISED not in _shown(replies), _shown(replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_recruitment_and_money_told_after_a_shortage_raise_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    _replies(router, "we're short staffed")
    replies = _replies(router, "can't recruit, the money isn't there")
    assert RAISED not in _shown(replies), _shown(replies)
    assert SAFETY not in _shown(replies), _shown(replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []


@pytest.mark.parametrize("words", [
    "we're short staffed and nobody has been fed",
    "not enough carers to get everyone up",
    "short staffed tonight",
])
def test_a_shortage_with_care_left_undone_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), _shown(replies)
    assert len(_cases(factory)) == 1


# Session 46's second brief (sg2). 1. The council (or "they") ignoring the provider, typed at the
# disagreement's "What has happened?": kept as the answer, no concern sent to the hub, no safety
# question.
@pytest.mark.parametrize("words", [
    "they ignored us for 3 weeks, is that allowed?",
    "the commissioner has ignored our emails for a month",
    "we've been ignored by the council since the tender",
])
def test_the_council_ignoring_the_provider_at_what_has_happened_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _replies(router, "/conflict")
    assert "Which placement or invoice" in _shown(_replies(router, "1"))
    assert "What has happened?" in _shown(_replies(router, "skip"))
    replies = _replies(router, words)
    shown = _shown(replies)
    assert RAISED not in shown, shown
    assert SAFETY not in shown, shown
    assert "What outcome would you like?" in shown, shown
    assert _cases(factory) == []
    assert _alerts(factory) == []


# ... typed alone, the same.
@pytest.mark.parametrize("words", [
    "they ignored us for 3 weeks, is that allowed?",
    "the commissioner has ignored our emails for a month",
    "we've been ignored by the council since the tender",
    # 2. medicines kept locked away, and 3. an engineer late with nobody cared for named
    "his tablets are kept in the locked cabinet in his room",
    "the hoist engineer hasnt come yet",
    "the engineer is stuck in traffic",
])
def test_the_council_ignoring_us_medicines_locked_away_or_an_engineer_late_raise_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    shown = _shown(replies)
    assert replies, shown
    assert RAISED not in shown, shown
    assert _cases(factory) == []
    assert _alerts(factory) == []


# ... while someone cared for ignored or locked in, or stuck with care left undone, is raised.
@pytest.mark.parametrize("words", [
    "staff ignored mrs b for 3 weeks",
    "they ignored her call bell all night",
    "the carers ignored RC-101 when he asked for the toilet",
    "he is locked in his room",
    "they lock her in the cabinet room at night",
    "the hoist engineer hasnt come and mrs b is stuck in bed",
    "the lift is broken and RC-101 has been stuck upstairs for 3 days without a wash",
])
def test_someone_ignored_locked_in_or_stuck_is_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), _shown(replies)
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1
