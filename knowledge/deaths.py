"""The words of a death told ("died", "passed away", "RIP"): one definition, read by the chat's
condolences (``handlers.talk.matching``, ``death_told``) and by the safeguarding check's cap on
a death told plainly (``knowledge.safeguarding``, ``_plain_death``).

Session 30: the two read different words ("passed on" and "has passed" were a death to the
safeguarding check only, "death of" and "passing of" to the chat only), so a death the check
set aside could still get "I don't know". Both read lower-case text whose apostrophes are
removed or opened ("im", "i am").
"""

from __future__ import annotations

import re

# Said just after "passed on" or "has passed", the words that make it a death: nothing more (the
# end, a pause) or when, where or how ("passed on peacefully", "has passed last night", "passed
# on in her sleep"); never a thing passed ("passed on the details", "passed on to the council",
# "she has passed the assessment").
_WHEN = (r"(?:peacefully|suddenly|quietly|overnight|yesterday|today|earlier|away"
         r"|this\s+(?:morning|afternoon|evening|week)|last\s+(?:night|week|weekend)"
         r"|(?:at|over)\s+the\s+weekend|at\s+home|in\s+hospital|in\s+(?:her|his|their)\s+sleep"
         r"|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
_A_DEATH_ENDS = r"(?=\s*(?:[,.;:!)]|$|" + _WHEN + r"))"

# The death itself, said of someone before it: "died", "passed away", "passed on peacefully",
# "has passed". Also read as typed (``matching._DIES``), so no word boundary of its own.
DIES = (r"(?:died\b|passed\s+away\b|passed\s+peacefully\b|passed\s+on" + _A_DEATH_ENDS
        + r"|(?:has|had|have)\s+passed" + _A_DEATH_ENDS + r")")

# "RIP" as a word on its own, "R.I.P." and "rest in peace": never "rip-off", "rip out", "rip up".
RIP = (r"(?<![\w.-])(?:rip|r\.i\.p\b\.?|rest\s+in\s+peace)(?![\w-])"
       r"(?!\s+(?:out|off|up|into|through|apart|down|away|open)\b)")

# Any death told: the death of someone before it (``DIES``, "sadly passed", "sad passing"), the
# death of someone after it ("death of", "the sad passing of": group ``of``) or around it ("RIP":
# group ``rip``).
DEATH = re.compile(r"\b(?:" + DIES + r"|sadly\s+passed\b|sad\s+passing\b(?!\s+of\b)"
                   r"|(?P<of>(?:death|passing)\s+of\b))|(?P<rip>" + RIP + r")")

# A death told in words that are themselves a reason to ask what happened (session 30's trial:
# "RC-108 was found dead in his room this morning", "we have had a death at the home on RC-108"
# got "I don't know"): found dead, a death had, a death at the home. Never ``DEATH``: no plain
# telling of a death to the safeguarding check's cap, never only condolences to the chat; never
# a death in the writer's family nor "death in service" (a benefit).
SUDDEN_DEATH = re.compile(
    r"\bfound\s+(?:dead|deceased)\b"
    r"|\b(?:had|been)\s+a\s+(?:sudden\s+|unexpected\s+)?death\b"
    r"(?!\s+in\s+(?:service\b|(?:the|my|our|his|her|their)\s+family\b))"
    r"|\b(?:a|the)\s+(?:sudden\s+|unexpected\s+)?death\s+(?:at|in)\s+(?:the|our)\s+(?:care\s+)?"
    r"(?:home|service|house|unit|scheme|flat|premises|building)\b")
