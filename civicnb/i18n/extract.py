"""The Babel extraction method for civicnb's message tables.

civicnb's English words are dictionaries of ``"key": "English text"`` in
``civicnb/i18n/*.py``; the catalogs hold them as ``msgctxt`` (the key) and ``msgid`` (the
English), so a translator sees the English and the key that says where it is used.
``babel.cfg`` maps these modules to this method and ``make catalogs`` runs
``pybabel extract`` with it. A comment line just above an entry (``# ...``) reaches the
translator as an extracted comment.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["extract_messages", "message_tables"]


def message_tables(source: str) -> Iterator[tuple[int, str, str]]:
    """``(line, key, English)`` for every entry of every ``*MESSAGES`` dictionary
    literal assigned at the top of ``source``."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            target: ast.expr = node.targets[0]
        elif isinstance(node, ast.AnnAssign):
            target = node.target
        else:
            continue
        if not (isinstance(target, ast.Name) and target.id.endswith("MESSAGES")):
            continue
        if not isinstance(node.value, ast.Dict):
            continue
        for key, value in zip(node.value.keys, node.value.values, strict=True):
            if (
                isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
            ):
                yield key.lineno, key.value, value.value


def extract_messages(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel's extraction-method signature: each entry as a ``pgettext(key, English)``
    call, with the comment line above it (if any) for the translator."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    lines = source.splitlines()
    for lineno, key, english in message_tables(source):
        above = lines[lineno - 2].strip() if lineno >= 2 else ""
        comments = [above.lstrip("#").strip()] if above.startswith("#") else []
        yield lineno, "pgettext", (key, english), comments
