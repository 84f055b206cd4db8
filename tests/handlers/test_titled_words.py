"""A title before ordinary English words is no name (session 42's trial: the hub's alert read
"taking money from mrs R. P." for "mrs rooms purse"); a name after a title is still cut, and an
ordinary word after the name is no part of it ("mrs holmes purse" -> "mrs H. purse")."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Case, OutboxMessage
from handlers.formats import initials_only, without_names
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

# Kept as typed: the words after the title are ordinary words, or a thing's name.
ORDINARY = [
    "i think the night staff are taking money from mrs rooms purse",
    "money went missing from mrs rooms purse last night",
    "mrs rooms window was left open all night",
    "the mr whippy van was parked outside",
    "she loves a mr whippy ice cream",
    "the mr softee van comes on sundays",
    "Miss the bus and you'll be late for the rota",
    "we will miss the bus",
    "she watches mr tumble on the telly",
    "he reads mr men books with his carer",
    "she bought mr kipling cakes for the party",
    "we ran out of mr muscle spray",
    "mr sheen polish was left on the side",
    "he calls himself mr nobody",
    "mr potato head is his favourite toy",
    "the mr freeze lollies are in the freezer",
    "the residents watched mr bean on tv",
    "he was mr happy all afternoon",
    "mr tickle and mr greedy books",
    "she says she is waiting for mr right",
    "he was the mr big of the day room",
    "he is not mr nice guy today",
    "mrs mop came in to clean",
    "we watched goodbye mr chips",
    "he was mr grumpy at breakfast",
    "mr blobby was on the telly",
    "the mr fixit handyman came",
    "she read mrs tiggywinkle to her",
    "we watched mrs doubtfire in the lounge",
    "mr motivator exercise video",
    "she follows mrs hinch cleaning tips",
    "mrs rooms bedside drawer was emptied",
]

# Names after a title, cut to initials; ordinary words after them are no part of the name.
NAMES = [
    ("Mrs Patricia Holmes has bruises", "Mrs P. H. has bruises"),
    ("mrs holmes purse is missing", "mrs H. purse is missing"),
    ("taking money from mrs holmes purse", "taking money from mrs H. purse"),
    ("mrs patricia holmes purse was emptied", "mrs P. H. purse was emptied"),
    ("mrs smith fell", "mrs S. fell"),
    ("mr brown hit her", "mr B. hit her"),
    ("mrs white's son takes her money", "mrs W.'s son takes her money"),
    ("mrs green has a bruise", "mrs G. has a bruise"),
    ("mr king was shouted at", "mr K. was shouted at"),
    ("mrs baker told me", "mrs B. told me"),
    ("mr wood fell in the lounge", "mr W. fell in the lounge"),
    ("mrs mary smith fell", "mrs M. S. fell"),
    ("mrs grace smith fell", "mrs G. S. fell"),
    ("mrs joy holmes fell", "mrs J. H. fell"),
    ("mrs rose said the carer was rough", "mrs R. said the carer was rough"),
    ("mr khan's carer shouted", "mr K.'s carer shouted"),
    ("mrs jones purse is empty", "mrs J. purse is empty"),
    ("mrs thornton handbag was taken", "mrs T. handbag was taken"),
    ("mr patel told me", "mr P. told me"),
    ("mrs young has bruises", "mrs Y. has bruises"),
    ("mrs bell fell", "mrs B. fell"),
    ("mr cook was upset", "mr C. was upset"),
    ("mr walker was left alone", "mr W. was left alone"),
    ("mrs hill fell", "mrs H. fell"),
    ("mrs wright purse went missing", "mrs W. purse went missing"),
    ("mr whipple was pushed", "mr W. was pushed"),
    ("mrs wells hearing aid was broken", "mrs W. hearing aid was broken"),
    ("mrs mason daughter takes her pension", "mrs M. daughter takes her pension"),
    ("mrs fox was crying", "mrs F. was crying"),
    ("mrs lamb was crying", "mrs L. was crying"),
    ("mr stone was crying", "mr S. was crying"),
    ("mrs sparrow was crying", "mrs S. was crying"),
    ("mrs hope was crying", "mrs H. was crying"),
    ("mrs long was crying", "mrs L. was crying"),
    ("mrs little was crying", "mrs L. was crying"),
    ("MRS PATRICIA HOLMES has bruises", "MRS P. H. has bruises"),
    ("Mrs Rooms has bruises", "Mrs R. has bruises"),
    ("mr whippy smith hit her", "mr W. S. hit her"),
    ("mrs rooms smith fell", "mrs R. S. fell"),
]


@pytest.mark.parametrize("text", ORDINARY)
def test_a_title_before_ordinary_words_is_kept(text: str) -> None:
    assert initials_only(text) == text
    assert without_names(text) == text


@pytest.mark.parametrize(("text", "kept"), NAMES)
def test_a_name_after_a_title_is_still_cut(text: str, kept: str) -> None:
    assert initials_only(text) == kept


@pytest.mark.one_database_each  # tests/conftest.py
@pytest.mark.parametrize(("words", "kept"), [
    ("i think the night staff are taking money from mrs rooms purse",
     "i think the night staff are taking money from mrs rooms purse"),
    ("i think the night staff are taking money from mrs holmes purse",
     "i think the night staff are taking money from mrs H. purse"),
])
def test_the_hubs_alert_keeps_ordinary_words_after_a_title(
        northshire_router: Router, factory: sessionmaker[Session], words: str,
        kept: str) -> None:
    # Session 42's trial: the alert read "taking money from mrs R. P.".
    reply = northshire_router.handle(make_incoming(words, sender=SAM))[0]
    assert reply.text.startswith("This sounds like a safeguarding concern."), reply.text
    with factory() as session:
        [case] = session.scalars(select(Case))
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised"))
    assert case.description == kept
    assert f'"{kept}"' in alert.payload["text"]
