"""The knowledge base: entries loaded from YAML, validated, with a council's own folder on top.

Entries come from the package's ``knowledge/content/*.yaml`` and then from the folder named by
``PLEDGEBOT_KNOWLEDGE_DIR``, whose entries add to or replace (by id) the packaged ones. Every
problem is reported as ``file:line: problem``, so a commissioner editing YAML can find it.

The council's folder may also hold ``taught.yaml``: questions an admin attached to an entry
(``pledgebot kb teach "QUESTION" ENTRY_ID`` or ``/teach`` in chat), each added to that entry's
sample questions, so the same question, and ones like it, are answered from then on. A question
taught to ``none`` (``HAND_OVER``) is one no entry answers: to those words (whatever the case
and punctuation) the bot says "I don't know", with "Ask a commissioner", instead of answering.
The last teaching of the same words decides what the bot does with them.

The package also holds ``asked.jsonl``: questions providers asked in their own words (written
from council FAQs, bidder Q&A logs, FOI requests and provider forums for the calibration sets),
each with the entries that answer it as labelled by reading the content. They are searched as
those entries' sample questions (``Entry.asked``), so a question worded like one providers
really ask finds its entry; they are never shown. ``bench/asked.py`` writes the file from the
calibration sets it names (the later sets stay out, to measure on).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import re
import tempfile
import threading
import time
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.values import frozen

log = logging.getLogger(__name__)

PACKAGED = Path(__file__).resolve().parent / "content"
ASKED = Path(__file__).resolve().parent / "asked.jsonl"
MAX_ANSWER_WORDS = 200
MIN_QUESTIONS = 5
MAX_FILE_BYTES = 2_000_000
_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
# A source is the publisher's own public page, one a provider can open and trust: never a
# staging, test or content-management copy of a site (found in search results under hosts like
# these), nor another site's copy of someone else's document.
_NOT_PUBLIC_LABELS = frozenset({"uat", "staging", "preprod", "dev", "test", "sandbox"})
_NOT_PUBLIC_SUFFIXES = (".azurewebsites.net", ".episerver.net", ".magnolia-platform.com",
                        ".axis12.com", ".jadu.net")
_MIRROR_HOSTS = frozenset({"docsbay.net", "fdocuments.us", "fdocuments.net", "docest.com",
                           "vdocuments.mx", "vdocuments.net", "pdfslide.net", "dokumen.tips",
                           "documents.pub", "docplayer.net", "silo.tips", "studylib.net"})


def _source_host_problem(source: str) -> str | None:
    """Why a source's host is not a page to cite, or None."""
    host = (urlsplit(source).hostname or "").lower()
    labels = host.split(".")
    if (_NOT_PUBLIC_LABELS.intersection(labels) or labels[0].startswith("staging-")
            or host.endswith(_NOT_PUBLIC_SUFFIXES)):
        return "is a staging, test or hosting copy of a site: cite its public address"
    if host.removeprefix("www.") in _MIRROR_HOSTS:
        return "is a document-mirror site's copy: cite the publisher's own page"
    return None


