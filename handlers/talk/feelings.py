"""A feeling said to the bot, not a question: anger at a payment late, a tender lost, an
apology (session 35's trial: each was "I don't know ... I've noted your question", and a
knowledge gap for the admin to teach).

``feeling`` is a pure matcher; ``reply_to_feeling`` a short kind reply that acknowledges it and
points to what helps: for a late payment the invoice clocks (the law's 30 days, the pledge's
aim of 10) and /conflict; for a tender lost the feedback the bidder is owed (pledge 28, and the
bid-feedback clock the reminders keep); for an apology, "No problem" and what the bot does
(for a hard time said alone, "it's been a rough day", "Sorry to hear it" and the same); for
frustration with the council, its fees, tenders, payments or staff ("the fee uplift is a slap
in the face", "this tender process is a joke"; session 42's trial), a kind line and the two ways
to be heard, /feedback (anonymous if they like) and /conflict; the same said as a question
that asks nothing ("how is this acceptable", "is anyone even reading these?"; session 43's brief),
unless the knowledge base answers it outright. Council staff venting, at the council or at the
day's work ("the hub is useless today", "I have 40 reviews overdue and no time", "honestly
the backlog is killing me"), get a line of their own: what the bot does for their work
(/reminders, /cases, /case REF reassign). Nothing is kept.
Conservative: a message with a real question in it is the knowledge base's, and the safeguarding
middleware has read every word before any route (harm said beside a feeling is raised there
first).
"""

from __future__ import annotations

import re
from typing import Literal

from bot.messages import Incoming, Reply
from bot.models import Role
from handlers import deps
from handlers.deps import Ctx
from handlers.people.directory import COUNCIL_STAFF
from handlers.talk.matching import casefolded
from knowledge.safeguarding import BOSS_VEXING
from scheduler.rules import LEGAL_PAYMENT_DAYS, get_rule

Feeling = Literal["late_payment", "lost_tender", "lost_tender_challenge", "apology", "hard_time",
                  "vent", "vent_asked", "work_vent"]
FEELING_ROUTE = "feeling"
# A feeling is said in a line or two; anything longer says more, for the knowledge base.
MAX_FEELING_WORDS = 40

_ANGER = re.compile(
    r"\b(?:f+u+c+k+\w*|f\*+\w*|bloody|useless|ridiculous|a joke|joke|disgrace\w*|pathetic"
    r"|shambles|shambolic|appalling|outrageous|unacceptable|sick (?:of|and tired)|fed up"
    r"|had enough|fuming|furious|livid|angry|annoyed|frustrat\w*|incompetent|hopeless"
    r"|rubbish|farce|taking the piss|beyond belief|no excuse|not good enough|shocking"
    r"|disgusted|infuriating)\b")
_PAYMENT_LATE = re.compile(
    r"\b(?:still|yet)\b(?:\W+\w+){0,3}?\W+(?:no|not|nothing|haven'?t|havent|hasn'?t|hasnt"
    r"|isn'?t|without)\b(?:\W+\w+){0,3}?\W+(?:pa(?:y|id|yment|yments)|money|invoices?)\b"
    r"|\b(?:no|not been|never been|haven'?t been|havent been|not yet been|still not)"
    r" (?:paid|payment)\b"
    r"|\b(?:not|never|n't|havent|hasnt)(?: yet)?(?: been)? paid\b"
    r"|\b(?:late|overdue|outstanding|unpaid|delayed) (?:payments?|invoices?)\b"
    r"|\b(?:payments?|invoices?)\b(?:\W+\w+){0,4}?\W+(?:late|overdue|outstanding|unpaid"
    r"|delayed)\b"
    r"|\b(?:wait\w*|chas\w*)\b(?:\W+\w+){0,3}?\W+(?:for\W+)?(?:payments?|paid|our money"
    r"|invoices?)\b")
# Whose payment is late: the council's, to the writer's side ("we still haven't been paid",
# "you lot ... still no payment", "chasing payment"), never a client's own contribution nor a
# provider's invoices not sent (session 35's review).
_COUNCILS_TURN = re.compile(
    r"\b(?:council|councils|you lot|you|your|we|we'?ve|weve|we'?re|were|us|our|i|i'?ve|ive|i'?m"
    r"|im|me|my|commissioners?|local authority|la)\b|\b(?:chas\w*|wait\w*)\b")
_NOT_COUNCILS = re.compile(
    r"\b(?:contributions?|top[- ]?ups?|self[- ]?fund\w*|clients?'?s?|residents?'?s?|family"
    r"|families|relatives?|mrs?|ms|miss|her|his|providers?|agency|sent|send|submit\w*"
    r"|raised?)\b")
# A tender lost said beside a challenge, the standstill, the scores or the law is time-critical:
# the standstill and how to challenge come first, then the kind word (session 35's review).
_CHALLENGE = re.compile(
    r"\b(?:challeng\w*|standstill|stand still|appeal\w*|scor\w*|points?|marks?|marking"
    r"|review (?:of |the )?(?:the )?(?:decision|award|outcome)|legal\w*|solicitors?|lawyers?"
    r"|judicial|tribunal|court|sue|suing|complain\w*|overturn\w*|dispute\w*|contest\w*"
    r"|remed(?:y|ies)|procurement act)\b")
