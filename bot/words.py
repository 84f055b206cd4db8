"""How typed words are folded before they are read: one folding for the form engine and the
features (``handlers.talk.matching`` and the rest import it from here, as the runtime core may
import no feature)."""

from __future__ import annotations


def apostrophes_dropped(text: str) -> str:
    """``text`` in lower case with its apostrophes (straight or curly) dropped and its spaces
    single ("I'm" is "im") (pure)."""
    return " ".join(text.casefold().replace("\u2019", "").replace("'", "").split())
