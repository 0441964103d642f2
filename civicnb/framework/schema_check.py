"""A framework file against its JSON Schema (``schema/framework.schema.json``, draft
2020-12), and the one-line message that names the first problem in the file's own
order: the place (``strands[2].pairs[0].la.text``) and what is wrong, in words a person
editing the file can act on (a misspelt key, a pattern explained)."""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from civicnb.errors import FrameworkError

__all__ = ["format_path", "kind_of", "schema", "validate_schema"]

_PACKAGE = "civicnb.framework"
_SCHEMA_FILE = "framework.schema.json"


def kind_of(value: object) -> str:
    """What a parsed value is, with its article: 'a list', 'a number'…"""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single text value"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files(_PACKAGE).joinpath("schema", _SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # imported here: ~0.1 s, custom files only

    return Draft202012Validator(schema())


def validate_schema(data: object, source: str) -> None:
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else kind_of(data)
        raise FrameworkError(f"{source}: the top level must be a mapping but it is {kind}")
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    error = min(errors, key=lambda e: (_document_order(data, e.absolute_path), _rank(e)))
    raise FrameworkError(f"{source}: {format_path(error.absolute_path)}: {_describe(error)}")


def format_path(path: Iterable[str | int]) -> str:
    """``['strands', 2, 'pairs', 0]`` → ``'strands[2].pairs[0]'``; ``'(top level)'`` if empty."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _document_order(data: object, path: Iterable[str | int]) -> tuple[int, ...]:
    """Where ``path`` is in the file: the position of each step among its siblings."""
    order: list[int] = []
    node = data
    for part in path:
        if isinstance(node, Mapping):
            keys = list(node)
            order.append(keys.index(part) if part in keys else len(keys))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            order.append(part)
            node = node[part] if part < len(node) else None
        else:
            order.append(0)
            node = None
    return tuple(order)


_RANK = {"type": 0, "required": 1, "additionalProperties": 2}


def _rank(error: Any) -> int:
    return _RANK.get(error.validator, 3)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping (key: value pairs)",
    "array": "a list",
    "boolean": "true or false",
}


_PATTERN_HINTS = {
    "^[a-z][a-z0-9_-]{0,63}$": "use lower-case letters, digits, '_' or '-', starting with a "
    "letter (at most 64 characters)",
    "^[a-z][a-z0-9_]{0,63}$": "use lower-case letters, digits or '_', starting with a letter "
    "(at most 64 characters)",
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$": "a version is three numbers "
    "MAJOR.MINOR.PATCH, e.g. '1.0.0'",
    "^(?:[1-9][0-9]{0,2}|[IVXLC]{1,12})$": "LA questions are numbered in arabic numerals "
    "('1', '2' …), CSO questions in roman numerals ('I', 'II' …)",
}


def _misspelling_hint(error: Any) -> str:
    """For a missing key: the unexpected key next to it that looks like a misspelling."""
    missing = error.message.split("'")[1] if error.message.count("'") >= 2 else ""
    known = error.schema.get("properties", {})
    unexpected = [k for k in error.instance if isinstance(k, str) and k not in known]
    close = difflib.get_close_matches(missing, unexpected, n=1, cutoff=0.6)
    return f" (found {close[0]!r}: is it misspelt?)" if close else ""


def _describe(error: Any) -> str:
    """A short, one-line description of a jsonschema error."""
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "required":
        return str(error.message) + _misspelling_hint(error)
    if kind == "additionalProperties":
        return str(error.message)
    if kind == "type":
        expected = _TYPE_NAMES.get(value, str(value)) if isinstance(value, str) else str(value)
        message = f"{_short(instance)} is not of type {value!r}: it must be {expected}"
        if value == "string" and isinstance(instance, int | float):
            message += " (put it in quotes)"
        return message
    if kind == "pattern":
        if value == "\\S":
            return "must not be empty"
        hint = _PATTERN_HINTS.get(value)
        if hint:
            return f"{_short(instance)} is not valid: {hint}"
        return f"{_short(instance)} does not match the pattern {value!r}"
    if kind == "minItems":
        return f"has {len(instance)} item(s); at least {value} required"
    if kind == "maxItems":
        return f"has {len(instance)} item(s); at most {value} allowed"
    if kind == "maxLength":
        return f"is {len(instance):,} characters long; at most {value:,} allowed"
    if kind == "enum":
        return f"{_short(instance)} is not one of {', '.join(map(repr, value))}"
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return f"{_short(instance)} is out of range: it must be {bound} {value}"
    message = str(error.message)
    return message if len(message) <= 160 else message[:159] + "…"


# --- building the Framework (and the checks a schema cannot make) ---------------------