_LOST = re.compile(
    r"\b(?:lost|didn'?t win|didnt win|did not win|failed to win|weren'?t successful"
    r"|were not successful|not successful|unsuccessful|rejected|lost out on)\b"
    r"(?:\W+\w+){0,3}?\W+(?:tender|bid|contract|framework|lot)s?\b"
    r"|\b(?:tender|bid)s?\b(?:\W+\w+){0,3}?\W+(?:was|were|has been|have been|got) (?:lost"
    r"|unsuccessful|rejected|not successful)\b")
_DISTRESS = re.compile(
    r"\b(?:disaster\w*|devastat\w*|gutted|gutting|heartbroken|heartbreaking|crushed|awful"
    r"|terrible|horrible|nightmare|a (?:huge |massive |big |real )?blow|upset\w*|demorali[sz]\w*"
    r"|distraught|in bits|in tears|gutting|catastroph\w*|miserable|unfair|so sad|really sad"
    r"|sad|shattered|crushing|soul destroying|hurts?)\b")
_SORRY_FOR = (r"(?: (?:about|for) (?:that|earlier|this|swearing|ranting|snapping|shouting"
              r"|being (?:rude|short|snappy|grumpy)|(?:my|the) (?:language|swearing|rant"
              r"|outburst|tone|message|last message|rudeness))(?: earlier)?)?")
_APOLOGY = (r"(?:(?:(?:so |really |very )?sorry|apologies|my apologies|i apologi[sz]e)"
            + _SORRY_FOR + ")")
# A hard time said ("it's been a rough day", "long week"): alone, it gets a kind word too.
_HARD_TIME = (r"(?:(?:it'?s|its|it has|it'?s been|its been|been|it was|(?:i'?ve|ive|i have"
              r"|we'?ve|weve|i|we) had|had) )?(?:a |such a |one of those )?"
              r"(?:very |really |so )?(?:long"
              r"|rough|bad|hard|busy|tough|stressful|crazy|mad|hectic|awful|horrible|difficult"
              r"|terrible|nightmare|manic) (?:week|day|month|morning|afternoon|shift|few days"
              r"|few weeks|night)s?")
# ... said with when it was and that all is calm now ("rough day yesterday but the home is calm
# now", "rough night last night but everyone is settled now": session 36's trial, "I don't
# know" and a knowledge gap; the session's review: "had a rough night but the staff are
# settled now" too). Not "not calm", nor anything or anyone else beside it.
_WHEN = (r"(?: (?:yesterday|today|tonight|earlier|last night|this (?:morning|afternoon|evening"
         r"|week)|last week|at work|on shift))?")
_CALM_NOW = (r"(?:\W+(?:but |and |though |thankfully |luckily )?(?:(?:the |our )?(?:home|house"
             r"|unit|floor|ward|residents|everyone|everybody|everything|things|all|it|staff"
             r"|team|service users|clients|people|tenants)"
             r"(?: is| are|s|'s| seems?| feels?| looks?)? )?(?:(?:back |much |a lot |all )?(?:calm"
             r"|calmer|settled|fine|ok|okay|quiet|quieter|better|good|sorted|normal|peaceful"
             r"|under control)|calmed down)(?: again)?(?: now)?)?")
_HARD_TIME_SAID = re.compile(r"^" + _HARD_TIME + _WHEN + _CALM_NOW + r"\W*$")
_REASON = (r"(?:" + _HARD_TIME
           + r"|(?:i'?m|im|i am|i was|i'?ve been|ive been|been)"
           r" (?:just |so |a bit |really |very )?(?:tired|stressed|frustrated|exhausted|knackered"
           r"|shattered|rude|short|snappy|grumpy"
           r"|out of order|a bit much|venting|ranting|cross|angry|annoyed|wound up)"
           r"(?: with you| earlier| there)?"
           r"|(?:i )?lost my (?:temper|rag|cool)"
           r"|(?:i )?(?:didn'?t|didnt|did not) mean (?:it|that|to (?:swear|be rude|snap|shout))"
           r"|(?:not|wasn'?t|wasnt) (?:your|aimed at you|personal)(?: fault)?"
           r"|(?:just )?(?:needed|had) to vent)")
_APOLOGY_SAID = re.compile(
    r"^" + _APOLOGY + r"(?:\W+(?:" + _REASON + r"))?(?:\W+(?:and |but )?" + _REASON
    + r"){0,2}\W*$")
# ... or the reason first ("rough week, sorry", "long day, apologies for the rant").
_APOLOGY_AFTER = re.compile(r"^(?:" + _REASON + r")\W+(?:and |but |so )?" + _APOLOGY + r"\W*$")
# Frustration with the council, its fees, tenders, payments or staff, said as a statement
# ("the fee uplift is a slap in the face", "this tender process is a joke", "the council never
# listens to us": session 42's trial, each "I don't know ... I've noted your question" and a
# knowledge gap). Said of the council's side: what it is or does (``_AT_THE_COUNCIL``), with a
# word that judges it (``_VENTED``, not after "not": "the tender isn't a joke") or the writer's
# own anger (``_FELT``, said by "I" or "we", never "the commissioner was annoyed").
_AT_THE_COUNCIL = re.compile(
    r"\b(?:council|councils|councel|counsil|concil|cuncil|la|local authority|comm?is+ion\w*"
    r"|you lot|you people|your lot|procurement|tender\w*|bid|bids|bidding|frameworks?|fees?"
    r"|uplifts?|rates?|pay|pays|paying|paid|paym\w*|payem\w*|invoices?|contracts?|brokerage"
    r"|finance team|social work\w*|portal|evaluation|scoring|funding|budgets?|cuts)\b")
