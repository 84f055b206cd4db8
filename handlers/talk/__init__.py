"""Talk: the words that are not questions for the knowledge base.

    matching.py  pure matchers: small talk (hi, thanks, who are you, help...), a question about
                 using the bot ("how do I raise a conflict"), a bare number, a statement
                 that asks nothing ("our CQC inspection went well": read by the ask handler
                 once the knowledge base has no answer for it, ``handlers.ask.chat``)
                 (and ``knowledge.pledges.missing_pledge_number``: "pledge 31")
    chat.py      their short replies
    records.py   the person's own invoices and tenders named in words (matchers and replies)
    listings.py  the person's own lists asked for in plain words ("show my invoices"): the
                 read-only command's list, run for them
    start.py     "what do i need to look at", "where do I start": what is the person's now
    feelings.py  a feeling said, not asked (anger at a late payment, a tender lost, an apology)

Registered as free-text routes with matchers (``Router.text(..., match=...)``), so they are
tried before the knowledge base and are never recorded as questions or gaps.
"""

from __future__ import annotations

from bot.dispatch import Router
from handlers.deps import Deps
from handlers.talk import (
    chat,
    contacts,
    feelings,
    listings,
    matching,
    records,
    staff,
    start,
    updates,
)
from knowledge.pledges import missing_pledge_number


