"""``python -m bot`` is the same as the ``pledgebot`` command (both call ``main`` here)."""

from __future__ import annotations

import gc
import sys


def main() -> int:
    """Load the command line with the garbage collector paused, then run the command.

    Loading the bot (SQLAlchemy, the models, every feature, the web stack) makes a few hundred
    thousand objects and next to no garbage, and the collector's passes over them were about
    a tenth of a second of every start. What was loaded is then frozen (``gc.freeze``): later
    collections skip it, as nothing in it is ever garbage.
    """
    gc.disable()
    try:
        from bot.cli import main as command_line
    finally:
        gc.freeze()
        gc.enable()
    return command_line()


if __name__ == "__main__":
    sys.exit(main())