_JOKE = (r"(?:(?:is|was|are|were|its|it'?s|thats|that'?s|what|such|this|becoming|become|became)"
         r"(?: (?:a|an|such|just|all|one|big|total|complete|absolute|utter|bad|sick|running"
         r"|bloody|f\S*ing|frankly|honestly|literally))* joke|joke of an?|beyond a joke)")
_VENTED = re.compile(
    r"\b(?:" + _JOKE + r"|usel+es+|usless|uselss|ridic\w*|redic\w*|pathetic|pathetc|shambles"
    r"|shambolic|disgrace\w*|appall?ing|outrageous|unacceptable|shocking|disgusting|discusting"
    r"|incompetent|hopeless|rubbish|farce|farcical|laughable|insult\w*|pointless|waste of"
    r" (?:time|space|money|effort)|slap in the face|kick in the teeth|stitch(?:ed)?[- ]up"
    r"|rigged|biased|unfair|not fair|unrealistic|scandal\w*|shameful|a sham|clueless|dire"
    r"|diabolical|atrocious|woeful|abysmal|terrible|awful|horrendous|nightmare|hell|chaos"
    r"|chaotic|a mess|a right mess|crap|crappy|shit\w*|s\*+t|bollocks|bloody|damn\w*|sodding"
    r"|effing|f+u+c+k+\w*|f\*+\w*|piss\w*|p\*+\w*|the worst|worst \w+ (?:ever|i'?ve|ive|we'?ve"
    r"|weve)|frustrating|infuriating|maddening|exasperating|annoying|beyond belief"
    r"|not good enough|no excuse|taking the mick|having a laugh|mov\w* the goal ?posts"
    r"|treat\w* (?:us|providers|people|everyone|care providers|our staff)(?: \w+)? like"
    r"|like dirt|like rubbish|like crap|like idiots|like mugs|second class|taken for granted"
    r"|undervalued|not valued|(?:don'?t|doesn'?t|dont|doesnt|do not|does not|never) value"
    r"|(?:never|don'?t|dont|doesn'?t|doesnt|won'?t|wont|not|do not|does not|will not)"
    r" (?:even |ever )?(?:listen\w*|care|cares|reply|replies|respond\w*|answer\w*|get back"
    r"|gets back|call\w* back|ring\w* back)|could ?n'?t care less|couldnt care less"
    r"|(?:no one|noone|nobody)(?: \w+){0,5}? (?:ever )?(?:listens|cares|replies|answers"
    r"|gets back|responds|bothers)|ignored|ignoring|ignores"
    r"|(?<!we )(?<!i )(?:have|has) (?:got )?(?:no idea|not a clue|no clue)|hate(?! to)|hates"
    r"|hated|stupid(?! question)|idiots?|idiotic|absurd|insane|madness|a con|robbery|robbing"
    r"|shafted|screw\w* (?:us|over)|stitch\w* us up|mugged off|let (?:us )?down|lets us down"
    r"|betray\w*|contempt|disrespect\w*|rude|arrogant|patroni[sz]\w*|condescending"
    # "we're drowning, the council never pays on time" (session 44's records review)
    r"|never pa(?:y|ys) (?:us |anyone |providers |anything )?on time)\b")
_NEGATED = re.compile(
    r"\b(?:not|isn'?t|isnt|wasn'?t|wasnt|aren'?t|arent|weren'?t|werent|ain'?t|hardly|never"
    r"|no longer)(?: (?:a|an|that|so|too|really|at all|completely|totally|entirely|as|even"
    r"|been|being))* $")
_FELT = re.compile(
    r"(?:^|[,.;:!-] ?|\b(?:i|im|i'm|i am|we|we're|were|we are|i've|ive|we've|weve|i have"
    r"|we have|i feel|we feel|our staff|our team|all of us)(?= ))"
    r"(?: ?(?:am|are|is|was|were|been|have|getting|get|got|feel|feeling|felt|so|really|very"
    r"|absolutely|totally|completely|utterly|just|bloody|pretty|quite|becoming|now|all|honestly"
    r"|beyond|frankly|thoroughly|genuinely|seriously|extremely|incredibly|massively))* ?"
    r"(?:angry|annoyed|frustrated|furious|fuming|livid|fed up|sick (?:and tired |to death )?of"
    r"|tired of|had enough|had it with|exasperated|disgusted|cheesed off|hacked off|pissed off"
    r"|p\*+ed off|at the end of our tether|at (?:my|our) wits'? end)\b")
