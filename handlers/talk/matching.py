"""What a message is, when it is not a question for the knowledge base: pure matchers.

``small_talk`` recognises a whole message that is only a greeting, thanks, "who are you", "what
can you do" or "help" (without the slash), or goodbye: such messages get a short friendly reply,
are not searched for and are not logged as knowledge gaps. The whole message must be made of
such phrases (and a few fillers like "there", "pledgebot", "please"): "hi, how long is
standstill?" and "thanks, but what about TUPE?" are questions, and go to the knowledge base.

``bare_number`` recognises a number typed on its own ("3", "#3", "3."): outside a form, with no
numbered buttons waiting (the console turns a number into a button press only when its last
reply showed numbered buttons), it is not a question either.
"""

from __future__ import annotations

import re
from typing import Literal

SmallTalk = Literal["abilities", "who", "wellbeing", "thanks", "bye", "ack", "greeting",
                    "unclear"]
# When a message has several (hi, who are you?), the reply is for the most useful one.
PRIORITY: tuple[SmallTalk, ...] = ("abilities", "who", "wellbeing", "thanks", "bye", "ack",
                                   "greeting", "unclear")
# A message longer than this is never small talk: it says something.
MAX_WORDS = 12
# Punctuation alone up to this length ("?", "...") is unclear, not a question.
MAX_UNCLEAR_CHARS = 20

_PHRASES: dict[SmallTalk, tuple[str, ...]] = {
    "greeting": (
        "hi", "hello", "hey", "hiya", "heya", "howdy", "greetings", "yo", "good morning",
        "good afternoon", "good evening", "good day", "morning", "afternoon", "evening",
        "hi again", "hello again",
    ),
    "wellbeing": (
        "how are you", "how are you doing", "how are you today", "how are things",
        "hows it going", "how is it going", "how do you do", "are you ok", "you ok",
        "are you well", "hope you are well", "hope youre well",
    ),
    "thanks": (
        "thanks", "thank you", "thankyou", "thx", "ty", "cheers", "ta", "many thanks",
        "thanks a lot", "thanks so much", "thank you so much", "thank you very much",
        "thanks very much", "much appreciated", "appreciated", "that helps", "that helped",
        "that was helpful", "thats helpful", "very helpful", "really helpful",
    ),
    "ack": (
        "ok", "okay", "got it", "understood", "noted", "cool", "nice", "great", "brilliant",
        "perfect", "lovely", "super", "excellent", "fab", "fantastic", "awesome", "thats great",
        "thats brilliant", "sounds good", "fine", "right", "sure",
        # session 20's review: recorded as knowledge gaps
        "lol", "haha", "hah", "hmm", "hm", "ah", "ahh", "aha", "oh ok", "ok cool", "k", "kk",
    ),
    "bye": (
        "bye", "goodbye", "bye bye", "see you", "see ya", "cya", "good night", "thats all",
        "thats it", "that is all", "nothing else", "no thanks", "no thank you", "speak soon",
        "talk later", "later",
    ),
    "who": (
        "who are you", "what are you", "who is this", "whats this", "what is this",
        "what is pledgebot", "who is pledgebot", "whats pledgebot", "are you a bot",
        "are you a robot", "are you human", "are you a human", "are you a person",
        "are you real", "are you a real person", "are you ai", "are you an ai", "is this a bot",
        "am i talking to a bot", "am i talking to a person", "am i talking to a human",
        "who am i talking to", "what is your name", "whats your name", "who made you",
        "who built you", "introduce yourself", "tell me about yourself", "are you chatgpt",
        "are you chat gpt", "is this chatgpt", "are you a chatbot", "is this a chatbot",
        "are you a real person or a bot", "are you a person or a bot", "are you a bot or a person",
        "are you chatgpt or something else", "are you a bot or something else",
        "are you ai or something else", "are you human or something else",
    ),
    "abilities": (
        "help", "help me", "help please", "please help", "i need help", "can you help",
        "can you help me", "how can you help", "how can you help me", "what can you do",
        "what can you help with", "what can you help me with", "what do you do",
        "what can i ask", "what can i ask you", "what should i ask", "how does this work",
        "how does it work", "how do i use this", "how do i use you", "how to use this",
        "menu", "commands", "what are your commands", "options", "get started",
        "what are you for", "what is this for", "whats this for", "what can you tell me",
        "what do you know", "start",
    ),
}
# Words that may stand around the phrases without saying anything more.
_FILLERS = ("pledgebot", "bot", "there", "again", "all", "everyone", "team", "mate", "please",
            "so", "oh", "well", "very", "much", "then", "and", "just")

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    """Lower case words, apostrophes dropped ("what's" -> "whats"), punctuation as spaces."""
    text = text.casefold().replace("\u2019", "").replace("'", "")
    return [word for word in _NOT_LETTERS.split(text) if word]


def _table() -> list[tuple[tuple[str, ...], SmallTalk | None]]:
    """Every phrase as words, longest first (so "thank you very much" beats "thank you")."""
    rows: list[tuple[tuple[str, ...], SmallTalk | None]] = [
        (tuple(phrase.split()), kind) for kind, phrases in _PHRASES.items()
        for phrase in phrases]
    rows += [((filler,), None) for filler in _FILLERS]
    return sorted(rows, key=lambda row: -len(row[0]))


_TABLE = _table()


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk ``text`` is, when it is nothing but small talk; else None."""
    words = _words(text)
    if not words and text.strip() and len(text.strip()) <= MAX_UNCLEAR_CHARS:
        return "unclear"  # "?", "...", "!!": nothing to search (session 20: kept as a gap)
    if not words or len(words) > MAX_WORDS:
        return None
    kinds: set[SmallTalk] = set()
    position = 0
    while position < len(words):
        for phrase, kind in _TABLE:
            if tuple(words[position:position + len(phrase)]) == phrase:
                position += len(phrase)
                if kind is not None:
                    kinds.add(kind)
                break
        else:
            return None  # a word that is not small talk: the message says something
    return next((kind for kind in PRIORITY if kind in kinds), None)


_BARE_NUMBER = re.compile(r"^(?:#|no\.?|number)?\s*(\d{1,9})\s*[.)]?$", re.IGNORECASE)


def bare_number(text: str) -> int | None:
    """The number when ``text`` is a number on its own ("3", "#3", "3."); else None."""
    found = _BARE_NUMBER.match(text.strip())
    return int(found.group(1)) if found is not None else None

# The pledge's commitments are numbered 1 to 30: "3" may have meant "pledge 3".
PLEDGE_NUMBERS = range(1, 31)
