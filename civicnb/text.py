"""Text that civicnb will store: what it refuses (NUL, lone surrogates, Unicode
non-characters) and why, in a message that says what to do.

Used by the framework loader (framework files) and the records (participant text).
"""

from __future__ import annotations

import re

from civicnb.errors import InputError

__all__ = ["check_text", "invalid_char"]


def _bad_chars() -> re.Pattern[str]:
    ranges = ["\ud800-\udfff", "\ufdd0-\ufdef"]  # lone surrogates; non-characters
    for plane in range(17):  # U+FFFE, U+FFFF, U+1FFFE, U+1FFFF, … U+10FFFF
        ranges.append(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF))
    return re.compile("[" + "".join(ranges) + "]")


_BAD_CHAR = _bad_chars()


def invalid_char(value: str) -> str | None:
    """A description of the first character of ``value`` that is not text (a lone
    surrogate, e.g. from bytes that were not UTF-8, or a Unicode non-character), or None."""
    m = _BAD_CHAR.search(value)
    if m is None:
        return None
    return f"U+{ord(m.group()):04X} at position {m.start() + 1}"


def check_text(what: str, value: str) -> str:
    """``value`` if it is storable text: no NUL, no lone surrogate, no non-character."""
    if "\x00" in value:
        raise InputError(
            f"{what} contains a NUL character; remove it and try again",
            key="err_nul",
            values={"field": what},
        )
    m = _BAD_CHAR.search(value)
    if m is not None:
        code, position = f"U+{ord(m.group()):04X}", m.start() + 1
        # the English of the catalog's err_bad_char (civicnb/i18n/errors.py)
        raise InputError(
            f"{what} contains a character that is not valid text ({code} at position "
            f"{position}; a lone surrogate or a non-character, e.g. from a file that was "
            "not UTF-8): remove it and try again",
            key="err_bad_char",
            values={"field": what, "code": code, "position": position},
        )
    return value