def register(router: Router[Deps], deps: Deps) -> None:
    """Register small talk (which also interrupts an open form) and the bare number."""
    # Council staff's own how-to and status questions (session 43's trial), before small
    # talk takes "cancel that" from "cancel that im not going away after all".
    router.text(staff.reply_to_staff_question, match=staff.staff_question,
                name=staff.STAFF_QUESTION_ROUTE, interrupts_forms=False)
    router.text(chat.reply_to_small_talk, match=matching.small_talk, name="small-talk")
    # "hi im new, what do i need to look at": what is theirs now, and the commands that show
    # it (session 36's trial: "I don't know").
    router.text(start.reply_where_to_start, match=start.where_to_start, name="where-to-start",
                interrupts_forms=False)
    # "thanks. which of my invoices are overdue?": the words after the small talk, as if typed
    # alone (session 33's second trial: "I don't know").
    router.text(chat.reply_after_small_talk, match=matching.after_small_talk,
                name=chat.AFTER_SMALL_TALK_ROUTE, interrupts_forms=False)
    # "can i set up the tender dates in here?": an administrator imports tenders (session
    # 37's trial, from a contracts officer: "I don't know").
    router.text(chat.reply_to_tender_set_up, match=matching.tender_set_up,
                name=chat.TENDER_SET_UP_ROUTE, interrupts_forms=False)
    # "show my invoices", "which invoices are overdue?", "who is the provider for RC-0101": the
    # list its read-only command shows, run for the person (session 41: the usage, or "I don't
    # know"); "how do I see my invoices" and changes ("pay my invoices") go on.
    router.text(listings.reply_to_listing, match=listings.listing_asked,
                name=listings.LISTING_ROUTE, interrupts_forms=False)
    # "first time doing a tender, not sure where to begin": the getting-started entry;
    # "What does the pledge say about response times?": commitment 1, none in days (session
    # 44's brief: the property disregard, and commitment 3).
    router.text(chat.reply_to_first_tender, match=matching.first_tender,
                name=chat.FIRST_TENDER_ROUTE, interrupts_forms=False)
    router.text(chat.reply_to_response_times, match=matching.response_times_question,
                name=chat.RESPONSE_TIMES_ROUTE, interrupts_forms=False)
    # "is there a pledge about step down placements": said plainly when no commitment is
    # (session 44's review: commitment 6 with confidence).
    router.text(chat.reply_to_pledge_asked_about, match=matching.pledge_asked_about,
                name=chat.PLEDGE_ASKED_ABOUT_ROUTE, interrupts_forms=False)
    # "what does CQC stand for": its words (session 44's review: a guess at another entry).
    router.text(chat.reply_to_abbreviation, match=matching.abbreviation_asked,
                name="abbreviation", interrupts_forms=False)
    # "the pledge about realistic budgets and the one about contract length": each topic's
    # commitments (session 44's review: one dropped, or a choice between the two).
    router.text(chat.reply_to_pledge_topics, match=matching.pledge_topics_asked,
                name=chat.PLEDGE_TOPICS_ROUTE, interrupts_forms=False)
    # "How do I raise a conflict": one of the bot's own commands, not the knowledge base's.
    router.text(chat.reply_to_how_to_use, match=matching.how_to_use, name="how-to-use",
                interrupts_forms=False)
    # "Which of my invoices are overdue?": /reminders shows them (session 33's trial: the
    # knowledge base's "I don't know").
    router.text(chat.reply_to_own_records, match=matching.own_records_question,
                name=chat.OWN_RECORDS_ROUTE, interrupts_forms=False)
    # "Resident moved in on 30 Nov, when is the 3-month review due?": the date, by the
    # reminders' own rules, and the command that records it (session 22's review).
    router.text(chat.reply_to_due_date, match=matching.due_date_question, name="due-date",
                interrupts_forms=False)
    # "Who bid for T-9?": the bidders to the council's staff, a provider only its own bid and
    # the dates (session 31's trial: general guidance); a reference that is no tender goes on.
    router.text(chat.reply_to_tender_bidders, match=matching.tender_bidders_question,
                name=chat.TENDER_BIDDERS_ROUTE, interrupts_forms=False)
    # "When is the clarification deadline for NS-T-2027-01?": that tender's dates (session
    # 25's trial); a reference that is no tender goes on.
    router.text(records.reply_to_tender_dates, match=matching.tender_dates_question,
                name=records.TENDER_DATES_ROUTE, interrupts_forms=False)
    # "When is the review for RC-101 due?": its reviews' due dates from the reminders, for a
    # placement the asker may see (session 32's trial: "I don't know"); others go on.
    router.text(chat.reply_to_review_due, match=matching.review_due_question,
                name=chat.REVIEW_DUE_ROUTE, interrupts_forms=False)
    # "RC-102 has had a fall and now needs 2 carers": /condition-change, which starts the
    # revisit clock (session 26's trial: "I don't know").
    router.text(chat.reply_to_condition_told, match=matching.condition_change_told,
                name="condition-told", interrupts_forms=False)
    # "RC-0101 has had a stroke and now needs two carers, what do I do?", "how do I tell the
    # council a resident's needs have gone up?": pledge 26 and /condition-change (session 34's
    # trial: "I don't know", and the Personal Expenses Allowance).
    router.text(chat.reply_to_condition_asked, match=matching.condition_change_asked,
                name=chat.CONDITION_ASKED_ROUTE, interrupts_forms=False)
    # "Who is my commissioner?", "how long does the council have to reply to a conflict?": the
    # bot's own records and service levels (session 30's trial: "I don't know").
    router.text(contacts.reply_to_my_commissioner, match=contacts.my_commissioner_question,
                name=contacts.MY_COMMISSIONER_ROUTE, interrupts_forms=False)
    router.text(contacts.reply_to_case_times, match=contacts.case_times_question,
                name=contacts.CASE_TIMES_ROUTE, interrupts_forms=False)
    # "Review for RC-201 done today, package stays the same", "done": the command that records
    # it (session 30's trial: "I don't know", and two unrelated entries).
    router.text(updates.reply_to_review_told, match=updates.review_done_told,
                name=updates.REVIEW_TOLD_ROUTE, interrupts_forms=False)
    router.text(updates.reply_to_bare_done, match=updates.bare_done,
                name=updates.BARE_DONE_ROUTE, interrupts_forms=False)
    # "Invoice CT-0901 still outstanding", "CT-0901 now paid, thanks", "paid" under an invoice
    # reminder, "when do we submit on the homecare tender": the person's own records, told
    # (session 35's trial: "I don't know", or an unrelated entry); numbers and titles that are
    # none of theirs go on.
    router.text(records.reply_to_invoice_words, match=records.invoice_words,
                name=records.INVOICE_WORDS_ROUTE, interrupts_forms=False)
    router.text(records.reply_to_paid_alone, match=records.paid_alone,
                name=records.PAID_ALONE_ROUTE, interrupts_forms=False)
    router.text(records.reply_to_tender_titled, match=records.tender_titled,
                name=records.TENDER_TITLED_ROUTE, interrupts_forms=False)
    # "when do we have to submit by", "whats the standstill on T9", "we lost T-9, when do we
    # get feedback and can we challenge", "when will we hear about our uplift for C-77": the
    # person's own tenders and contracts, then the knowledge base's entry on what else is asked
    # (session 36's trial: "I don't know", or general entries).
    router.text(records.reply_to_own_tender, match=records.own_tender_asked,
                name=records.OWN_TENDER_ROUTE, interrupts_forms=False)
    router.text(records.reply_to_uplift, match=records.uplift_asked,
                name=records.UPLIFT_ROUTE, interrupts_forms=False)
    # "stop", "quit", "exit" with no form open: nothing to stop (session 34's trial: knowledge
    # gaps). In a form they are its cancel words.
    router.text(chat.reply_to_stop, match=matching.stop_word, name="stop",
                interrupts_forms=False)
    # A form's summary buttons typed with no summary waiting (session 34's trial: "Send" was a
    # knowledge gap).
    router.labels("Send", "Change", hint="form")
    # A bare number in an open form is that form's business (a rating, a pledge number).
    router.text(chat.reply_to_bare_number, match=matching.bare_number, name="bare-number",
                interrupts_forms=False)
    # "pledge 31", "commitment 0": there is no such commitment (session 20: it was "I don't
    # know" and a knowledge gap); refused as a form's answer, said so too (session 34's trial:
    # "I couldn't read the start date 'pledge 31'").
    router.text(chat.reply_to_missing_pledge, match=missing_pledge_number, name="no-such-pledge")
    # "you lot are useless, 3 weeks and still no payment", "we lost the tender, its a
    # disaster", "sorry. long week": a short kind reply and what helps (session 35's trial:
    # "I don't know ... I've noted your question").
    router.text(feelings.reply_to_feeling, match=feelings.feeling, name=feelings.FEELING_ROUTE,
                interrupts_forms=False)
    # Small talk alone gives no reason ("thanks" at "Why does it not apply?": session 35's
    # review); ``bot.forms`` refuses it at a question that asks for one (``FormField.reason``).
    router.empty_answer(matching.says_nothing)
