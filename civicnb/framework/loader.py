"""Load and validate framework files: the built-in editions and custom YAML/JSON files.

A framework file is checked in three steps, and the first problem found is reported as
one line naming the file, the place within it and what is wrong::

    custom.yaml: strands[2].pairs[0].la.text: 'es' is a required property

1. reading: the file exists, is at most 2 MB, is UTF-8 and is well-formed YAML or JSON
   whose top level is a mapping (YAML aliases are refused: a framework file never needs
   them and they can make a small file expand enormously);
2. the JSON Schema ``schema/framework.schema.json`` (draft 2020-12);
3. what a schema cannot say: strands I to VI in order, scale values 1 to 5 in order,
   checklist pairs numbered 1, 2, 3… across the strands (LA question n, CSO question n in
   roman numerals, no number used twice), unique group and element ids.

The built-in editions ship inside the package (read with :mod:`importlib.resources`, so
they work from an installed wheel), are cached, and skip step 2 at run time: the test
suite validates them against the schema.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from civicnb.errors import FrameworkError, did_you_mean
from civicnb.framework.model import (
    Attribution,
    Element,
    ElementGroup,
    Framework,
    Pair,
    Question,
    ScaleLevel,
    Side,
    Strand,
    StrandEasyRead,
    StrandGroup,
    Text,
)
from civicnb.framework.schema_check import format_path, kind_of, schema, validate_schema

__all__ = [
    "BUILTIN_EDITIONS",
    "MAX_FILE_BYTES",
    "builtin_editions",
    "framework_from_dict",
    "framework_schema",
    "load_framework",
    "roman",
    "validate_framework_file",
]

BUILTIN_EDITIONS: tuple[str, ...] = ("pamphlet", "blog")
"""The editions shipped with civicnb; the first is the default."""

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest framework file accepted (2 MB)."""

STRAND_IDS = ("I", "II", "III", "IV", "V", "VI")

_PACKAGE = "civicnb.framework"

PathLike = str | os.PathLike[str]


# --- public API -----------------------------------------------------------------------


def builtin_editions() -> tuple[str, ...]:
    """The ids of the built-in editions: ``('pamphlet', 'blog')``."""
    return BUILTIN_EDITIONS


def load_framework(edition_or_path: PathLike) -> Framework:
    """A built-in edition by id (``'pamphlet'``, ``'blog'``) or a framework file by path.

    Files ending in ``.json`` are read as JSON, any other file as YAML. Built-in editions
    are cached: loading one again returns the same object. Raises
    :class:`~civicnb.errors.FrameworkError` (one line) when the edition is unknown or the
    file is missing, unreadable or invalid.
    """
    if isinstance(edition_or_path, str) and edition_or_path in BUILTIN_EDITIONS:
        return _load_builtin(edition_or_path)
    path = Path(edition_or_path)
    if (
        isinstance(edition_or_path, str)
        and not path.suffix
        and len(path.parts) == 1
        and not path.exists()
    ):
        msg = f"no framework edition named {edition_or_path!r}"
        suggestion = did_you_mean(edition_or_path, BUILTIN_EDITIONS)
        if suggestion:
            msg += f"; did you mean {suggestion!r}?"
        msg += f" (built-in editions: {', '.join(BUILTIN_EDITIONS)}; or give the path of a"
        msg += " .yaml or .json framework file)"
        raise FrameworkError(msg)
    return _load_path(path)


def validate_framework_file(path: PathLike) -> Framework:
    """Read and validate a framework file; the :class:`Framework` it defines.

    The same as :func:`load_framework` with a path (a file named like a built-in edition
    is still read from disk).
    """
    return _load_path(Path(path))


def framework_from_dict(data: object, source: str = "<framework>") -> Framework:
    """Validate already-parsed framework data (e.g. from JSON) and build the Framework.

    ``source`` names the data in error messages.
    """
    try:
        _check_chars(data, source, [])
    except RecursionError:
        raise FrameworkError(f"{source}: the framework is nested too deeply") from None
    validate_schema(data, source)
    assert isinstance(data, Mapping)  # guaranteed by the schema
    return _build(data, source)


def _check_chars(data: object, source: str, path: list[str | int]) -> None:
    """Every string (key or value) is storable text: no lone surrogate, no non-character."""
    from civicnb.text import invalid_char

    def bad(text: str, where: list[str | int]) -> None:
        found = invalid_char(text)
        if found is not None:
            raise _fail(
                source,
                where,
                f"contains a character that is not valid text ({found}; a lone surrogate or "
                "a non-character): remove it",
            )

    if isinstance(data, str):
        bad(data, path)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            if isinstance(key, str):
                bad(key, path)
            _check_chars(value, source, [*path, str(key)])
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _check_chars(value, source, [*path, i])


def framework_schema() -> dict[str, Any]:
    """The framework JSON Schema (draft 2020-12), as a fresh dict."""
    return copy.deepcopy(schema())


def roman(n: int) -> str:
    """``n`` (1 to 3999) in roman numerals: 1 → 'I', 14 → 'XIV'."""
    if not 1 <= n <= 3999:
        raise ValueError(f"no roman numeral for {n}")
    out = []
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


