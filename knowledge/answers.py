"""From a question to what the bot should say: safeguarding first, then an entry, or abstain."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from bot.values import frozen
from knowledge import topics
from knowledge.base import HAND_OVER, Entry, KnowledgeBase, content_folders, question_key
from knowledge.cache import IndexCache
from knowledge.deaths import DEATH, SUDDEN_DEATH
from knowledge.meaning import MeaningIndex, entry_texts, packaged_encoder
from knowledge.names import GIVEN_NAMES
from knowledge.pledges import (
    asks_for_the_list,
    asks_what_the_pledge_is,
    missing_pledge_number,
    pledge_number,
    pledge_topic,
    pledge_topic_named,
)
from knowledge.safeguarding import (
    SafeguardingMatch,
    detect,
    staff_accident,
    without_figurative_harm,
)
from knowledge.search import ABOUT_THE_PLEDGE, RERANK_FIRST, Hit, Searcher, TopicReading

Mode = Literal["safeguarding", "answer", "choose", "abstain", "too_long", "not_english",
               "pledge_list", "pledge_topic"]
MAX_QUESTION_CHARS = 4000
# "pledges about payment" is a request for a list; a longer "what does the pledge say about
# how councils and providers should treat each other" is a question, answered by the search.
MAX_TOPIC_WORDS = 4
# The entry a member of staff's own accident at work gets when the search has no answer of its
# own (``knowledge.safeguarding.staff_accident``): the employer's record and its RIDDOR report.
STAFF_ACCIDENT_ENTRY = "riddor-reporting-care"
# ... unless the message asks of something else about it ("can she claim sick pay?", "will she
# be paid while off?": the search's; session 35's review) and not of reporting it ("do we
# report that to anyone?", "who do we tell?", "is it RIDDOR?"). What to do, the obligations or
# the paperwork are its record and report (session 35's third review: a list of the questions
# that count left "what do we need to do?" with "I don't know").
_ASKS_TO_REPORT = re.compile(
    r"\b(?:report\w*|record\w*|riddor|hse|accident (?:book|forms?|reports?)|incident (?:forms?"
    r"|reports?)|log(?:ged|ging)? (?:it|this|that)|(?:tell|notify|inform|let) (?:anyone|anybody"
    r"|someone|somebody|the (?:council|hse|cqc|police|insurers?|manager))|who (?:do|does"
    r"|should|must|would|can) (?:we|i|you|they) (?:tell|notify|inform|contact|ring|call|let know)"
    r"|who (?:needs|has|ought) to (?:know|be told)|(?:need|needs|have|has) to (?:know|be told"
    r"|be informed|be notified))\b")
_ASKS_OF_SOMETHING_ELSE = re.compile(
    r"\b(?:sick ?pay|ssp|pay|paid|wages?|salary|claim\w*|compensation|sue|holiday|annual leave"
    r"|time off|return to work|phased return|light duties|fit note|sick note|cover (?:her|his"
    r"|their) (?:shifts?|calls?|visits?|rota))\b")


@frozen
class Answer:
    """The outcome for one question: a mode, the ranked entries, and why."""

    question: str
    mode: Mode
    hits: tuple[Hit, ...] = ()
    entries: tuple[Entry, ...] = ()
    concern: SafeguardingMatch | None = None
    latency_ms: float = 0.0
    topic: str | None = None
    # Of the commitments on a topic, the words of the topic none is about, and the commitment
    # nearest in meaning to them ("bullying" and commitment 1 of "bullying and payment"). A
    # choice with a ``topic``: no commitment is about the topic, and ``nearest`` is the
    # commitment nearest it; the entries are offered after that is said.
    not_about: str | None = None
    nearest: Entry | None = None
    # A choice that leans to its first entry (``Decision.leaning``): the text names it.
    leans: bool = False
    # Handed to a person as one council's own practice, but the first entry holds the general
    # rules (``Searcher.general_rules``): the chat points to it beside the hand-over.
    general: bool = False

    @property
    def answered(self) -> bool:
        """True when the person gets an answer, a choice of two, or a list of commitments."""
        return self.mode in ("answer", "choose", "pledge_list", "pledge_topic")

    @property
    def best(self) -> Entry | None:
        """The entry the bot answers with, if any."""
        return self.entries[0] if self.answered and self.entries else None


def lead_and_detail(entry: Entry, question: str = "") -> tuple[str, str]:
    """The answer in one paragraph (for a pledge entry, the pledge's own words), and the rest.

    Chat shows the entry's title and this lead first; the detail, sources and date follow it
    (behind a "More" button where the channel has buttons). An entry's answer that opens with a
    bare "Yes:" or "Usually no," answers a yes/no question; when ``question`` asks what, who or
    how instead, that opening is left off the lead.
    """
    if entry.kind == "pledge" and entry.commitment:
        # The pledge's own words, then the first sentence of where the law differs (session
        # 22's review: "the council has to pay us within 10 days under the pledge, right?" got
        # commitment 29's words alone, read as "yes"; it is a voluntary aim for primes paying
        # subcontractors, and the law's limit is 30 days).
        lead = f'Commitment {entry.number}: "{entry.commitment}"'
        if entry.law_differs:
            lead += "\n" + _SENTENCE_END.split(" ".join(entry.law_differs.split()))[0]
        return lead, entry.answer.strip()
    first, _, rest = entry.answer.strip().partition("\n\n")
    # The first paragraph's text before any list, cut after the sentences that fit; what is
    # cut goes to the detail, with the list and the other paragraphs.
    lines = first.splitlines()
    starts = [n for n, line in enumerate(lines) if n and _LIST_ITEM.match(line)]
    split_at = starts[0] if starts else len(lines)
    head, listed = " ".join(lines[:split_at]), "\n".join(lines[split_at:])
    sentences = _SENTENCE_END.split(" ".join(head.split()))
    lead = sentences[0]
    if _OPEN_QUESTION.match(without_preamble(question)):
        lead = _without_yes_or_no(lead)
    taken = 1
    for sentence in sentences[1:]:
        if len(lead) + 1 + len(sentence) > MAX_LEAD_CHARS:
            break
        lead = f"{lead} {sentence}"
        taken += 1
    # A sentence that opens a list the lead leaves out ("The main changes for providers:")
    # goes with its list to the detail (session 25's trial: the short answer ended on it).
    if taken > 1 and lead.endswith(":") and listed:
        lead = lead[:-len(sentences[taken - 1])].rstrip()  # keeps a yes/no opening left off
        taken -= 1
    cut = " ".join(sentences[taken:])
    first_rest = "\n".join(part for part in (cut, listed.strip()) if part)
    detail = "\n\n".join(part for part in (first_rest, rest.strip()) if part)
    return lead, detail


# A long first paragraph is cut after the sentences that fit in the lead's length.
MAX_LEAD_CHARS = 280
# Session 21: "who pays for TUPE costs" was answered "Often yes: when a council re-tenders
# care ...". A yes or no (with its hedge) followed by punctuation opens 27 of the entries'
# answers; it is read off for a question that asks what, who, when, how ... ("No law requires
# mileage payments" has no punctuation after "No" and is kept).
_YES_OR_NO = re.compile(r"^(?:(?:usually|often|mostly|generally) )?(?:yes|no)[,:.;]\s+(?=\S)",
                        re.IGNORECASE)
_OPEN_QUESTION = re.compile(
    r"^\W*(?:what|what's|whats|who|whom|whose|when|where|why|how|which|explain|describe"
    r"|tell me)\b", re.IGNORECASE)


def _without_yes_or_no(lead: str) -> str:
    """``lead`` without an opening "Yes:" / "Usually no," (the rest begun with a capital)."""
    found = _YES_OR_NO.match(lead)
    if found is None:
        return lead
    rest = lead[found.end():]
    return rest[:1].upper() + rest[1:]
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c(])")


# A preamble before the question ("quick one,", "sorry to bother you but", "I've got a question:";
# session 20: "quick one, how long is the standstill period?" was "I don't know", the same
# question without it answered). Only read off when a question of two words or more follows.
# Session 33's trial: a greeting and a word about the writer ("hi im new in finance, how long
# has the council got to pay an invoice?") offered "Invoices put on hold", where the question
# alone is answered: each clause is read off in turn, "I'm new (in finance)", "hope you're
# well", a quick question, sorry to bother you, and a greeting before them.
_GREETING = (r"(?:(?:hi|hello|hey|hiya|heya)\b(?:\s+(?:there|all|team|everyone)\b)?[\s,.!:;-]*"
             r"|(?:good\s+)?(?:morning|afternoon|evening)(?:\s+(?:all|team|everyone))?"
             r"\s*[,.!:;-]+)")
_NEW_HERE = (r"(?:i'?m|i\s+am|im)\s+(?:(?:fairly|quite|very|pretty|brand|really|still)\s+)?new"
             r"(?:\s+(?:here|starter|to\s+(?:this|all\s+this)|(?:in|to|at|on|with|as)"
             r"(?:\s+[\w&'/-]+){1,3}?))?(?:\s*[,.;:!?-]+\s*|\s+(?:(?:and|so|but)\s+)?"
             # "hi im new here what is this pledge" (session 35's review): a question word
             # after it, with no stop between, starts the question too.
             r"(?=(?:what|how|when|who|where|why|which|can|could|do|does|is|are|should|would"
             r"|will)\b))")
# The writer's role said before the question ("im the registered manager at hillview.", "I'm
# the finance director at Oakwood Care -"; session 35's trial: "I don't know", where the
# question alone is answered): a role word of the care sector or a council, and where, set off
# by punctuation. Only a role: "im worried about a resident at hillview," is never read off.
_ROLE = (r"(?:(?:registered|deputy|assistant|acting|interim|new|care|home|branch|service"
         r"|operations|finance|business|office|area|regional|general|managing|quality"
         r"|compliance|contracts?|procurement|commissioning|bid|training|hr|senior|clinical"
         r"|nurse|team|practice)\s+){0,3}(?:manager|owner|director|co-?ordinator|administrator"
         r"|admin|nurse|lead|officer|commissioner|ceo|proprietor|head|partner|accountant"
         r"|writer|supervisor)")
_MY_ROLE = (r"(?:i'?m|i\s+am|im|this\s+is)\s+(?:the\s+|a\s+|an\s+|one\s+of\s+the\s+)?"
            + _ROLE + r"s?(?:\s+(?:at|in|from|for|of|with|here\s+at)(?:\s+[\w&'-]+){1,4}?)?"
            r"\s*[,.;:!-]+\s*")
_GREETING_ONLY = re.compile(r"^\W*" + _GREETING, re.IGNORECASE)
# A salutation naming whom it is written to ("Hi Priya,", "Dear pledgebot,", "Hello team -";
# session 37's trial: "Hi Priya, quick q on invoices - how long does the council have to pay
# us" was "I don't know", the question alone answered): the name is no word of the question.
_SALUTATION = re.compile(
    r"^\W*(?:dear|hi|hello|hey|hiya|(?:good\s+)?(?:morning|afternoon|evening))\s+"
    r"(?P<name>[a-z][\w.'-]*(?:\s+[a-z][\w.'-]*)?)\s*[,:;!-]+\s*", re.IGNORECASE)
_PREAMBLE = re.compile(
    r"^\W*(?:" + _NEW_HERE + r"|" + _MY_ROLE
    + r"|(?:i\s+)?hope\s+(?:you'?re|you\s+are|youre)\s+(?:well|ok|okay)\b[\s,.!:;-]*"
    r"|(?:(?:just )?(?:a |another )?quick (?:one|question|q)(?: for you)?"
    # "quick q on invoices - how long ..." (session 37's trial): what it is on, set off.
    r"(?:\s+(?:on|about|re|regarding)\s+\w+(?:\s+\w+){0,2}?\s*[-:,]+\s*)?"
    r"|sorry to (?:bother|trouble) you(?: but)?"
    r"|(?:i have|i've got|ive got|i have got|got) (?:a |another )?(?:quick )?(?:question|query)"
    r"(?: for you)?"
    r"|(?:a )?question for you)\b[\s,.:;!?-]*)",
    re.IGNORECASE)
# Only a person's given name or the bot's is read off: "hi there, ...", "Dear Commissioners, ..."
# are left as they were (the answer decision was chosen on questions that open with them; read
# off, "Dear Commissioners," took a question no entry answers to a choice on calibration set 27).
_SALUTED_BOT = frozenset({"pledgebot", "bot"})
# A message is read off at most this many clauses ("hi, im new here, quick question: ...").
MAX_PREAMBLE_CLAUSES = 4


def without_preamble(text: str) -> str:
    """``text`` without a conversational preamble before its question ("I'm new in
    finance", "quick question", "sorry to bother you", with any greeting before them), when
    a question of two words or more follows; else ``text`` as it is. A greeting alone is
    left: the answer decision was chosen on questions that open with one."""
    greeting = _SALUTATION.match(text)
    read_off = greeting is not None and all(
        word.lower() in GIVEN_NAMES or word.lower() in _SALUTED_BOT
        for word in greeting.group("name").split())
    if not read_off:
        greeting = _GREETING_ONLY.match(text)
    rest = text[greeting.end():] if greeting is not None else text
    for _ in range(MAX_PREAMBLE_CLAUSES):
        found = _PREAMBLE.match(rest)
        if found is None or not found.group(0).strip():
            break
        rest, read_off = rest[found.end():], True
    rest = rest.strip()
    return rest if read_off and len(rest.split()) >= 2 else text


# A sign-off after the question ("how long is the standstill? Kind regards, Jo", "...\nMany
# thanks\nSam Patel\nRegistered Manager\n01234 567890", "Thanks, Jo. Sent from my iPhone";
# session 36's trial: each was "I don't know", the question alone answered). Its words are
# the writer's name, role and numbers, which no entry holds, so they pulled the question off
# its entry. Cut where a closing begins, with everything after it:
# - "Sent from my ...", "Get Outlook for ..." and an e-mail disclaimer ("This email and any
#   attachments are confidential ..."), wherever they begin after the question;
# - a closing that only closes ("Kind regards", "Best wishes", "Many thanks", "Yours
#   sincerely", "Regards"), after a stop, a comma or at a line's start; with no stop before
#   it, only when a name of up to three words or nothing follows ("... standstill kind regards
#   jo"), never "with regards to ...";
# - a word of thanks ("Thanks", "Thank you", "Cheers", "Ta", "Best") after a stop, a comma or at
#   a line's start, when what follows is a name of up to three words, or lines of a signature
#   below it; never "thanks for ..." (but for "your help"), "thanks to ..." or more words of
#   the question.
# Never when a question mark follows (another question), nor when fewer than two words of the
# question come before it ("Thanks, Jo" alone is thanks, not a sign-off).
_STOP = r"(?:^|(?<=[.?!,;:|)\n-])|(?<=[.?!,;:|)\n-][ \t])|(?<=[.?!,;:|)\n-][ \t][ \t]))"
_ENDS = re.compile(
    _STOP + r"(?:(?:sent from my|get outlook for)(?:[ \t]+[\w.-]+){1,4}[ \t.]*(?=\n|\Z)"
    r"|(?:this|the information in this|the contents of this) (?:e-?mail|message|communication)"
    r"\b(?=[^.?]{0,80}\b(?:confidential|privileged|intended (?:solely |only )?for)\b))",
    re.IGNORECASE)
_CLOSING = (r"(?:kind(?:est)?|best|warm(?:est)?|many|with) (?:regards|wishes)|regards"
            r"|many thanks|with (?:many )?thanks|thanks (?:again|so much|very much|in advance)"
            r"|thank you (?:again|so much|very much|in advance)|yours (?:sincerely|faithfully"
            r"|truly)|all the best")
_SIGN_OFF = re.compile(r"\b(?:(?P<closing>" + _CLOSING + r")|(?P<thanks>thanks|thank you|thankyou"
                       r"|thx|cheers|ta|best))\b(?:[ \t]+for[ \t]+(?:all[ \t]+)?(?:your|the|this"
                       r"|any)[ \t]+(?:help|time|assistance|support|advice)\b)?",
                       re.IGNORECASE)
_AFTER_A_STOP = re.compile(r"(?:[.?!,;:|)-]|^|\n)[ \t]*\Z")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_NOT_A_NAME = frozenset(re.findall(r"\w+", """
for to and or but the a an of on in at with about from so if you your it this that we our
is are was be can could do does will would should please"""))
MAX_NAME_WORDS = 3
MAX_SIGNATURE_LINE_WORDS = 8


def _a_name(line: str) -> bool:
    """Whether ``line`` (what follows a closing word on its line) is empty or a name of up to
    ``MAX_NAME_WORDS`` words ("Jo", "Sam Patel")."""
    name = line.strip(" \t,.!:;-").split()
    return len(name) <= MAX_NAME_WORDS and all(
        _NAME_WORD.fullmatch(word) for word in name) and (
        not name or name[0].lower() not in _NOT_A_NAME)


def without_signoff(text: str) -> str:
    """``text`` without a sign-off or signature after its question (the rules above): "how
    long is the standstill? Kind regards, Jo" -> "how long is the standstill?"; else ``text``
    as it is."""
    cut = text
    for found in _ENDS.finditer(text):
        if len(text[:found.start()].split()) >= 2 and "?" not in text[found.end():]:
            cut = text[:found.start()]
            break
    for found in _SIGN_OFF.finditer(cut):
        before, rest = cut[:found.start()], cut[found.end():]
        if len(before.split()) < 2 or "?" in rest:
            continue
        line, _, below = rest.partition("\n")
        at_stop = _AFTER_A_STOP.search(before) is not None
        if found.group("closing") is not None:
            first = line.strip(" \t,.!:;-").split()[:1]
            signed = ((at_stop and not (first and first[0].lower() in _NOT_A_NAME))
                      or (not below.strip() and bool(first) and _a_name(line)))
        elif at_stop:
            signed = _a_name(line) and all(len(words.split()) <= MAX_SIGNATURE_LINE_WORDS
                                           for words in below.splitlines())
        else:
            signed = (found.group("thanks").lower() not in ("ta", "best") and not below.strip()
                      and bool(line.split()) and _a_name(line))
        if signed:
            cut = before
            break
    cut = cut.rstrip(" \t\n,;:-")
    return cut if cut != text.rstrip(" \t\n,;:-") and len(cut.split()) >= 2 else text


# A placement's, tender's or invoice's reference ("RC-014", "NCC-HC-2027", "CT-0901"): letters,
# a hyphen and digits. No entry holds one, so it counted against the question as a word no
# entry knows (session 37's trial: "our 3 month review for RC-014 is way overdue ... what can i
# do?" was "I don't know", the same words without it found placement reviews). Not a word the
# content uses before its number ("covid-19").
_A_REFERENCE = re.compile(r"(?<![\w/.-])(?P<letters>[a-z]{1,5}(?:-[a-z]{1,5})*)-\d[a-z0-9]*"
                          r"(?:-[a-z0-9]+)*(?![\w/-])", re.IGNORECASE)


def without_references(text: str, searcher: Searcher) -> str:
    """``text`` without the references in it (``_A_REFERENCE``), when words remain; else
    ``text`` as it is."""
    def unknown(found: re.Match[str]) -> str:
        letters = found.group("letters").lower().split("-")
        known = any(part in searcher.speller.vocabulary for part in letters)
        return found.group(0) if known else ""
    cut = " ".join(_A_REFERENCE.sub(unknown, text).split())
    return cut if cut != text and len(cut.split()) >= 2 else text


def mostly_foreign(text: str) -> bool:
    """True when most letters are outside the Latin alphabet, or typical of another language."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    accented = sum(1 for ch in letters if ord(ch) > 127 and "LATIN" in unicodedata.name(ch, ""))
    inverted = "\u00bf" in text or "\u00a1" in text  # Spanish question and exclamation marks
    return latin / len(letters) < 0.5 or accented / len(letters) > 0.03 or inverted


@lru_cache(maxsize=4)
def _index(entries: tuple[Entry, ...], cache: IndexCache | None, meaning: bool) -> Searcher:
    if not meaning:
        return _words_index(entries, cache)
    searcher = _index(entries, cache, False)  # the words' index, shared
    encoder = packaged_encoder()
    if encoder is None:  # said at start-up and by `pledgebot doctor` (bot.app, bot.cli)
        return searcher
    return searcher.reading_meaning(MeaningIndex(
        encoder, entry_texts(searcher.entries.values()),
        store=cache.directory if cache is not None else None))


@lru_cache(maxsize=4)
def _built(entries: tuple[Entry, ...], model: int) -> list[Searcher]:
    """The words' index over ``entries`` with the topic model ``model`` (its ``id``) once made
    in this process (an empty list until then), whichever folders and cache file the content
    came from. An ``id`` is never another model's while its entry is kept here: the index
    kept holds its model (``Searcher.topics``), which is then never freed."""
    return []


def _words_index(entries: tuple[Entry, ...], cache: IndexCache | None) -> Searcher:
    """The words' index over ``entries``: the one this process already made or read for the
    same content, else read from ``cache`` or built.

    The index depends on the entries alone (the code and the topic model are the process's
    own), so two apps on the same content share it even when their content folders differ (a
    council's empty folder beside the packaged content; the tests' many folders, each of which
    read or built the same index again: a twelfth of the suite's time, session 38). The cache
    file of ``cache``'s folders is written unless it already holds this content's index, so
    their next start reads it as before.
    """
    made = _built(entries, id(topics.packaged_model()))
    if not made:
        made.append(Searcher(entries) if cache is None else cache.searcher(entries))
    elif cache is not None:
        cache.keep(made[0], entries)
    return made[0]


def index(entries: Iterable[Entry], cache: IndexCache | None = None, *,
          meaning: bool = False) -> Searcher:
    """The search index over ``entries``, built once per distinct content.

    Building it takes most of a second; a reload that changed nothing, or a second app on the
    same content in one process (the tests, the CLI inside them), reuses the built index. A
    Searcher is not changed after it is built, and entries are frozen dataclasses of hashable
    fields, so content is its own key and sharing is safe. With ``cache``, an index built by
    an earlier process on the same content and code is read from disk instead of built
    (``knowledge.cache``). ``meaning``: with the meaning re-ranker (``knowledge.meaning``)
    when its model is installed; its vectors are kept beside the index.
    """
    return _index(tuple(entries), cache, meaning)


def answerer_for(knowledge_dir: Path | None, cache_dir: Path | None, *,
                 meaning: bool = False) -> Answerer:
    """The answerer over the packaged content and the council's folder (``knowledge_dir``),
    keeping its built index in ``cache_dir``: what the bot and the CLI both ask. ``meaning``:
    ``PLEDGEBOT_ANSWER_MEANING`` is ``minilm``."""
    return Answerer(KnowledgeBase(content_folders(knowledge_dir)), cache_dir=cache_dir,
                    meaning=meaning)


class Answerer:
    """Answers questions from the current knowledge base, rebuilding its index after a reload."""

    def __init__(self, knowledge: KnowledgeBase, *, cache_dir: Path | None = None,
                 meaning: bool = False) -> None:
        """Index the knowledge base's current content.

        With ``cache_dir`` (``PLEDGEBOT_CACHE_DIR``), the built index is kept there between
        processes, and read back while the content and the code are unchanged. ``meaning``:
        re-order the first entries by what a question means (``knowledge.meaning``).
        """
        self.knowledge = knowledge
        self._meaning = meaning
        self._cache = None if cache_dir is None else IndexCache(cache_dir,
                                                                 tuple(knowledge.folders))
        self._generation = knowledge.generation
        self._searcher: Searcher | None = index(knowledge.content.entries.values(), self._cache,
                                                meaning=meaning)

    @property
    def searcher(self) -> Searcher:
        """The index of the current content (rebuilt when the content was reloaded)."""
        self.knowledge.refresh()
        if self._searcher is None or self._generation != self.knowledge.generation:
            self._searcher = index(self.knowledge.content.entries.values(), self._cache,
                                   meaning=self._meaning)
            self._generation = self.knowledge.generation
        return self._searcher

    def entry(self, entry_id: str) -> Entry | None:
        """One entry by id, from the current content."""
        return self.knowledge.content.entries.get(entry_id)

    def ask(self, question: str, *, read_for_harm: bool = True) -> Answer:
        """Decide what to say to ``question``; never raises for any text.

        ``read_for_harm=False`` when the caller has already read these words for safeguarding
        (the chat's middleware reads every typed word), so they are not read twice.
        """
        started = time.perf_counter()
        text = asked = question.strip()

        def done(mode: Mode, hits: tuple[Hit, ...] = (), entries: tuple[Entry, ...] = (),
                 concern: SafeguardingMatch | None = None, topic: str | None = None,
                 leans: bool = False, general: bool = False, not_about: str | None = None,
                 nearest: Entry | None = None) -> Answer:
            elapsed = (time.perf_counter() - started) * 1000
            return Answer(question=asked, mode=mode, hits=hits, entries=entries,
                          concern=concern, latency_ms=elapsed, topic=topic, leans=leans,
                          general=general, not_about=not_about, nearest=nearest)

        if len(text) > MAX_QUESTION_CHARS:
            return done("too_long")
        concern = detect(text) if read_for_harm else None
        if concern is not None:
            return done("safeguarding", concern=concern)
        searcher = self.searcher
        asked, text = text, without_figurative_harm(without_preamble(without_signoff(text)))
        # A death told keeps its reference: the chat reads one told with a reference and no
        # entry answering it outright as a death, with condolences and "Tell the council"
        # (session 30); searched without it, "we have had a death at the home on RC-108" was
        # answered with the fees entry (session 37's merge).
        folded = text.lower()
        if DEATH.search(folded) is None and SUDDEN_DEATH.search(folded) is None:
            text = without_references(text, searcher)
        # Words the council taught (read for harm first, above): handed over, or answered
        # from the entry they were taught to.
        lessons = self.knowledge.content.lessons
        lesson = lessons.get(question_key(asked)) or lessons.get(question_key(text))
        if lesson is not None and lesson.entry == HAND_OVER:
            return done("abstain")
        taught = searcher.entries.get(lesson.entry) if lesson is not None else None
        if taught is not None:
            return done("answer", (Hit(taught.id, 1.0, 1.0, 1.0),), (taught,))
        if asks_for_the_list(text):
            pledges = sorted((entry for entry in searcher.entries.values()
                              if entry.kind == "pledge" and entry.number is not None),
                             key=lambda entry: entry.number or 0)
            # "what is the pledge?": what it is (the entry about the pledge) before the list.
            about = (searcher.entries.get(ABOUT_THE_PLEDGE)
                     if asks_what_the_pledge_is(text) else None)
            if pledges and about is not None:
                return done("pledge_list", (Hit(about.id, 1.0, 1.0, 1.0),),
                            (about, *pledges))
            if pledges:
                return done("pledge_list", entries=tuple(pledges))
        # "pledge 6", "commitment six", "#6": the commitment itself, not a search for words.
        number = pledge_number(text)
        named = searcher.entries.get(f"pledge-{number}") if number is not None else None
        if named is not None:
            return done("answer", (Hit(named.id, 1.0, 1.0, 1.0),), (named,))
        # "pledge 31", "commitment 0": there is no such commitment, so no entry answers it.
        if missing_pledge_number(text) is not None:
            return done("abstain")
        topic = pledge_topic(text)
        # "bullying and payment": payment's, and said that none is about bullying (session
        # 45's talk review: neither was listed).
        not_about: str | None = None
        nearest: Entry | None = None
        # The topic read once: its commitments, its parts and each part's (session 46).
        reading = searcher.read_topic(topic) if topic is not None else None
        if reading is not None and reading.known:
            topic = " and ".join(reading.known)
            not_about = " and ".join(reading.unknown)
            nearest = (searcher.nearest_pledge(not_about)
                       or searcher.nearest_by_samples(not_about))
            reading = searcher.read_topic(topic)
        on_topic = self._pledges_on_topic(topic, reading)
        topic_named = pledge_topic_named(text) if topic is None else None
        if topic_named is not None:
            # "does the pledge say anything about the council paying providers promptly"
            # (session 35's review): the commitments whose own words carry it, else the search.
            named_reading = searcher.read_topic(topic_named)
            concepts = searcher.topic_concepts(topic_named)
            own_asked = tuple(hit for hit in self._pledges_on_topic(topic_named, named_reading)
                              if searcher.concepts_in_own_words(concepts, hit.entry_id))
            if own_asked:
                topic, on_topic, reading = topic_named, own_asked, named_reading
        # Those whose own words carry the topic's concepts, when any does: "getting paid late"
        # is pledge 29's payment terms, not 17's "paid for outcomes" in its samples alone
        # (session 35's review).
        if topic and on_topic and reading is not None:
            # Of two topics asked as one ("payment and feedback"), each one's (session 45).
            parts = reading.parts
            kept: dict[str, Hit] = {}
            for part in parts:
                ids = ({hit.entry_id for hit in reading.of_part[part]}
                       if len(parts) > 1 else None)
                of_part = [hit for hit in on_topic if ids is None or hit.entry_id in ids]
                concepts = searcher.topic_concepts(part)
                own = [hit for hit in of_part
                       if searcher.concepts_in_own_words(concepts, hit.entry_id)]
                kept.update((hit.entry_id, hit) for hit in own or of_part)
            on_topic = tuple(kept.values())
        if on_topic:
            hits = on_topic
            found = tuple(searcher.entries[hit.entry_id] for hit in hits)
            if len(found) == 1 and not_about is None:
                return done("answer", hits, found)
            # In the pledge's order, those whose own words are on the topic first ("paying on
            # time": pledge 29, on payment terms, before 17, paid for outcomes in samples).
            concepts = searcher.topic_concepts(topic or "")
            in_order = tuple(sorted(found, key=lambda entry: (
                not searcher.concepts_in_own_words(concepts, entry.id), entry.number or 0)))
            return done("pledge_topic", hits, in_order, topic=topic, not_about=not_about,
                        nearest=None if nearest in in_order else nearest)
        # "what does the pledge say about paying invoices on time": the person asked what the
        # pledge says, so a commitment confidently about it answers, not the FAQ on the topic.
        # It answers on the rule alone (``confident``), not ``sure``: the sure band was chosen
        # on the search's own answers and was not measured on this path (session 9).
        ranked = tuple(searcher.rank(text, limit=len(searcher.entries) if topic
                                     else RERANK_FIRST))
        # A topic whose words are all known, that no commitment's own words carry ("which
        # pledges are about market"): said so, with the nearest commitment, never one with
        # confidence (session 46: commitment 9 was the answer, through its samples alone).
        listable = (topic is not None and reading is not None
                    and len(topic.split()) <= MAX_TOPIC_WORDS and not reading.unknown_words)
        confident_commitment: Hit | None = None
        if topic is not None:
            # Not one on a word of "terms and conditions" alone (session 45's talk review:
            # 26, on a person's condition changing), nor offered.
            if searcher.said_as_one_on_none(topic):
                ranked = tuple(hit for hit in ranked
                               if searcher.entries[hit.entry_id].kind != "pledge")
            commitment = next((hit for hit in ranked
                               if searcher.entries[hit.entry_id].kind == "pledge"), None)
            if commitment is not None and searcher.confident(text, commitment):
                if not listable:
                    return done("answer", (commitment,),
                                (searcher.entries[commitment.entry_id],))
                confident_commitment = commitment
        decision = searcher.decide(text, hits=ranked[:RERANK_FIRST])
        if listable and topic is not None and not (
                decision.mode == "answer" and decision.hits
                and searcher.entries[decision.hits[0].entry_id].kind != "pledge"):
            # An entry other than a commitment that answers it outright still does (it says
            # nothing of the commitments).
            offered = tuple(searcher.entries[hit.entry_id] for hit in decision.hits[:2])
            # Commitments alone offered ("market": 9 and 8) would contradict the "none": the
            # nearest is named instead, and the offer kept only with another entry in it.
            offers = decision.mode == "choose" and any(entry.kind != "pledge"
                                                       for entry in offered)
            # A commitment offered is the nearest named (session 46's review: "extensions"
            # offered 12 and named none).
            nearest = next((entry for entry in offered if offers and entry.kind == "pledge"),
                           None) or searcher.nearest_by_samples(topic) or (
                searcher.entries[confident_commitment.entry_id]
                if confident_commitment is not None else None)
            if offers:
                # Said that none is about it, then the entries offered for it, as before
                # session 46 (its review: the offer was lost, and kept as a knowledge gap).
                return done("choose", decision.hits,
                            tuple(searcher.entries[hit.entry_id] for hit in decision.hits),
                            topic=topic, leans=decision.leaning, nearest=nearest)
            if nearest is None:
                return done("abstain", topic=topic)
            hit = next((hit for hit in ranked if hit.entry_id == nearest.id),
                       Hit(nearest.id, 0.0, 0.0, 0.0))
            return done("abstain", (hit,), (nearest,), topic=topic)
        if (decision.mode != "answer" and staff_accident(asked)
                and (_ASKS_TO_REPORT.search(asked.lower()) is not None
                     or _ASKS_OF_SOMETHING_ELSE.search(asked.lower()) is None)):
            # "our carer slipped on ice outside a client's house and broke her wrist, do we
            # report that to anyone?" (session 35's trial: raised as a concern, unanswered).
            riddor = searcher.entries.get(STAFF_ACCIDENT_ENTRY)
            if riddor is not None:
                hit = next((hit for hit in ranked if hit.entry_id == riddor.id),
                           Hit(riddor.id, 1.0, 1.0, 1.0))
                return done("answer", (hit,), (riddor,))
        entries = tuple(searcher.entries[hit.entry_id] for hit in decision.hits)
        if not decision.answered and mostly_foreign(text):
            return done("not_english", decision.hits, entries)
        mode: Mode = "answer" if decision.mode == "answer" else (
            "choose" if decision.mode == "choose" else "abstain")
        general = (mode == "abstain" and bool(decision.hits)
                   and searcher.general_rules(text, decision.hits[0]))
        if mode == "abstain" and topic is not None and reading is not None and (
                reading.unknown_words):
            # "which pledges are about bullying by commissioners": no commitment is about a
            # word none uses (session 45: the ten naming commissioners were listed); said so
            # with the topic, and the commitment nearest in meaning, if one is.
            nearest = searcher.nearest_pledge(topic)
            if nearest is None:
                return done("abstain", topic=topic)
            hit = next((hit for hit in ranked if hit.entry_id == nearest.id),
                       Hit(nearest.id, 0.0, 0.0, 0.0))
            return done("abstain", (hit,), (nearest,), topic=topic)
        return done(mode, decision.hits, entries, leans=decision.leaning, general=general)

    @staticmethod
    def _pledges_on_topic(topic: str | None, reading: TopicReading | None) -> tuple[Hit, ...]:
        """"pledges about payment": the commitments on the topic (``reading``), if any are."""
        if topic is None or reading is None or len(topic.split()) > MAX_TOPIC_WORDS:
            return ()
        return reading.hits