# Not the council's doing, or not only frustration: the people cared for and their families
# (harm is safeguarding's, and a message about a person is the knowledge base's as before),
# other bodies, a reference, the writer's own slip, or a need said without "?" ("we're
# frustrated because we cant find the tender documents").
_NOT_AT_THE_COUNCIL = re.compile(
    r"\b(?:residents?|clients?|service users?|patients?|tenants?|people we support"
    r"|family|families|relatives?|daughters?|sons?|wife|husband|mum|mom|dad|mother|father"
    r"|mrs|mr|ms|miss|he|she|him|her|his|hers|carers?|care workers?|nurses?|packages?|gp"
    r"|hospital|nhs|cqc|inspectors?|inspection|ofsted|police|[a-z]{1,5}-\d+)\b"
    r"|\b(?:i|we|i'?ve|we'?ve|ive|weve) (?:just |totally |completely )?(?:missed|forgot"
    r"|messed up|made a mistake|got it wrong)\b|\b(?:my|our) (?:fault|mistake)\b"
    r"|\b(?:can'?t|cant|cannot|couldn'?t|couldnt) (?:find|see|work out|get into|log ?in)\b"
    r"|\bneed(?:s|ed)? (?:help|to know|advice)\b|\bhelp (?:me|us)\b|\bnot sure\b|\bunsure\b"
    r"|\bwonder\w*|\b(?:want|like) to know\b|\blooking for\b"
    r"|\b(?:don'?t|dont|do not) understand\b|\bconfus\w*"
    # Risk to someone, however it is said beside the anger ("the council is useless, the
    # hoist has been broken for weeks"): as before, whatever the middleware made of it.
    r"|\b(?:risks?|risky|unsafe|danger\w*|hurt\w*|harm\w*|injur\w*|broken|hoist|abus\w*"
    r"|neglect\w*|bull(?:y|ied|ies|ying)|threat\w*|shout\w*|scream\w*|aggressi\w*"
    r"|punch\w*|hit(?! with)|hitting(?! (?:us|them|providers|homes) with)|kicked|kicking"
    r"|slap(?:s|ped|ping)?(?! in the face)|assault\w*"
    r"|attack\w*|beaten|beating|pushed|shoved|grabbed|stole|stolen|steal\w*|bruis\w*|raped?"
    r"|spat|bitten|restrain\w*|starv\w*|self[- ]harm\w*|suicid\w*|kill\w*|overdos\w*|fell"
    r"|fallen|falls?"
    r"|safeguard\w*|concerns?|worried|worrying|unwell|ill|sick(?! (?:and tired |to death )?of)"
    r"|died|death|dying|dead|alone|on (?:their|his|her) own|without (?:care|food|help|support"
    r"|carers?)|(?:no ?one|nobody) (?:has been|had been|comes|came|visits|visited|checks"
    r"|checked|turned up|turns up))\b")
# Frustration as council staff say it, at the day's work rather than at the council: a
# provider, the hub, colleagues, the reviews and returns, the workload ("this provider never
# sends their returns on time, I'm sick of it", "I have 40 reviews overdue and no time", "the
# hub is useless today": session 43's brief, each "I don't know" and a knowledge gap). Said
# with a word that judges (``_VENTED``), the writer's own anger (``_FELT``) or the work piling
# up (``_SWAMPED``); read for council staff only (a provider's go on as before).
_AT_WORK = re.compile(
    r"\b(?:providers?|provider'?s|agency|agencies|hub|brokerage|team|teams|colleagues?"
    r"|managers?|boss|returns|paperwork|admin|e-?mails?|inbox|reviews?|caseloads?|workloads?"
    r"|cases|systems?|spreadsheets?|meetings?|reports?|forms|deadlines|targets|this job"
    r"|backlogs?|another (?:day|week|month) of"
    r"|(?:my|the|this|our) (?:job|work|day|week|desk))\b")
_SWAMPED = re.compile(
    r"\b(?:no time|not enough time|not enough hours|too much (?:work|to do|on)|so much to do"
    r"|drowning|snowed under|swamped|overwhelmed|overloaded|up to my (?:eyes|neck|eyeballs)"
    r"|(?:can'?t|cant|cannot) keep up|buried|stretched (?:too )?thin|at breaking point"
    r"|burn(?:ed|t) out|run off my feet|flat out|behind on everything|never ending"
    r"|never-ending|endless"
    # "I've got 40 placement reviews overdue and no staff" (session 44's brief)
    r"|(?:and|with|but) (?:no|hardly any|barely any) (?:staff|help|cover|one to help)"
    # "this caseload is crushing me", "I've got 40 reviews overdue and nobody to do them",
    # "honestly I'm exhausted, the team is half empty", "another week of firefighting"
    # (session 44's records review: each "I don't know ... I've noted your question")
    r"|crushing me|(?:and|with|but) (?:nobody|no one|noone|no-one) to (?:do|help|cover)"
    r"|fire ?fighting|half empty"
    r"|(?:i'?m|im|i am) (?:so |just |completely |utterly |totally |really |absolutely )?"
    r"(?:exhausted|knackered|worn out|burn(?:ed|t) out))\b")
# "the backlog is killing me" (session 44's brief: "I don't know"): said of the work, the
# words of work piling up, not of harm, which ``_NOT_AT_THE_COUNCIL`` reads in "kill". Said of
# a person ("the carer is killing me") it is not this, and stays out.
_WORK_KILLS = re.compile(
    r"\b((?:backlogs?|workloads?|caseloads?|job|work|reviews|paperwork|admin|inbox|emails"
    r"|deadlines|targets|this (?:week|month|year|job|place)|it)\s+(?:is|are|s|'s)\s+"
    r"(?:(?:literally|actually|slowly|honestly|really|genuinely|absolutely|just)\s+)?)"
    r"killing me\b")