# --- reading --------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _load_builtin(edition: str) -> Framework:
    resource = resources.files(_PACKAGE).joinpath("editions", f"{edition}.yaml")
    source = f"{edition}.yaml (built-in edition)"
    data = _parse(resource.read_bytes(), source, json_file=False, trusted=True)
    return _build(data, source)


def _load_path(path: Path) -> Framework:
    from civicnb.files import read_user_file

    source = str(path)
    raw = read_user_file(
        path,
        limit=MAX_FILE_BYTES,
        error=FrameworkError,
        too_big=lambda size: (
            f"{source}: the file is {size:,} bytes; a framework file may be at most "
            f"{MAX_FILE_BYTES:,} bytes (2 MB)"
        ),
    )
    data = _parse(raw, source, json_file=path.suffix.lower() == ".json")
    return framework_from_dict(data, source)


_FastSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases (``*name``), for files from outside."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise _AliasFound(mark.line + 1)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _parse(raw: bytes, source: str, *, json_file: bool, trusted: bool = False) -> dict[str, Any]:
    """Bytes → the mapping at the top of the file, or a FrameworkError.

    ``trusted`` (the built-in editions) reads YAML with the fast C loader, aliases allowed.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrameworkError(
            f"{source}: line {line}: the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
            f"offset {exc.start}); save it as UTF-8 and try again"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise FrameworkError(f"{source}: the file contains NUL characters; is it a text file?")
    try:
        if json_file:
            data = json.loads(text)
        elif trusted:
            data = yaml.load(text, Loader=_FastSafeLoader)  # a safe loader (C)
        else:
            data = _load_yaml(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(f"{source}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
    except _AliasFound as exc:
        raise FrameworkError(
            f"{source}: line {exc.line}: YAML aliases (*name) are not allowed in framework "
            "files; write the value out in full"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = exc.problem or exc.context or "syntax error"
        raise FrameworkError(f"{source}: {where}not valid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise FrameworkError(f"{source}: not valid YAML: {exc}") from None
    except RecursionError:
        raise FrameworkError(f"{source}: the file is nested too deeply") from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else kind_of(data)
        raise FrameworkError(
            f"{source}: the top level must be a mapping of keys (id, version, title, …) "
            f"but the file is {kind}"
        )
    return data


def _load_yaml(text: str) -> Any:
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _fail(source: str, path: Sequence[str | int], message: str) -> FrameworkError:
    return FrameworkError(f"{source}: {format_path(path)}: {message}")


def _text(data: Mapping[str, Any]) -> Text:
    return Text(**{lang: text for lang, text in data.items()})


def _opt_text(data: Mapping[str, Any] | None) -> Text | None:
    return None if data is None else _text(data)


def _strand_easy_read(data: Mapping[str, Any] | None) -> StrandEasyRead | None:
    if data is None:
        return None
    return StrandEasyRead(
        title=_text(data["title"]),
        guiding_question=_text(data["guiding_question"]),
        summary=_text(data["summary"]),
    )


def _group(data: Mapping[str, Any], source: str, path: list[str | int]) -> ElementGroup:
    elements: list[Element] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(data["elements"]):
        if e["id"] in seen:
            raise _fail(
                source,
                [*path, "elements", i, "id"],
                f"duplicate element id {e['id']!r} (also at "
                f"{format_path([*path, 'elements', seen[e['id']], 'id'])})",
            )
        seen[e["id"]] = i
        elements.append(
            Element(
                id=e["id"],
                title=_text(e["title"]),
                summary=_text(e["summary"]),
                test=_opt_text(e.get("test")),
            )
        )
    return ElementGroup(id=data["id"], title=_text(data["title"]), elements=tuple(elements))


def _check_numbers(data: Mapping[str, Any], source: str) -> None:
    """Question numbers: none used twice, then 1, 2, 3… / I, II, III… in pair order."""
    for side in ("la", "cso"):
        seen: dict[str, list[str | int]] = {}
        for s, strand in enumerate(data["strands"]):
            for p, pair in enumerate(strand.get("pairs", ())):
                number = pair[side]["number"]
                path: list[str | int] = ["strands", s, "pairs", p, side, "number"]
                if number in seen:
                    raise _fail(
                        source,
                        path,
                        f"duplicate question number {number!r} (also at "
                        f"{format_path(seen[number])})",
                    )
                seen[number] = path
    n = 0
    for s, strand in enumerate(data["strands"]):
        for p, pair in enumerate(strand.get("pairs", ())):
            n += 1
            for side, expected, style in (("la", str(n), "arabic"), ("cso", roman(n), "roman")):
                number = pair[side]["number"]
                if number != expected:
                    raise _fail(
                        source,
                        ["strands", s, "pairs", p, side, "number"],
                        f"expected {expected!r} but found {number!r}: pairs are numbered "
                        f"consecutively from 1 across the strands, {side.upper()} questions "
                        f"in {style} numerals",
                    )


def _build(data: Mapping[str, Any], source: str) -> Framework:
    """Build the Framework from schema-valid data, checking what the schema cannot."""
    for i, level in enumerate(data["scale"]):
        if level["value"] != i + 1:
            raise _fail(
                source,
                ["scale", i, "value"],
                f"expected {i + 1} but found {level['value']!r}: the scale lists the values "
                "1 to 5 in order",
            )
    for i, strand in enumerate(data["strands"]):
        if strand["id"] != STRAND_IDS[i]:
            raise _fail(
                source,
                ["strands", i, "id"],
                f"expected {STRAND_IDS[i]!r} but found {strand['id']!r}: the strands are I "
                "to VI, in order",
            )
        if strand["number"] != i + 1:
            raise _fail(
                source,
                ["strands", i, "number"],
                f"expected {i + 1} but found {strand['number']!r}: strand {strand['id']} "
                f"has number {i + 1}",
            )
    _check_numbers(data, source)

    group_paths: dict[str, list[str | int]] = {}

    def group(gdata: Mapping[str, Any], path: list[str | int]) -> ElementGroup:
        gid = gdata["id"]
        if gid in group_paths:
            raise _fail(
                source,
                [*path, "id"],
                f"duplicate element group id {gid!r} (also at "
                f"{format_path([*group_paths[gid], 'id'])})",
            )
        group_paths[gid] = path
        return _group(gdata, source, path)

    well_being = None
    if data.get("well_being") is not None:
        well_being = group(data["well_being"], ["well_being"])

    strands: list[Strand] = []
    n = 0
    for s, sdata in enumerate(data["strands"]):
        groups = tuple(
            group(g, ["strands", s, "element_groups", gi])
            for gi, g in enumerate(sdata.get("element_groups", ()))
        )
        pairs: list[Pair] = []
        for pdata in sdata.get("pairs", ()):
            n += 1
            pair_id = f"P{n:02d}"
            la = Question(
                id=f"LA-{n:02d}",
                number=pdata["la"]["number"],
                side=Side.LA,
                pair_id=pair_id,
                strand_id=sdata["id"],
                text=_text(pdata["la"]["text"]),
                easy_read=_opt_text(pdata["la"].get("easy_read")),
                short=_opt_text(pdata["la"].get("short")),
            )
            cso = Question(
                id=f"CSO-{roman(n)}",
                number=pdata["cso"]["number"],
                side=Side.CSO,
                pair_id=pair_id,
                strand_id=sdata["id"],
                text=_text(pdata["cso"]["text"]),
                easy_read=_opt_text(pdata["cso"].get("easy_read")),
                short=_opt_text(pdata["cso"].get("short")),
            )
            pairs.append(Pair(id=pair_id, number=n, strand_id=sdata["id"], la=la, cso=cso))
        strands.append(
            Strand(
                id=sdata["id"],
                number=sdata["number"],
                title=_text(sdata["title"]),
                guiding_question=_text(sdata["guiding_question"]),
                summary=_text(sdata["summary"]),
                element_groups=groups,
                pairs=tuple(pairs),
                easy_read=_strand_easy_read(sdata.get("easy_read")),
            )
        )

    a = data["attribution"]
    attribution = Attribution(
        author=a["author"],
        title=a["title"],
        year=a["year"],
        publisher=a["publisher"],
        url=a.get("url", ""),
        note=_opt_text(a.get("note")),
    )
    return Framework(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        attribution=attribution,
        strands=tuple(strands),
        scale=tuple(
            ScaleLevel(
                value=lv["value"],
                label=_text(lv["label"]),
                easy_read=_opt_text(lv.get("easy_read")),
            )
            for lv in data["scale"]
        ),
        dont_know=_text(data["dont_know"]),
        well_being=well_being,
        strand_groups=_strand_groups(data.get("strand_groups", ()), source),
    )


def _strand_groups(items: Any, source: str) -> tuple[StrandGroup, ...]:
    """The optional grouping of the strands: known ids, each strand in one group at most."""
    seen: dict[str, list[str | int]] = {}
    ids: dict[str, int] = {}
    groups = []
    for g, gdata in enumerate(items):
        if gdata["id"] in ids:
            raise _fail(
                source,
                ["strand_groups", g, "id"],
                f"duplicate strand group id {gdata['id']!r} (also at "
                f"{format_path(['strand_groups', ids[gdata['id']], 'id'])})",
            )
        ids[gdata["id"]] = g
        for i, sid in enumerate(gdata["strands"]):
            path: list[str | int] = ["strand_groups", g, "strands", i]
            if sid in seen:
                raise _fail(
                    source,
                    path,
                    f"strand {sid} is already in a group (at {format_path(seen[sid])}); "
                    "list each strand in one group at most",
                )
            seen[sid] = path
        groups.append(
            StrandGroup(
                id=gdata["id"],
                title=_text(gdata["title"]),
                strand_ids=tuple(gdata["strands"]),
                easy_read=_opt_text(gdata.get("easy_read")),
            )
        )
    return tuple(groups)
