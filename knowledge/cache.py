"""The built search index, kept on disk between starts (``PLEDGEBOT_CACHE_DIR``).

Building the index over the knowledge base takes a third of a second or more on a small
machine: after the imports, most of what ``pledgebot serve`` does before it is ready. So the
built ``Searcher`` is written to a file, one per set of content folders, and read back at the
next start when nothing it was built from has changed. The file's key is a SHA-256 of:

- the entries exactly as loaded, every field of every entry in order (so any change to the
  packaged content, to the council's folder or to its ``taught.yaml`` that reaches the index
  changes the key; ``kb teach`` is such a change);
- the source of every module of the ``knowledge`` package (the code that builds the index and
  the entries it is built from: ``search.py``, ``base.py``, ``answers.py``, this one...);
- the Python version, the Unicode database's version, and the stemmer's code;
- the speller's English words (``knowledge/english_words.txt``: which words of the content are
  typing errors);
- the topic model file's SHA-256 (``knowledge/topics.json``, refitted as the content grows; the
  index names the model rather than holding a copy of it, ``Searcher.__getstate__``).

After reading, the index's entries must also equal the entries asked for. Anything else (no
file, another key, a damaged, truncated or unreadable file, a folder that cannot be made or
written) and the index is built as before: the cache never stops the bot from starting.

Why a pickle is safe here: unpickling can run code named in the file, so a file is read only
from a folder owned by this user that nobody else may write (the folder is made ``0700``), and
only when the file itself is owned by this user and writable by nobody else (files are made
``0600``). Whoever could put a file there can already run code as this user (their shell
profile is no better protected). Any other folder or file is ignored with a warning and the
index is built. A pickle, rather than JSON, because it is as fast as anything to read back
(about 60 ms against 0.3-0.5 s to build, 124 entries) and follows the index's own shape as the
search code changes, without a second description of it to keep in step.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import stat
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from bot.values import frozen
from knowledge import topics
from knowledge.base import Entry, write_atomically
from knowledge.search import ENGLISH_WORDS, Searcher

log = logging.getLogger(__name__)

# Bump to turn every existing cache file into a miss (a change of the file's layout).
FORMAT = b"pledgebot-knowledge-index-1\n"
_KEY_BYTES = hashlib.sha256().digest_size
PACKAGE = Path(__file__).resolve().parent


def code_digest() -> bytes:
    """A digest of everything besides the entries that decides what the built index holds.

    Read once per state of the package's files (their names, sizes and change times), not at
    every content reload: the code does not change while the bot runs.
    """
    # The speller's English words decide which words of the content are typos (``Speller``).
    files = [*sorted(PACKAGE.glob("*.py")), ENGLISH_WORDS]
    return _code_digest(tuple((path, path.stat().st_size, path.stat().st_mtime_ns)
                              for path in files))


@lru_cache(maxsize=8)
def _code_digest(files: tuple[tuple[Path, int, int], ...]) -> bytes:
    digest = hashlib.sha256(FORMAT)
    digest.update(f"{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    digest.update(f"{unicodedata.unidata_version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for path, _size, _changed in files:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    stemmer = sys.modules[type(snowballstemmer.stemmer("english")).__module__]
    for name in (getattr(stemmer, "__file__", None), getattr(snowballstemmer, "__file__", None)):
        if name:
            digest.update(Path(name).read_bytes())
    return digest.digest()


def cache_key(entries: Sequence[Entry]) -> bytes:
    """The key of the index over ``entries``, built by this code (32 bytes)."""
    digest = hashlib.sha256(code_digest())
    # The topic model the index holds (knowledge/topics.json, refitted as the content grows).
    model = topics.packaged_model()
    digest.update((model.fingerprint if model is not None else "no topic model").encode())
    # Entries hold only strings, numbers, dates, tuples and None: their repr is the same in
    # every process (no set or dict whose order could vary with the hash seed).
    digest.update(repr(tuple(entries)).encode())
    return digest.digest()


def private(info: os.stat_result) -> bool:
    """Owned by this user, and nobody else may write to it."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_folder(directory: Path) -> bool:
    """Whether ``directory`` is a folder of this user's that nobody else may write (what the
    files kept between starts are read from: this index, ``knowledge.meaning``'s vectors).
    Raises FileNotFoundError when it does not exist, OSError when it cannot be looked at."""
    info = os.stat(directory)
    return stat.S_ISDIR(info.st_mode) and private(info)