# ... never of a provider's care or its quality: a commissioner's worry about a service is
# the knowledge base's (and the safeguarding middleware's), as before.
_ABOUT_CARE = re.compile(
    r"\b(?:care (?:is|was|they)|poor care|quality|standards?|dirty|filthy|smell\w*"
    r"|short[- ]staffed|understaffed|not coping|missed (?:calls|visits)|late (?:calls|visits)"
    r"|visits?|calls)\b")
# A question that asks nothing the bot could answer ("how is this acceptable", "why does
# nobody ever answer", "how are we supposed to survive on this fee?", "is anyone even reading
# these?": session 43's brief, each "I don't know" and a knowledge gap): venting. A question
# naming who or what ("why does the council never reply to emails", "why is the fee uplift so
# low?") is the knowledge base's, as before.
_JUDGED = (r"(?:acceptable|ok|okay|fair|right|reasonable|justified|justifiable"
           r"|sustainable|ethical|moral|decent|professional|working together|partnership)")
_GETTING_BY = (r"(?:survive|cope|afford (?:it|this|anything|to \w+)|make ends meet|break even"
               r"|stay afloat|keep afloat|keep going|stay open|keep (?:our |the )?doors open"
               r"|(?:\w+ ){0,5}?on (?:this|these|that|those|such|a|the|an) (?:\w+ )?(?:fees?"
               r"|rates?|uplifts?|money|budgets?|pittance|prices?|amount|funding|increase)"
               r"|(?:\w+ ){0,5}?on (?:£|\d))")
_NOBODY = r"(?:nobody|no one|noone|no-one|anyone|anybody|any one)"
_RHETORICAL = re.compile(
    r"(?:how (?:is|are|was|can|could) (?:this|that|it|any of (?:this|that)|all this"
    r"|this (?:\w+ )?(?:fee|rate|uplift|process|tender)s?) (?:even |possibly |ever |remotely )?"
    + _JUDGED +
    r"|how (?:are|am|is|do|can|could|will|would) (?:we|i|anyone|anybody|providers|homes"
    r"|agencies|small providers|care homes|a provider) (?:ever |even |possibly )?(?:supposed"
    r"|meant|expected|able) to " + _GETTING_BY +
    r"|how (?:do|does|can|could) (?:they|the council|commissioners|you lot|the la) (?:even )?"
    r"(?:expect|think) (?:us|providers|anyone|homes|agencies|people) (?:to|can|could) "
    + _GETTING_BY +
    r"|how (?:can|could|do|does|dare) (?:they|the council|commissioners|you lot|the la)"
    r" (?:possibly |even |honestly |seriously )?(?:justify|defend|get away with|call this"
    r"|sleep at night|live with)"
    r"|why (?:does|do|is|are|can'?t|cant|won'?t|wont|doesn'?t|doesnt|don'?t|dont|will|would)"
    r" (?:it (?:seem |feel )?(?:that )?)?" + _NOBODY + r"(?: \w+){0,3}? (?:ever |even |bother"
    r" to |actually )*(?:answers?|repl(?:y|ies)|respond\w*|listens?|cares?|gets? back"
    r"|calls? back|rings? back|reads?|bother\w*|picks? up)"
    r"|why (?:do|does|should|would) (?:we|i|anyone|providers|homes) (?:even |still |ever )?"
    r"(?:bother|try|put up with (?:this|it|that))"
    r"|why (?:is|does) (?:it|everything|this) always"
    r"|(?:is|are|does|do|will|can) " + _NOBODY + r"(?: \w+){0,3}? (?:even |actually |ever |still )"
    r"(?:reading|read|listening|listen|care|cares|bothered|bother|answer\w*|looking at)"
    r"|(?:is|are|does|do) " + _NOBODY + r" (?:reading|listening to|looking at) (?:these|this"
    r"|them|my messages|our messages|anything)"
    r"|(?:does|do|will) (?:the council|they|commissioners|you lot|the la) (?:even|actually|ever)"
    r" (?:care|listen|read|know|bother)"
    r"|when (?:will|is|are) (?:the council|they|commissioners|you lot|the la|anyone|anybody)"
    r" (?:ever |finally |going to )?(?:listen|learn|care|wake up|get it)"
    r"|who (?:do they think|on earth thought|thought (?:this|that|it) was a good idea"
    r"|in their right mind)"
    r"|(?:what'?s|what is) the point(?: (?:in|of) (?:even )?(?:bother\w*|try\w*|bid\w*"
    r"|tender\w*|anything|any of (?:this|it)|it|this))?\W*$"
    r"|(?:are|is) (?:they|the council|commissioners|you lot|the la) (?:having a laugh"
    r"|taking the (?:mick|piss|p\*+)|for real|kidding|joking|serious))(?:\b|$)")