class _EntryModel(BaseModel):
    """The schema of one entry, as written in YAML."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=_ID, max_length=64)
    kind: Literal["pledge", "faq", "local"]
    title: str = Field(min_length=3, max_length=150)
    questions: list[str] = Field(min_length=MIN_QUESTIONS)
    answer: str = Field(min_length=1)
    related: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    as_at: date
    confidence: Literal["H", "M", "L"] | None = None
    pledge: list[int] = Field(default_factory=list)
    number: int | None = Field(default=None, ge=1, le=30)
    section: str | None = None
    commitment: str | None = None
    for_providers: str | None = None
    for_commissioners: str | None = None
    law_differs: str | None = None

    @field_validator("questions")
    @classmethod
    def _questions_are_questions(cls, value: list[str]) -> list[str]:
        for question in value:
            if not 3 <= len(question.strip()) <= 300:
                raise ValueError(f"sample question {question!r} must be 3 to 300 characters")
        return [question.strip() for question in value]

    @field_validator("answer")
    @classmethod
    def _answer_not_too_long(cls, value: str) -> str:
        words = len(value.split())
        if words > MAX_ANSWER_WORDS:
            raise ValueError(f"answer has {words} words; keep it to {MAX_ANSWER_WORDS}")
        return value.strip()

    @field_validator("sources")
    @classmethod
    def _sources_are_urls(cls, value: list[str]) -> list[str]:
        for source in value:
            if not _URL.match(source):
                raise ValueError(f"source {source!r} is not a web address")
            problem = _source_host_problem(source)
            if problem:
                raise ValueError(f"source {source!r} {problem}")
        return value

    @field_validator("pledge")
    @classmethod
    def _pledge_numbers(cls, value: list[int]) -> list[int]:
        for number in value:
            if not 1 <= number <= 30:
                raise ValueError(f"pledge commitment {number} does not exist (1 to 30)")
        return value

    @model_validator(mode="after")
    def _pledge_entries_quote_the_pledge(self) -> _EntryModel:
        if self.kind == "pledge":
            missing = [name for name in ("number", "section", "commitment")
                       if getattr(self, name) is None]
            if missing:
                raise ValueError(f"a pledge entry needs {', '.join(missing)}")
            if self.id != f"pledge-{self.number}":
                raise ValueError(f"a pledge entry's id must be pledge-{self.number}")
        return self


@frozen
class Entry:
    """One answer the bot can give, with where it comes from."""

    id: str
    kind: str
    title: str
    questions: tuple[str, ...]
    answer: str
    related: tuple[str, ...]
    sources: tuple[str, ...]
    as_at: date
    confidence: str | None
    pledge: tuple[int, ...]
    number: int | None
    section: str | None
    commitment: str | None
    for_providers: str | None
    for_commissioners: str | None
    law_differs: str | None
    origin: str = ""
    # Providers' questions answered by this entry (``asked.jsonl``): searched like its sample
    # questions, but not part of what the entry is about (see ``knowledge.search``).
    asked: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        """Where the answer comes from, in words a provider recognises."""
        if self.kind == "pledge":
            return f"Pledge to Work Together, commitment {self.number} ({self.section})"
        if self.kind == "local":
            return f"{self.title} (your council's own guidance)"
        return f"pledgebot FAQ, \"{self.title}\""


@frozen
class Problem:
    """One problem with a content file (the knowledge YAML, a survey's), by file and line."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        """``file:line: problem``."""
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Content:
    """A validated set of entries by id, and the problems found on the way."""

    entries: Mapping[str, Entry]
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    # The council's taught questions by ``question_key``: the last teaching of those words
    # (an entry, or ``HAND_OVER``), read-only.
    lessons: Mapping[str, Taught] = dataclasses.field(
        default_factory=lambda: MappingProxyType({}))


# libyaml's parser (PyYAML's C extension) when the wheel has it: about ten times faster than the
# pure-Python one, which took most of a second to read the packaged content.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Located(_SafeLoader):  # type: ignore[valid-type,misc]
    """A YAML loader that remembers the line of every mapping and its keys."""


def _construct_mapping(loader: _Located, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    lines = {"__line__": node.start_mark.line + 1}
    for key_node, _value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            lines[f"__line__{key_node.value}"] = key_node.start_mark.line + 1
    return {**mapping, "__lines__": lines}


_Located.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__lines__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@lru_cache(maxsize=64)
def _parsed(text: str) -> bytes:
    """A YAML file's document, kept by its text (a reload or a second knowledge base in one
    process parses each unchanged file once): pickled, so every reader gets its own copy."""
    return pickle.dumps(yaml.load(text, Loader=_Located))  # noqa: S506 - a SafeLoader subclass


def _read_file(path: Path) -> tuple[list[tuple[int, dict[str, Any], dict[str, int]]],
                                    list[Problem]]:
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [], [Problem(name, 1, f"file is larger than {MAX_FILE_BYTES:,} bytes")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [Problem(name, 1, "file is not UTF-8 text")]
    except OSError as error:
        return [], [Problem(name, 1, f"cannot read the file: {error.strerror}")]
    try:
        document = pickle.loads(_parsed(text))  # noqa: S301 - our own bytes, made just above
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return [], [Problem(name, line, f"not valid YAML: {reason}")]
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        return [], [Problem(name, 1, "expected a mapping with a list under 'entries:'")]
    found = []
    problems = []
    for raw in document["entries"]:
        if not isinstance(raw, dict):
            problems.append(Problem(name, document["__lines__"].get("__line__entries", 1),
                                    "each entry must be a mapping"))
            continue
        lines = raw.get("__lines__", {})
        found.append((lines.get("__line__", 1), _strip_lines(raw), lines))
    return found, problems


def _validate(path: Path, line: int, raw: dict[str, Any], lines: dict[str, int],
              ) -> tuple[Entry | None, list[Problem]]:
    try:
        model = _EntryModel.model_validate(raw)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            location = detail.get("loc", ())
            key = str(location[0]) if location else ""
            at = lines.get(f"__line__{key}", line)
            message = str(detail.get("msg", "invalid")).removeprefix("Value error, ")
            if detail.get("type") == "extra_forbidden":
                message = "is not a known field"
            label = ".".join(str(part) for part in location) or "entry"
            ident = raw.get("id", "?")
            problems.append(Problem(str(path), at, f"{ident}: {label}: {message}"))
        return None, problems
    entry = Entry(
        id=model.id, kind=model.kind, title=model.title, questions=tuple(model.questions),
        answer=model.answer, related=tuple(model.related), sources=tuple(model.sources),
        as_at=model.as_at, confidence=model.confidence, pledge=tuple(model.pledge),
        number=model.number, section=model.section, commitment=model.commitment,
        for_providers=model.for_providers, for_commissioners=model.for_commissioners,
        law_differs=model.law_differs, origin=f"{path}:{line}",
    )
    return entry, []


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a folder, in name order."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


TAUGHT_FILE = "taught.yaml"
MIN_TAUGHT_CHARS = 3
MAX_TAUGHT_CHARS = 300  # as for a sample question written in YAML
HAND_OVER = "none"  # taught to no entry: a person answers this question
_SPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s£%]")


def question_key(text: str) -> str:
    """Lower case, no punctuation, single spaces: so near-identical questions group together."""
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", text.lower())).strip()


def taught_length_ok(question: str) -> bool:
    """A question may be taught when it is 3 to 300 characters long and its words (without
    punctuation) are 3 characters or more: "???" would otherwise stand for every message of
    no words."""
    return (MIN_TAUGHT_CHARS <= len(question) <= MAX_TAUGHT_CHARS
            and len(question_key(question)) >= MIN_TAUGHT_CHARS)


@frozen
class Taught:
    """A question an admin attached to the entry that answers it."""

    question: str
    entry: str
    taught_at: str = ""
    taught_by: str = ""


def read_taught(path: Path) -> tuple[list[Taught], list[Problem]]:
    """The taught questions of one ``taught.yaml``, and any problems with it."""
    name = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [], [Problem(name, 1, f"cannot read taught questions: {error}")]
    if document is None:
        return [], []
    if not isinstance(document, dict) or not isinstance(document.get("taught", []), list):
        return [], [Problem(name, 1, "expected a mapping with a list under 'taught:'")]
    found: list[Taught] = []
    problems: list[Problem] = []
    for number, raw in enumerate(document.get("taught") or [], start=1):
        question = str(raw.get("question", "")).strip() if isinstance(raw, dict) else ""
        entry = str(raw.get("entry", "")).strip() if isinstance(raw, dict) else ""
        if not (taught_length_ok(question) and entry):
            problems.append(Problem(name, 1, f"taught question {number} needs a question of "
                                    f"{MIN_TAUGHT_CHARS} to {MAX_TAUGHT_CHARS} characters "
                                    f"({MIN_TAUGHT_CHARS} of them letters or digits) "
                                    "and an entry id"))
            continue
        found.append(Taught(question, entry, str(raw.get("taught_at", "")),
                            str(raw.get("taught_by", ""))))
    return found, problems


def add_taught(folder: Path, taught: Taught) -> bool:
    """Append a taught question to ``folder/taught.yaml``; False when it was already there.

    The file is rewritten whole through a temporary file and an atomic rename, so a reader
    (the running bot reloads on change) never sees half a file.
    """
    path = folder / TAUGHT_FILE
    existing: list[Taught] = []
    if path.exists():
        existing, problems = read_taught(path)
        if problems:
            raise ValueError(str(problems[0]))
    asked = question_key(taught.question)
    same_words = [t for t in existing if question_key(t.question) == asked]
    if same_words and same_words[-1].entry == taught.entry:
        return False  # already the last teaching of these words: it is what the bot does
    # The last teaching of the same words decides what the bot does with them, so this one
    # goes last. Handing them over and answering them from an entry contradict each other:
    # the earlier of the two goes. Other entries taught the same words keep them as a sample.
    existing = [t for t in existing if question_key(t.question) != asked or (
        t.entry != taught.entry and HAND_OVER not in (t.entry, taught.entry))]
    document = {"taught": [dataclasses.asdict(t) for t in [*existing, taught]]}
    text = ("# Questions attached to the entry that answers them (pledgebot kb teach).\n"
            + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100))
    write_atomically(path, text.encode("utf-8"), prefix=".taught-")
    return True


def write_atomically(path: Path, data: bytes, *, prefix: str) -> None:
    """Write ``data`` to ``path`` whole or not at all: a reader sees the old file or the new
    one, never half of it. The file is made 0600 (``mkstemp``); nothing is left on failure."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _apply_taught(entries: dict[str, Entry], folder: Path, problems: list[Problem],
                  lessons: dict[str, Taught]) -> None:
    path = folder / TAUGHT_FILE
    if not path.is_file():
        return
    taught, found_problems = read_taught(path)
    problems.extend(found_problems)
    for item in taught:
        lessons[question_key(item.question)] = item  # the last teaching of the words wins
        if item.entry == HAND_OVER:
            continue
        entry = entries.get(item.entry)
        if entry is None:
            problems.append(Problem(str(path), 1, f"taught question {item.question!r}: "
                                    f"no entry {item.entry}"))
        elif item.question not in entry.questions:
            entries[item.entry] = dataclasses.replace(
                entry, questions=(*entry.questions, item.question))


def read_asked(path: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """Providers' questions by the id of each entry that answers them, from ``asked.jsonl``
    (one ``{"question": ..., "ids": [...]}`` a line), and any problems with the file."""
    name = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(name, 1, f"cannot read asked questions: {error}")]
    asked: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        question = row.get("question") if isinstance(row, dict) else None
        ids = row.get("ids") if isinstance(row, dict) else None
        if not (isinstance(question, str) and question.strip() and isinstance(ids, list)
                and ids and all(isinstance(i, str) for i in ids)):
            problems.append(Problem(name, number, "expected {\"question\": text, "
                                    "\"ids\": [entry ids]}"))
            continue
        for entry_id in ids:
            asked.setdefault(entry_id, []).append(question.strip())
    return asked, problems


@lru_cache(maxsize=4)
def _read_asked_once(path: Path, _changed: int, _size: int,
                     ) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[Problem, ...]]:
    asked, problems = read_asked(path)
    return tuple((entry_id, tuple(questions)) for entry_id, questions in asked.items()), tuple(
        problems)


def _apply_asked(entries: dict[str, Entry], path: Path, problems: list[Problem]) -> None:
    # The file is read once per version, not at every reload of the council's folder.
    try:
        info = path.stat()
    except OSError:
        problems.extend(read_asked(path)[1])  # says why it cannot be read
        return
    found, found_problems = _read_asked_once(path, info.st_mtime_ns, info.st_size)
    problems.extend(found_problems)
    for entry_id, questions in found:
        entry = entries.get(entry_id)
        if entry is None:
            problems.append(Problem(str(path), 1, f"asked questions for {entry_id}: "
                                    "no such entry"))
            continue
        known = set(entry.questions)
        new = tuple(dict.fromkeys(q for q in questions if q not in known))
        if new:
            entries[entry_id] = dataclasses.replace(entry, asked=(*entry.asked, *new))


def load_content(folders: Sequence[Path], *, asked: Path | None = ASKED) -> Content:
    """Load and check every entry; later folders add to or replace earlier folders' entries.

    With the packaged folder, the questions of ``asked`` (``ASKED``; None: none) are given to
    the entries that answer them (``Entry.asked``).
    """
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    files: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(str(folder), 1, "is not a folder"))
            continue
        seen_here: dict[str, str] = {}
        for path in yaml_files(folder):
            files.append(str(path))
            if path.name == TAUGHT_FILE:
                continue
            found, file_problems = _read_file(path)
            problems.extend(file_problems)
            for line, raw, lines in found:
                entry, entry_problems = _validate(path, line, raw, lines)
                problems.extend(entry_problems)
                if entry is None:
                    continue
                if entry.id in seen_here:
                    other = seen_here[entry.id]
                    problems.append(Problem(str(path), line,
                                            f"duplicate id {entry.id} (also at {other})"))
                    continue
                seen_here[entry.id] = entry.origin
                entries[entry.id] = entry
    if asked is not None and PACKAGED in folders:
        _apply_asked(entries, asked, problems)
    lessons: dict[str, Taught] = {}
    for folder in folders:
        if folder != PACKAGED and folder.is_dir():
            _apply_taught(entries, folder, problems, lessons)
    if HAND_OVER in entries:
        file, _, at = entries[HAND_OVER].origin.rpartition(":")
        problems.append(Problem(file, int(at), f"the id {HAND_OVER!r} is kept for questions "
                                "taught to no entry: choose another"))
    for entry in entries.values():
        for related in entry.related:
            if related not in entries:
                file, _, at = entry.origin.rpartition(":")
                problems.append(Problem(file, int(at),
                                        f"{entry.id}: related id {related} does not exist"))
    return Content(entries=entries, problems=tuple(problems), files=tuple(files),
                   lessons=MappingProxyType(lessons))


def content_folders(local: Path | None) -> list[Path]:
    """The packaged content, then the council's own folder when there is one."""
    return [PACKAGED] if local is None else [PACKAGED, local]


def _fingerprint(folders: Iterable[Path]) -> tuple[tuple[str, float, int], ...]:
    stamp = []
    for folder in folders:
        if folder.is_dir():
            for path in yaml_files(folder):
                try:
                    info = path.stat()
                except OSError:
                    continue
                stamp.append((str(path), info.st_mtime, info.st_size))
    return tuple(stamp)


@dataclass
class KnowledgeBase:
    """The current content, reloaded when its files change (checked at most every few seconds).

    A reload that finds problems keeps the last good content, so a half-edited file never
    takes answers away from providers.
    """

    folders: list[Path]
    check_every: float = 2.0
    # Providers' questions added to their entries' samples (``ASKED``); None: none.
    asked: Path | None = ASKED
    content: Content = field(init=False)
    _stamp: tuple[tuple[str, float, int], ...] = field(init=False, default=())
    _checked: float = field(init=False, default=0.0)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    generation: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        """Load once; problems are kept for ``pledgebot kb check`` and logged."""
        self._stamp = _fingerprint(self.folders)
        self.content = load_content(self.folders, asked=self.asked)
        self._checked = time.monotonic()
        for problem in self.content.problems:
            log.error("knowledge base: %s", problem)

    def refresh(self, *, force: bool = False) -> bool:
        """Reload if a file changed; True when new content was taken."""
        now = time.monotonic()
        if not force and now - self._checked < self.check_every:
            return False
        with self._lock:
            self._checked = now
            stamp = _fingerprint(self.folders)
            if stamp == self._stamp and not force:
                return False
            fresh = load_content(self.folders, asked=self.asked)
            self._stamp = stamp
            if fresh.problems:
                for problem in fresh.problems:
                    log.error("knowledge base reload refused: %s", problem)
                return False
            self.content = fresh
            self.generation += 1
            return True
