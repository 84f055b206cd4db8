"""The one Jinja2 environment every message's words come from."""

from __future__ import annotations

import threading

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache


class _SharedBytecode(BytecodeCache):
    """Compiled templates kept in this process and shared by every environment
    ``make_templates`` builds (they all have the same settings), so a second environment
    (each app, CLI command or test builds one) does not compile the templates again. Jinja
    checks each template's source checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        with self._lock:
            self._compiled[bucket.key] = data


_BYTECODE = _SharedBytecode()


def make_templates() -> Environment:
    """Build the template environment (autoescape for HTML, trimmed blocks, strict names)."""
    environment = Environment(
        loader=PackageLoader("bot", "templates"),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        bytecode_cache=_BYTECODE,
    )
    environment.filters["thousands"] = lambda number: f"{int(number):,}"
    # Words a person typed, quoted as Python quotes them ('x', or "it's").
    environment.filters["repr"] = repr
    return environment


def render(environment: Environment, template: str, /, **data: object) -> str:
    """Render one template to text with surrounding blank space removed."""
    return environment.get_template(template).render(**data).strip()