# After the rhetorical words, nothing else asked ("how is this acceptable and who do I
# complain to?" asks whom).
# ... nor a rule asked after it ("- aren't they supposed to pay within 30 days?", "surely they
# have to give us feedback", "are they allowed to end a placement with no notice?": session 43's
# review, each read as venting), nor what it judges named after "to" ("how is it acceptable to
# pay invoices 90 days late").
_ASKED_AFTER = re.compile(
    r"\b(?:what|whats|which|where|when|who|whom|how (?:do|can|should|long|much|many)"
    r"|can (?:i|we|you|they)|should (?:i|we)|is there|are there|do (?:i|we) need"
    r"|(?:aren'?t|arent|isn'?t|isnt|are|is|do|does|did|don'?t|dont|doesn'?t|doesnt|can|cant"
    r"|can'?t|must|should|shouldn'?t|shouldnt|have|has) (?:they|we|it|the council|councils"
    r"|commissioners|the la|the local authority)\b(?: \w+)? (?:allowed|supposed|meant|required"
    r"|obliged|able|have to|need to|legally|entitled|permitted|able)\b"
    r"|(?:are|is) (?:they|the council|councils|commissioners|the la|it) (?:\w+ )?(?:allowed|legal"
    r"|lawful|permitted|entitled)"
    r"|surely\b)|^\s*to (?!(?:be |do )?(?:this|that|it|us)\b)\w+")
# A message's clauses: its sentences, and a question started after a comma.
_CLAUSE_END = re.compile(
    r"(?<=[.?!;:])\s+|(?:,|\s+-+)\s*(?=(?:what|how|when|where|which|who|why|can|could|do|does"
    r"|did|is|are|aren'?t|arent|isn'?t|isnt|should|must|will|would|surely)\b)")

# "what a joke", "what an absolute shambles": said, not asked.
_EXCLAIMED = (r"(?! an? (?:\w+ )?(?:joke|shambles|farce|disgrace|disaster|mess|nightmare|insult"
              r"|waste of (?:time|money)|load of (?:rubbish|nonsense|crap)|circus|carry on)\b)")
_ASKS = re.compile(
    r"\?|^(?:whats|what" + _EXCLAIMED + r"|how|when|where|which|who|why|can|could|do|does|did"
    r"|is|are|should|must|will|would)\b(?!'t\b)|(?:[,.;:!]| -)\s*(?:whats|what" + _EXCLAIMED
    + r"|how|when|where|which"
    r"|who|why|can|could|do|does|is|are|should"
    r"|must|will|would)\b(?!'t\b)")


def feeling(text: str) -> Feeling | None:
    """The feeling a whole message says, when it says one and asks nothing; else None (pure).

    An apology with its reason, before or after it ("sorry. long week", "apologies, I was rude",
    "rough week, sorry"; "sorry" alone is small talk's), or a hard time alone ("it's been a
    rough day"); anger at a payment that is late ("3 weeks and still no payment", with a word
    of anger); a tender lost, said with distress ("we lost the tender, its a disaster")."""
    folded = casefolded(text)
    if not folded or folded.startswith("/") or len(folded.split()) > MAX_FEELING_WORDS:
        return None
    if _ASKS.search(folded):
        return _asked_rhetorically(folded)
    said = folded.strip(" .!")
    if (_APOLOGY_SAID.match(said) and re.search(_REASON, said)) or _APOLOGY_AFTER.match(said):
        return "apology"
    if _HARD_TIME_SAID.match(said):
        return "hard_time"
    if (_ANGER.search(folded) and _PAYMENT_LATE.search(folded)
            and _COUNCILS_TURN.search(folded) and not _NOT_COUNCILS.search(folded)):
        return "late_payment"
    if _LOST.search(folded) and _DISTRESS.search(folded):
        return "lost_tender_challenge" if _CHALLENGE.search(folded) else "lost_tender"
    if _vented(folded):
        # A tender lost said in anger ("we lost the tender, the scoring was a joke") is a
        # tender lost: its feedback, and the standstill first when a challenge is near.
        if _LOST.search(folded):
            return "lost_tender_challenge" if _CHALLENGE.search(folded) else "lost_tender"
        return "vent"
    if _vented_at_work(folded) or _QUITTING.match(said):
        return "work_vent"
    return None


def _asked_rhetorically(folded: str) -> Feeling | None:
    """``vent_asked`` when every question in ``folded`` is rhetorical (``_RHETORICAL``, with
    nothing asked after it) and nothing in it is about the people cared for, another body, a
    need or a risk (``_NOT_AT_THE_COUNCIL``); a tender lost, when one is told beside it; else
    None (pure)."""
    clauses = [clause.strip(" ,") for clause in _CLAUSE_END.split(folded) if clause.strip(" ,")]
    asked = [clause for clause in clauses if _ASKS.search(clause)]
    for clause in asked:
        found = _RHETORICAL.match(clause)
        if found is None or _ASKED_AFTER.search(clause[found.end():]):
            return None
    if not asked or _NOT_AT_THE_COUNCIL.search(folded):
        return None
    if _LOST.search(folded):
        return "lost_tender_challenge" if _CHALLENGE.search(folded) else "lost_tender"
    return "vent_asked"


def _vented_at_work(folded: str) -> bool:
    """Whether ``folded`` says frustration at the day's work as council staff say it (a
    provider, the hub, colleagues, reviews, the workload: ``_AT_WORK``), with a word that
    judges, the writer's own anger or the work piling up, and nothing about the people cared
    for, a service's care, another body, a slip of the writer's own or a need (pure)."""
    folded = _WORK_KILLS.sub(r"\1swamped", folded)
    if (not _AT_WORK.search(folded) or _NOT_AT_THE_COUNCIL.search(folded)
            or _ABOUT_CARE.search(folded)):
        return False
    return bool(_FELT.search(folded) or _SWAMPED.search(folded)) or any(
        not _NEGATED.search(folded[:found.start()]) for found in _VENTED.finditer(folded))


