"""Write ``knowledge/english_words.txt``: the English words the search's speller never reads as
typing errors ("printer" is not a typo of "printed", "badge" not of "budget").

The words are the lower-case ones (no names, no apostrophes) of Debian's British and American
word lists (packages wbritish and wamerican, from SCOWL; copyright and permission in
``knowledge/english_words.COPYRIGHT``, copied from the packages' own file):

    apt-get install wbritish wamerican && python bench/english_words.py
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTS = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english"))
COPYRIGHT = Path("/usr/share/doc/wbritish/copyright")
TARGET = ROOT / "knowledge" / "english_words.txt"
_LOWER = re.compile(r"[a-z]+")


def main() -> None:
    """Read the word lists and write the file (one word a line, sorted)."""
    found: set[str] = set()
    for path in LISTS:
        found.update(line for line in path.read_text(encoding="utf-8").splitlines()
                     if _LOWER.fullmatch(line))
    TARGET.write_text("".join(f"{word}\n" for word in sorted(found)), encoding="utf-8")
    shutil.copyfile(COPYRIGHT, TARGET.with_suffix(".COPYRIGHT"))
    print(f"{TARGET.relative_to(ROOT)}: {len(found)} words")


if __name__ == "__main__":
    main()
