"""Survey definitions in YAML: the packaged ones (``handlers/surveys/content/``) and the
council's own folder (``PLEDGEBOT_SURVEY_DIR``), checked like the knowledge content.

One survey a file::

    id: provider-forum-2027            # letters, digits and dashes; a council file with the
    title: The provider forum           # id of a packaged one replaces it
    intro: Two minutes, please.
    anonymous: true                     # default true
    council: Northshire                 # whose survey (not for "opens: on award")
    opens: 2027-01-11                   # a date, or "on award" (a tender's bidders, when the
    closes: 2027-01-25                  #   award is decided; then open_days instead of closes)
    chasers: {max: 2, every_days: 3}    # reminders to those who have not answered
    audience: {all_providers: true}     # or {commissioners: true}, {service_type: home-care},
                                        #   {tender_bidders: true} (on award only)
    questions:
      - {id: q1, kind: likert, text: ...}            # 1-5
      - {id: q2, kind: single, text: ..., options: [A, B]}
      - {id: q3, kind: multiple, text: ..., options: [A, B, C]}
      - {id: q4, kind: multiple, text: ..., options: [A, B], none_of_these: true}  # adds the
                                        #   option "None of these", chosen alone ("none")
      - {id: q4, kind: yes_no, text: ...}
      - {id: q5, kind: free_text, text: ..., required: false}

Every problem is reported as ``file:line: problem``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.values import frozen
from handlers.formats import service_key
from knowledge.base import Problem

QuestionKind = Literal["likert", "single", "multiple", "yes_no", "free_text"]

PACKAGED = Path(__file__).resolve().parent / "content"
ON_AWARD = "on award"
AWARD_TEMPLATE = "procurement-experience"
KINDS: tuple[QuestionKind, ...] = ("likert", "single", "multiple", "yes_no", "free_text")
LIKERT = ("1", "2", "3", "4", "5")
# What the points mean, where results are shown (the invitation and form name the ends).
LIKERT_WORDS = {"1": "1 (very poor)", "2": "2 (poor)", "3": "3 (neither)", "4": "4 (good)",
                "5": "5 (very good)"}
YES_NO = ("Yes", "No")
# The last option a multiple-choice question with ``none_of_these: true`` gets: chosen alone,
# also as one of NONE_WORDS (trials: "none of them" was refused at "What helped you?").
NONE_OF_THESE = "None of these"
NONE_WORDS = frozenset({"none", "none of them", "none of these", "none of those", "nothing",
                        "neither", "no one", "nil"})
_ID = r"^[a-z0-9][a-z0-9-]{0,63}$"


class QuestionModel(BaseModel):
    """One question as written in YAML."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    kind: Literal["likert", "single", "multiple", "yes_no", "free_text"]
    text: str = Field(min_length=3, max_length=300)
    options: list[str] = Field(default_factory=list)
    required: bool | None = None
    none_of_these: bool = False

    @model_validator(mode="after")
    def _options_fit_kind(self) -> QuestionModel:
        if self.none_of_these and self.kind != "multiple":
            raise ValueError("none_of_these is for a multiple question")
        if self.none_of_these and len(self.options) > 9:
            raise ValueError("a multiple question with none_of_these has 2 to 9 options")
        if self.none_of_these and any(o.casefold() in NONE_WORDS | {NONE_OF_THESE.casefold()}
                                      for o in self.options):
            raise ValueError(f"with none_of_these, no option of its own says none "
                             f"({NONE_OF_THESE!r} is added)")
        if self.kind in ("single", "multiple"):
            if not 2 <= len(self.options) <= 10:
                raise ValueError(f"a {self.kind} question needs 2 to 10 options")
            if len({o.casefold() for o in self.options}) != len(self.options):
                raise ValueError("options must differ")
            if any(not 1 <= len(o) <= 80 for o in self.options):
                raise ValueError("each option is 1 to 80 characters")
        elif self.options:
            raise ValueError(f"a {self.kind} question has no options")
        return self


class ChasersModel(BaseModel):
    """How non-responders are chased."""

    model_config = ConfigDict(extra="forbid")

    max: int = Field(default=2, ge=0, le=5)
    every_days: int = Field(default=3, ge=1, le=30)


