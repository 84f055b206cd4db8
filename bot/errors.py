"""The one error hierarchy of pledgebot, translated at the border.

    PledgebotError                 root: every error pledgebot raises on purpose
    +-- ConfigError                a setting is missing or wrong (the CLI exits with code 2)
    +-- StoreUnavailable           the database cannot be reached
    +-- MigrationRefused           a migration cannot apply to the data held; an operator must
                                   change it first (the message says what)
    +-- BadInput                   a person's input cannot be used; the message is safe to show
                                   (``field`` names the form field at fault, if any)
    +-- NotAllowed                 the person may not do this
    +-- UnknownPerson              the sender has no registered, verified identity
    +-- ImportRejected             a bulk import had bad rows; nothing was imported
    +-- DeliveryError              a channel could not deliver a message (retried by the outbox)
        +-- RateLimited            the platform asked us to slow down (retry_after seconds)
        +-- PermanentDeliveryError retrying cannot help (unknown recipient, blocked bot)

Channel adapters turn platform exceptions (SlackApiError, telegram.error.RetryAfter,
smtplib.SMTPException ...) into these, so nothing inside the inner ring sees a platform type.
"""

from __future__ import annotations

import copy


class PledgebotError(Exception):
    """Root of every error pledgebot raises on purpose."""


class ConfigError(PledgebotError):
    """A setting is missing or has a bad value."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"setting {setting}: {problem}")
        self.setting = setting
        self.problem = problem


class StoreUnavailable(PledgebotError):
    """The database cannot be reached or opened."""


class MigrationRefused(PledgebotError):
    """A migration cannot apply to the data the database holds; nothing was changed."""


class BadInput(PledgebotError):
    """A person's input cannot be used; str(error) is safe to show them.

    Attributes:
        field: the name of the form field at fault, when the input was a form's answers;
            the form engine asks that field again. None when no one field is to blame.
        meant_here: the words were meant as this answer (a form's validator knows them:
            "ok thanks" after a rejection), so the form engine asks again in these words and
            never hands them to small talk.
        a_story: the words are no answer here but the person's story (words at a question
            that wants a number), so the form engine keeps them for its later question that
            takes a paragraph, however short.
        goes_on: the words are plainly no answer to this optional question but an answer to
            a later one (a sentence typed where a reference is asked), so the form engine
            leaves this question out and takes them as the next question's answer.
        may_be_right: the words may be right though nothing was found for them (a reference
            the council has no record of), so a yes or an "ok" after them says they are: the
            form engine leaves the optional question out and keeps them with the person's
            account.
    """

    def __init__(self, message: str, *, field: str | None = None,
                 meant_here: bool = False, a_story: bool = False,
                 goes_on: bool = False, may_be_right: bool = False) -> None:
        """Keep ``message`` as the error's text and remember the field at fault, if any."""
        super().__init__(message)
        self.field = field
        self.meant_here = meant_here
        self.a_story = a_story
        self.goes_on = goes_on
        self.may_be_right = may_be_right

    def at_field(self, field: str) -> BadInput:
        """The same refusal, blamed on the form field ``field`` (every flag kept)."""
        blamed = copy.copy(self)
        blamed.field = field
        return blamed


class NotAllowed(PledgebotError):
    """The person is not allowed to do this."""


class UnknownPerson(PledgebotError):
    """The sender has no registered identity."""


class ImportRejected(PledgebotError):
    """A bulk import found bad rows, so nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


class DeliveryError(PledgebotError):
    """A channel could not deliver a message; the outbox will retry it."""


class RateLimited(DeliveryError):
    """The platform asked us to wait ``retry_after`` seconds before sending again."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Retrying cannot help (the recipient does not exist, the bot was blocked)."""