def read_private(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is a file of this user's that nobody else may write (a
    link is not followed); None, logged, when it is another's. Raises FileNotFoundError when
    it does not exist, OSError when it cannot be read."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as file:
        if not private(os.fstat(file.fileno())):
            log.warning("%s is not private to this user: not read", path)
            return None
        return file.read()


@frozen
class IndexCache:
    """Where the index over the content of ``folders`` is kept: a file in ``directory``."""

    directory: Path
    folders: tuple[Path, ...] = ()

    @property
    def path(self) -> Path:
        """The cache file of this set of content folders."""
        scope = "\0".join(str(folder.resolve()) for folder in self.folders)
        name = hashlib.sha256(scope.encode()).hexdigest()[:16]
        return self.directory / f"knowledge-index-{name}.pickle"

    def searcher(self, entries: Sequence[Entry]) -> Searcher:
        """The index over ``entries``: read from the cache file, else built (and written)."""
        entries = tuple(entries)
        try:
            key = cache_key(entries)
        except Exception as error:  # the package's own files unreadable: build, as before
            log.warning("knowledge index cache not used: %s", error)
            return Searcher(entries)
        found = self.read(entries, key)
        if found is not None:
            return found
        built = Searcher(entries)
        self.write(built, key)
        return built

    def keep(self, searcher: Searcher, entries: Sequence[Entry]) -> None:
        """Write ``searcher``, the index over ``entries`` that this process already made for the
        same content from other folders, unless the file already holds that content's index:
        the next start on these folders reads it, as if they had built it."""
        try:
            key = cache_key(tuple(entries))
        except Exception as error:  # the package's own files unreadable: as ``searcher``
            log.warning("knowledge index cache not used: %s", error)
            return
        try:
            with self.path.open("rb") as file:
                if file.read(len(FORMAT) + _KEY_BYTES) == FORMAT + key:
                    return
        except OSError:
            pass  # no file yet (or none readable): written below, or the failure logged there
        self.write(searcher, key)

    def read(self, entries: tuple[Entry, ...], key: bytes) -> Searcher | None:
        """The cached index when the file is ours, has ``key`` and holds these entries."""
        try:
            if not private_folder(self.directory):
                log.warning("knowledge index cache not read: %s is not private to this user "
                            "(or not a folder)", self.directory)
                return None
            data = read_private(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            log.info("knowledge index cache not read: %s", error)
            return None
        if data is None or not data.startswith(FORMAT + key):
            return None  # another's file; or another content or code: built anew, written over
        return _loaded(data[len(FORMAT) + _KEY_BYTES:], entries, self.path)

    def write(self, searcher: Searcher, key: bytes) -> bool:
        """Keep ``searcher`` under ``key``, atomically; False (and logged) when it cannot be."""
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not private_folder(self.directory):
                log.warning("knowledge index cache not written: %s is not private to this "
                            "user", self.directory)
                return False
            data = FORMAT + key + pickle.dumps(searcher, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomically(self.path, data, prefix=".index-")
        except Exception as error:  # a full disk, a read-only folder, an index pickle refuses
            log.warning("knowledge index cache not written to %s: %s", self.directory, error)
            return False
        return True


def _loaded(data: bytes, entries: tuple[Entry, ...], path: Path) -> Searcher | None:
    """Unpickle a cached index; None unless it is an index over exactly ``entries``."""
    # The index is tens of thousands of small sets and dicts: with the collector off while
    # they are made, reading takes about half the time, and none of them is garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        searcher = pickle.loads(data)  # noqa: S301 - our own file in a private folder (above)
    except Exception as error:  # truncated or damaged: build anew
        log.info("knowledge index cache %s unreadable: %s", path, error)
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(searcher, Searcher) or tuple(searcher.entries.values()) != entries:
        log.info("knowledge index cache %s holds other entries", path)
        return None
    return searcher