# Wanting to quit the job, said alone ("I want to quit", "honestly I just want to quit this
# job": session 44's records review, "I don't know ... I've noted your question"): the work
# vented at, nothing worse. Anything more said beside it ("... and end it all") is not this,
# and the safeguarding middleware has read every word first.
_QUITTING = re.compile(
    r"^(?:(?:ugh|honestly|seriously|some days|tbh|i think|god)\W+)*i (?:just |really |honestly"
    r" )?(?:want|wanna|feel like|could|am going|'?m going|am ready|'?m ready)(?: to)?"
    r" (?:quit|resign|hand in my notice|pack it in|jack it in)"
    r"(?: (?:my|this) job| this place| here| today| tomorrow| right now| now)?"
    r"(?:\W+(?:honestly|seriously|tbh|lol))?$")


# A joking threat at one of the council's teams, laughed off ("gonna kill the commissioning
# team if they move the goalposts again haha", "im going to kill the finance team lol";
# session 44's brief: "I don't know"): venting, its threat word no risk to anyone. Only at a
# team or the council itself, never a person, and only with a laugh.
_JOKING_THREAT = re.compile(
    r"\b(?:gonna|gunna|going to|goin to|will|ill|i'll|could|am going to|about to|want to"
    r"|wanna) (?:actually |literally |honestly |seriously )?(?:kill|murder|strangle|throttle"
    r"|kill off) (?:the |those |that |them at the )?(?:(?:council'?s? |la )?(?:commissioning"
    r"|procurement|finance|payments?|brokerage|contracts?|placements?|commissioners'?)"
    r"(?: teams?| lot| people| office| department)?|commissioners|the council|council"
    # ... or one's own manager or colleague, laughed off (session 44's talk review: "I want to
    # kill my manager lol", no longer raised, was "I don't know")
    r"|(?P<own>(?:my|our) (?:(?:line|registered|deputy|area|care|home) )?(?:manager|boss"
    r"|deputy|colleague|team leader|supervisor)s?))\b")
_LAUGHED_OFF = re.compile(r"\b(?:(?:ha){2,}h?|lol+|lmao|rofl|jk|only joking|just joking"
                          r"|joking|kidding)\b|\U0001F602|\U0001F923|:d\b|:\)")


# A threat at a machine or a system ("i want to strangle the printer", "i'll throttle the
# photocopier": session 45's brief, no longer raised but "I don't know" and a knowledge gap):
# venting, laugh or not, since a thing can't be hurt. Only the thing itself: anyone or anything
# else told beside it (``_NOT_AT_THE_COUNCIL``) goes on as before.
_AT_A_THING = re.compile(
    r"\b(?:gonna|gunna|going to|goin to|will|ill|i'll|could|am going to|i'?m going to|im going to"
    r"|about to|want to|wanna|i'?d like to|id like to) (?:actually |literally |honestly "
    r"|seriously |just )?(?:kill|murder|strangle|throttle|punch|smash|kick|thump|lob|chuck"
    r"|throw) (?:the |this |that |our |my |these |those |that bloody |this bloody |the bloody )?"
    r"(?:printers?|photo ?copiers?|copiers?|scanners?|fax(?: machines?)?|laptops?|computers?"
    r"|pcs?|keyboards?|monitors?|screens?|shredders?|franking machines?|kettles?"
    r"|coffee machines?|machines?|wi-?fi|internet|router|server|software|spreadsheets?"
    r"|portal|website|systems?|app)\b")


# ... or at a tradesperson who has not turned up ("i could kill the plumber, he still hasnt turned
# up": session 46's brief, no longer raised but "I don't know"): the no-show told after them is
# part of the vent; anything else told beside it goes on as before.
_AT_A_TRADESPERSON = re.compile(
    r"\b(?:gonna|gunna|going to|goin to|will|ill|i'll|could|am going to|i'?m going to"
    r"|im going to|about to|want to|wanna|i'?d like to|id like to|swear i'?ll|swear ill)"
    r" (?:actually |literally |honestly |seriously |just )?(?:kill|murder|strangle|throttle"
    r"|swing for|wring the neck of) (?:the |that |this |our |my |that bloody |this bloody "
    r"|the bloody |the flipping |the useless )?(?:(?:gas|boiler|lift|alarm|repair|washing"
    r" machine|heating|sky|bt|broadband) (?:m[ae]n|guys?|engineers?|fitters?)|window cleaners?"
    r"|(?:(?:gas|boiler|lift|alarm|heating) )?(?:plumbers?|electricians?|builders?|joiners?"
    r"|roofers?|decorators?|painters?|plasterers?|glaziers?|locksmiths?|contractors?"
    r"|tradesm[ae]n|handym[ae]n|gas ?m[ae]n|engineers?|fitters?|installers?|gardeners?))\b"
    r"(?:(?:,| -)? (?:he|she|they|he's|hes|she's|shes|they've|theyve|still|again|yet|has|have"
    r"|had|is|just|even|the|a|\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|time|times"
    r"|week|weeks|days|running|in a row|bloody)\b)*"
    r"(?:(?:,| -)? (?:hasn'?t|has not|haven'?t|have not|never|not|didn'?t|did not|still not"
    r"|yet to)(?: (?:even|bothered to|bloody|again))* (?:turned up|turn up|shown up|showed up"
    r"|showed|shown|show|come|came|arrived|been|appeared|rocked up)\b"
    r"|(?:,| -)? (?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|another) no[- ]?shows?\b)?"
    r"(?: (?:again|yet|today|this (?:morning|week)))*")


