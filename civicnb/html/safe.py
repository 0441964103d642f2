"""Showing participant text safely.

Hard rule: participant text is data, never markup. On this stack
``widgets.HTML(user_text)`` and ``display(HTML(user_text))`` *run script* in the
browser (an ``<img onerror>`` payload executed). So participant text is shown only

* with ``ipywidgets.Label(value=text)`` (the front-end sets it as text), or
* inside ``ipywidgets.HTML`` *after* escaping it with :func:`text_html` (or
  :func:`html_escape`), building markup only from our own constants, or
* in our own anywidget ES modules, with ``textContent`` (never ``innerHTML``).

:class:`SafeHTML` makes the escaping hard to forget: it holds markup that is known to
be safe, and its helpers escape every value interpolated into it.

>>> text_html("<b>Tom & Jerry</b>\\nline 2")
'&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;<br>\\nline 2'
>>> str(SafeHTML.build("<p>{}</p>", "<script>x</script>"))
'<p>&lt;script&gt;x&lt;/script&gt;</p>'

This module does no Jupyter imports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["SafeHTML", "html_escape", "markdown_text", "scroll_region", "text_html"]

_NEWLINES = re.compile(r"\r\n|\r|\n")
# every ASCII punctuation character: CommonMark lets each be escaped with a backslash
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def html_escape(text: object) -> str:
    """``text`` as HTML text: ``& < > " '`` escaped. ``None`` becomes ``''``."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True)


def markdown_text(text: object) -> str:
    """``text`` as Markdown text, on one line: it shows as written, nothing in it is
    markup.

    Every ASCII punctuation character is escaped with a backslash, which CommonMark
    renderers (mistune in nbconvert, marked in JupyterLab) show as the character itself:
    ``<script>`` stays text, ``*`` no emphasis, ``#`` no heading, ``&`` and ``'`` as
    themselves (an HTML entity such as ``&#x27;`` would be escaped a second time and
    shown literally). Line breaks and other whitespace become single spaces (a line break
    would end a heading or a list item), C0 control characters are dropped.

    >>> print(markdown_text("Women's <b>*group*</b> & #1"))
    Women\\'s \\<b\\>\\*group\\*\\<\\/b\\> \\& \\#1
    """
    s = "" if text is None else str(text)
    s = " ".join("".join(ch for ch in s if ch.isspace() or ord(ch) >= 0x20).split())
    return _MD_PUNCTUATION.sub(r"\\\1", s)


def scroll_region(label: str, markup: str) -> str:
    """``markup`` (a table) in a region that scrolls sideways when the screen is too
    narrow for it, instead of the page scrolling or the words breaking. The region is
    named ``label`` for screen readers and takes the keyboard's focus, so that it can be
    scrolled without a mouse (WCAG 2.1.1)."""
    return (
        f'<div class="civicnb-scroll" role="region" tabindex="0" '
        f'aria-label="{html_escape(label)}">{markup}</div>'
    )


def text_html(text: object) -> str:
    """``text`` as HTML text, with line breaks kept as ``<br>``.

    Use it for multi-line participant text (evidence notes, harvest notes…) shown in
    an ``ipywidgets.HTML``. NUL and other C0 control characters except tab and
    newline are dropped (they have no business in HTML and confuse some readers).
    """
    s = "" if text is None else str(text)
    s = "".join(ch for ch in s if ch in "\t\n\r" or ord(ch) >= 0x20)
    return _NEWLINES.sub("<br>\n", html.escape(s, quote=True))


class SafeHTML(str):
    """A string of HTML known to be safe to insert as markup.

    Build it only from our own markup templates; everything interpolated goes through
    :meth:`build` (or :func:`text_html`), which escapes it unless it is itself a
    ``SafeHTML``.
    """

    __slots__ = ()

    @classmethod
    def build(cls, template: str, /, *args: object, **kwargs: object) -> SafeHTML:
        """``template.format(...)`` with every argument escaped (multi-line text keeps
        its line breaks). ``template`` itself must be our own constant markup."""
        esc_args = [_escape_value(a) for a in args]
        esc_kwargs = {k: _escape_value(v) for k, v in kwargs.items()}
        return cls(template.format(*esc_args, **esc_kwargs))

    @classmethod
    def text(cls, text: object) -> SafeHTML:
        """Plain text as safe HTML (escaped, newlines as ``<br>``)."""
        return cls(text_html(text))

    @classmethod
    def concat(cls, parts: Iterable[object], sep: str = "") -> SafeHTML:
        """Join fragments; parts that are not ``SafeHTML`` are escaped."""
        return cls(sep.join(_escape_value(p) for p in parts))

    def __html__(self) -> str:  # Jinja / MarkupSafe protocol
        return str(self)


def _escape_value(value: object) -> str:
    if isinstance(value, SafeHTML):
        return str(value)
    return text_html(value)