class AudienceModel(BaseModel):
    """Who is asked: exactly one of these."""

    model_config = ConfigDict(extra="forbid")

    tender_bidders: bool = False
    all_providers: bool = False
    commissioners: bool = False
    service_type: str | None = Field(default=None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def _exactly_one(self) -> AudienceModel:
        chosen = [self.tender_bidders, self.all_providers, self.commissioners,
                  self.service_type is not None]
        if sum(chosen) != 1:
            raise ValueError("give exactly one of tender_bidders, all_providers, "
                             "commissioners, service_type")
        return self


class SurveyModel(BaseModel):
    """One survey file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3, max_length=200)
    intro: str = Field(default="", max_length=1000)
    anonymous: bool = True
    council: str | None = Field(default=None, max_length=200)
    opens: date | Literal["on award"]
    closes: date | None = None
    open_days: int | None = Field(default=None, ge=1, le=90)
    chasers: ChasersModel = Field(default_factory=ChasersModel)
    audience: AudienceModel
    pledges: list[int] = Field(default_factory=list)
    questions: list[QuestionModel] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _consistent(self) -> SurveyModel:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must differ")
        if any(not 1 <= p <= 30 for p in self.pledges):
            raise ValueError("pledges are numbered 1 to 30")
        if self.opens == ON_AWARD:
            if not self.audience.tender_bidders:
                raise ValueError("a survey that opens on award goes to the tender's bidders")
            if self.open_days is None or self.closes is not None:
                raise ValueError("a survey that opens on award needs open_days, not closes")
        else:
            if self.audience.tender_bidders:
                raise ValueError("tender_bidders is for a survey that opens on award")
            if self.closes is None or not isinstance(self.opens, date):
                raise ValueError("a dated survey needs opens and closes dates")
            if self.closes < self.opens:
                raise ValueError("closes is before opens")
            if not self.council:
                raise ValueError("a dated survey names its council")
        return self


@frozen
class Question:
    """One question, ready to ask."""

    key: str
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = True
    none: str | None = None  # the option that says none (NONE_OF_THESE), last of ``options``

    @property
    def choices(self) -> tuple[str, ...]:
        """What may be chosen: the options, 1-5 for Likert, Yes and No."""
        if self.kind == "likert":
            return LIKERT
        if self.kind == "yes_no":
            return YES_NO
        return self.options


@frozen
class Definition:
    """One survey as its YAML defines it."""

    template: str
    title: str
    intro: str
    anonymous: bool
    council: str | None
    opens: date | None  # None: on award
    closes: date | None
    open_days: int | None
    max_chasers: int
    chase_every_days: int
    audience: str  # "tender", "providers", "commissioners" or "service:TYPE"
    pledges: tuple[int, ...]
    questions: tuple[Question, ...]
    origin: str = ""

    def as_json(self) -> dict[str, Any]:
        """What a running survey keeps of its definition."""
        return {"intro": self.intro, "pledges": list(self.pledges),
                "questions": [{"key": q.key, "kind": q.kind, "text": q.text,
                               "options": list(q.options), "required": q.required,
                               **({"none": q.none} if q.none else {})}
                              for q in self.questions]}


def questions_of(definition: dict[str, Any]) -> tuple[Question, ...]:
    """The questions a running survey keeps (``Survey.definition``)."""
    return tuple(Question(str(q["key"]), q["kind"], str(q["text"]),
                          tuple(q.get("options", ())), bool(q.get("required", True)),
                          q.get("none") or None)
                 for q in definition.get("questions", ()))


@dataclass(slots=True)
class Catalogue:
    """Every survey definition found, by id, and the problems found on the way."""

    surveys: dict[str, Definition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def folders(local: Path | None) -> list[Path]:
    """The packaged definitions, then the council's own folder when there is one."""
    return [PACKAGED] if local is None else [PACKAGED, local]


def _audience(model: AudienceModel) -> str:
    if model.tender_bidders:
        return "tender"
    if model.all_providers:
        return "providers"
    if model.commissioners:
        return "commissioners"
    return f"service:{service_key(model.service_type or '')}"


def _line_of(text: str, location: Sequence[int | str]) -> int:
    """The line of the first key of ``location`` in ``text`` (1 if it cannot be found)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return 1
    line = 1
    for step in location:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == step), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def line_of_key(path: str, key: str) -> int:
    """The line of a top-level ``key`` in the survey file at ``path`` (1 if it cannot be
    read)."""
    try:
        return _line_of(Path(path).read_text(encoding="utf-8"), [key])
    except (OSError, UnicodeDecodeError):
        return 1


# libyaml's parser when PyYAML has it (its wheels do): several times faster than pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What each file read to, by (path, size, modification time): every router and CLI command
# loads the catalogue, and a file that has not changed reads to the same thing.
_READ: dict[tuple[str, int, int], tuple[Definition | None, tuple[Problem, ...]]] = {}


def read_file(path: Path) -> tuple[Definition | None, list[Problem]]:
    """One survey file's definition, or the problems that stop it."""
    try:
        stat = path.stat()
    except OSError:
        return _read_file(path)
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _READ:
        definition, problems = _read_file(path)
        _READ[key] = (definition, tuple(problems))
    definition, found = _READ[key]
    return definition, list(found)


def _read_file(path: Path) -> tuple[Definition | None, list[Problem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        document = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a safe loader)
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, 1, f"cannot be read: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(name, mark.line + 1 if mark else 1, f"not valid YAML: {reason}")]
    if not isinstance(document, dict):
        return None, [Problem(name, 1, "a survey file is a mapping (id, title, questions ...)")]
    try:
        model = SurveyModel.model_validate(document)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where = [step for step in item["loc"] if isinstance(step, int | str)]
            label = ".".join(str(step) for step in where) or "survey"
            message = item["msg"].removeprefix("Value error, ")
            problems.append(Problem(name, _line_of(text, where), f"{label}: {message}"))
        return None, problems
    questions = tuple(
        Question(q.id, q.kind, q.text,
                 (*q.options, NONE_OF_THESE) if q.none_of_these else tuple(q.options),
                 q.required if q.required is not None else q.kind != "free_text",
                 NONE_OF_THESE if q.none_of_these else None)
        for q in model.questions)
    return Definition(
        template=model.id, title=model.title, intro=model.intro, anonymous=model.anonymous,
        council=model.council, opens=model.opens if isinstance(model.opens, date) else None,
        closes=model.closes, open_days=model.open_days, max_chasers=model.chasers.max,
        chase_every_days=model.chasers.every_days, audience=_audience(model.audience),
        pledges=tuple(model.pledges), questions=questions, origin=name), []


def load(local: Path | None) -> Catalogue:
    """Every definition of the packaged folder and the council's (whose ids replace ours)."""
    catalogue = Catalogue()
    for folder in folders(local):
        seen: dict[str, str] = {}
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            catalogue.files += 1
            definition, problems = read_file(path)
            catalogue.problems.extend(problems)
            if definition is None:
                continue
            other = seen.get(definition.template)
            if other is not None:
                catalogue.problems.append(
                    Problem(str(path), 1, f"id {definition.template} is also in {other}"))
                continue
            seen[definition.template] = str(path)
            catalogue.surveys[definition.template] = definition
    return catalogue