def _at_a_thing(folded: str) -> re.Match[str] | None:
    """The threat at a machine or a system in ``folded`` (``_AT_A_THING``), or at a
    tradesperson who has not turned up (``_AT_A_TRADESPERSON``), when nothing else told
    beside it is about a person, a need or a risk (pure); else None."""
    threat = _AT_A_THING.search(folded) or _AT_A_TRADESPERSON.search(folded)
    if threat is None:
        return None
    rest = folded[:threat.start()] + " " + folded[threat.end():]
    return threat if _NOT_AT_THE_COUNCIL.search(rest) is None else None


# One's own boss, manager or colleague getting on one's nerves, said alone ("my boss is doing my
# head in": session 46's brief, asked "Is this about someone's safety?" and then "I don't
# know"): the same kind line as a laughed-off threat at them. Bullying of the writer is the
# safeguarding middleware's support reply, as before. The pattern is the safeguarding
# reader's (``BOSS_VEXING``), which sets the same words aside.
def _at_ones_own(text: str) -> bool:
    """Whether ``text``'s threat is at one's own manager or colleague, laughed off, or at a
    machine or a tradesperson (``_at_a_thing``), or one's own boss vexes the writer
    (``BOSS_VEXING``): nothing of the council's (pure)."""
    folded = casefolded(text)
    threat = _JOKING_THREAT.search(folded)
    return (threat is not None and threat.group("own") is not None) or (
        _at_a_thing(folded) is not None) or BOSS_VEXING.match(folded) is not None


def _vented(folded: str) -> bool:
    """Whether ``folded`` says frustration with the council, its fees, tenders, payments or
    staff, and nothing about the people cared for, another body, a slip of the writer's own
    or a need (pure); a joking threat at one of the council's teams is such frustration
    (``_JOKING_THREAT``), and so is a threat at a machine (``_at_a_thing``)."""
    threat = _JOKING_THREAT.search(folded)
    if threat is not None and _LAUGHED_OFF.search(folded) is not None:
        rest = folded[:threat.start()] + " " + folded[threat.end():]
        return _NOT_AT_THE_COUNCIL.search(rest) is None
    if _at_a_thing(folded) is not None or BOSS_VEXING.match(folded) is not None:
        return True
    if not _AT_THE_COUNCIL.search(folded) or _NOT_AT_THE_COUNCIL.search(folded):
        return False
    return bool(_FELT.search(folded)) or any(
        not _NEGATED.search(folded[:found.start()]) for found in _VENTED.finditer(folded))


def reply_to_feeling(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A short kind reply to a feeling (``feeling``), pointing to what helps; the bid-feedback
    clock is said as the reminders keep it. Council staff are never the ones waiting to be
    paid: their anger at a payment goes on to the routes after this one, else the knowledge
    base (session 35's review)."""
    if ctx.match == "late_payment" and ctx.person.role != Role.PROVIDER:
        return ctx.registry.pass_on(FEELING_ROUTE, incoming, ctx)
    if ctx.match in ("vent", "vent_asked", "work_vent"):
        # Words the safeguarding middleware asked "Is this about someone's safety?" about are
        # kept by the knowledge base's handler, for a "yes" to carry them to the concern.
        # /feedback and /conflict are a provider's: council staff are told what the bot does
        # for their own work; a provider's words about the day's work go on as before. A
        # rhetorical question the knowledge base answers outright all the same ("how is it
        # fair that the council pays less than the cost of care?") is its.
        staff = ctx.person.role in COUNCIL_STAFF
        if (ctx.marks.get(deps.SAFETY_ASKED) or (ctx.match == "work_vent" and not staff
                                                 and not _BACKLOG.search(incoming.text))
                or (ctx.match == "vent_asked" and _answered(incoming.text, ctx))):
            return ctx.registry.pass_on(FEELING_ROUTE, incoming, ctx)
        return [Reply(text=ctx.render(
            "vent.txt", staff=staff, work=ctx.match == "work_vent",
            # a laughed-off threat at one's own manager or colleague, or one at a machine: not
            # the council's
            own=_at_ones_own(incoming.text)))]
    return [Reply(text=ctx.render(
        "feeling.txt", kind=ctx.match, provider=ctx.person.role == Role.PROVIDER,
        feedback_days=get_rule("bid-feedback").amount, aim_days=get_rule("payment").amount,
        legal_days=LEGAL_PAYMENT_DAYS))]


# A provider's own backlog vented at ("so fed up with the backlog today": session 44's records
# review, "I don't know"): their deadlines and invoices are what help. Other words of a
# provider's day's work go on as before (they may be about the care).
_BACKLOG = re.compile(r"\bbacklogs?\b", re.IGNORECASE)


def _answered(text: str, ctx: Ctx) -> bool:
    """Whether the knowledge base answers ``text`` outright (the middleware has read it)."""
    answerer = ctx.deps.answerer
    return answerer is not None and answerer.ask(text, read_for_harm=False).mode == "answer"
