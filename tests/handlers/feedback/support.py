"""Published survey results built by hand, for the feedback page's tests and benchmark."""

from __future__ import annotations

from datetime import UTC, date, datetime

from handlers.surveys.results import OptionCount, QuestionResults, SurveyResults, YouSaidWeDid

LIKERT = (("1", 1), ("2", 2), ("3", 3), ("4", 9), ("5", 5))


def procurement_survey(number: int = 4, *, responded: int = 20, invited: int = 25
                       ) -> SurveyResults:
    """A closed procurement-experience survey with every kind of question."""
    return SurveyResults(
        survey_id=f"procurement-experience-T-2026-{number:03d}",
        title=f"Procurement experience: tender T-2026-{number:03d}",
        opens=date(2026, 10, 1), closes=date(2026, 10, 21),
        invited=invited, responded=responded, suppressed=False,
        questions=(
            QuestionResults(key="clarity", text="How clear was the specification?",
                            kind="likert", answered=20, suppressed=False,
                            counts=tuple(OptionCount(label, count) for label, count in LIKERT),
                            mean=3.7),
            QuestionResults(key="portal", text="Which parts of the portal were hard to use?",
                            kind="multiple", answered=18, suppressed=False,
                            counts=(OptionCount("Uploading documents", 12),
                                    OptionCount("Clarification questions", 6),
                                    OptionCount("Pricing schedule", 3))),
            QuestionResults(key="feedback", text="Did you get feedback within 5 working days?",
                            kind="yes_no", answered=20, suppressed=False,
                            counts=(OptionCount("Yes", 15), OptionCount("No", 5))),
            QuestionResults(key="lots", text="Which lot did you bid for?", kind="single",
                            answered=3, suppressed=True),
            QuestionResults(key="better", text="What would have made it better?",
                            kind="free_text", answered=11, suppressed=False,
                            comments=("Longer than two weeks to answer, please.",
                                      "The <b>pricing</b> template & its macros were hard.")),
        ),
        responses=(YouSaidWeDid(
            text="We now allow four weeks for tenders over £100,000 and removed the macros.",
            at=datetime(2026, 11, 10, 12, tzinfo=UTC)),),
    )


def small_survey() -> SurveyResults:
    """A closed survey with too few responses to show anything but its counts."""
    return SurveyResults(survey_id="market-day-2026", title="Market engagement day",
                         opens=date(2026, 9, 1), closes=date(2026, 9, 14), invited=12,
                         responded=3, suppressed=True)
