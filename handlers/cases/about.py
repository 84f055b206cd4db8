"""What a case is about, as each side reads it (its escalations, ``/case``).

Apart from ``service``: it reads the deadlines' ``provider_councils``, and ``service`` is
imported before the deadlines are.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Case, Contract, Invoice, Placement, Tender
from bot.values import frozen
from handlers.deadlines.store import provider_councils


@frozen
class About:
    """What a case is about ("placement RC-104"), as each side reads it: the council's staff
    as it is (their own council's reference), its provider with the council's name beside a
    placement, contract or tender reference it holds at another council too ("placement
    RC-104 (Southshire)"; ``provider_councils``, as reminders and digests name it)."""

    council: str
    provider: str


_ABOUT = (("placement", Placement, "placement_id", "reference"),
          ("invoice", Invoice, "invoice_id", "number"),
          ("contract", Contract, "contract_id", "reference"),
          ("tender", Tender, "tender_id", "reference"))


def cases_about(session: Session, cases: Iterable[Case]) -> dict[int, About]:
    """Per case id, what it is about (``About``); a case about nothing recorded is not in the
    answer. A query per kind of thing the cases are about, and those of ``provider_councils``."""
    wanted = [case for case in cases if any(getattr(case, key) is not None
                                             for _label, _model, key, _column in _ABOUT)]
    if not wanted:
        return {}
    shown: dict[int, list[tuple[str, str]]] = {}
    for label, model, key, column in _ABOUT:
        ids = sorted({getattr(case, key) for case in wanted if getattr(case, key) is not None})
        if not ids:
            continue
        of: dict[int, str] = dict(session.execute(select(model.id, getattr(model, column))
                                  .where(model.id.in_(ids))).all())
        for case in wanted:
            if getattr(case, key) in of:
                shown.setdefault(case.id, []).append((label, of[getattr(case, key)]))
    # An invoice's number is the provider's own: never another council's.
    councils = provider_councils(session, wanted)
    about = {}
    for case_id, things in shown.items():
        council = councils.get(case_id)
        plain = ", ".join(f"{label} {reference}" for label, reference in things)
        about[case_id] = About(council=plain, provider=", ".join(
            f"{label} {reference} ({council})" if council and label != "invoice"
            else f"{label} {reference}" for label, reference in things))
    return about
