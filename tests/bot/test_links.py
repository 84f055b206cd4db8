"""Signed links: made and checked under one key; forged, expired, reused-for-another-purpose
and malformed tokens refused with their reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.links import BadLink, Signer, link_url

KEY = "k" * 40
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_a_signed_link_verifies_with_its_payload() -> None:
    signer = Signer(KEY)
    token = signer.sign("survey", {"survey": "s-1", "person": 7}, now=NOW,
                        valid_for=timedelta(days=14))
    link = signer.verify("survey", token, now=NOW + timedelta(days=13))
    assert link.payload == {"survey": "s-1", "person": 7}
    assert link.expires == NOW + timedelta(days=14)
    # Two links for the same payload differ (a nonce each), so one can be used once.
    other = signer.verify("survey", signer.sign("survey", {"survey": "s-1", "person": 7},
                                                 now=NOW, valid_for=timedelta(days=14)), now=NOW)
    assert other.nonce != link.nonce


@pytest.mark.parametrize("change", ["payload", "mac", "key"])
def test_a_changed_link_is_forged(change: str) -> None:
    signer = Signer(KEY)
    token = signer.sign("survey", {"person": 7}, now=NOW, valid_for=timedelta(days=1))
    body, mac = token.split(".")
    if change == "payload":
        forged = Signer(KEY).sign("survey", {"person": 8}, now=NOW, valid_for=timedelta(days=1))
        token = f"{forged.split('.')[0]}.{mac}"
    elif change == "mac":
        token = f"{body}.{mac[:-2]}{'AA' if mac[-2:] != 'AA' else 'BB'}"
    else:
        signer = Signer("x" * 40)
    with pytest.raises(BadLink) as refused:
        signer.verify("survey", token, now=NOW)
    assert refused.value.reason == "forged"


def test_a_late_link_is_expired_and_another_purpose_refused() -> None:
    signer = Signer(KEY)
    token = signer.sign("survey", {"person": 7}, now=NOW, valid_for=timedelta(hours=1))
    with pytest.raises(BadLink) as late:
        signer.verify("survey", token, now=NOW + timedelta(hours=1))
    assert late.value.reason == "expired"
    with pytest.raises(BadLink) as wrong:
        signer.verify("unsubscribe", token, now=NOW)
    assert wrong.value.reason == "wrong purpose"


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "!!!.???", "x" * 5000, "e30.AAAA"])
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(BadLink) as refused:
        Signer(KEY).verify("survey", token, now=NOW)
    assert refused.value.reason in ("malformed", "forged")


def test_a_short_key_is_refused_and_the_url_is_quoted() -> None:
    with pytest.raises(ValueError, match="32 characters"):
        Signer("short")
    assert link_url("https://pb.example/", "/survey", "a.b-c_") == "https://pb.example/survey?t=a.b-c_"
