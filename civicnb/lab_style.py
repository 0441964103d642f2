"""civicnb's page style for its widgets inside JupyterLab.

In Voilà, civicnb's template loads ``civicnb.css``, whose rules are scoped to
``body.civicnb`` (and whose ``:root`` sets the colours, fonts and sizes of the page and
its widgets). Inside JupyterLab there is no such body: the same rules, scoped to the
output area a civicnb page is shown in (the class :data:`LAB_SCOPE`, which the page's
front-end sets), keep links looking like links, buttons wide enough for their labels,
44px targets and the focus ring, without restyling Lab itself. :func:`lab_stylesheet`
derives that stylesheet from ``civicnb.css`` (one source for both):

* ``body.civicnb X`` becomes ``.civicnb-in-lab X``; ``:root`` and ``html`` (the whole
  page) are dropped from selector lists, and rules left with no selector go;
* other selectors are civicnb's own classes (``.civicnb-…``) and stay; ``@media`` blocks
  are rewritten inside, ``@keyframes`` kept as they are.

>>> css = lab_stylesheet()
>>> ".civicnb-in-lab .civicnb-nav a" in css and ":root" not in css and "body." not in css
True
"""

from __future__ import annotations

import re
from functools import cache

from civicnb.assets import voila_template_dir

__all__ = ["LAB_SCOPE", "lab_stylesheet", "rescope"]

LAB_SCOPE = "civicnb-in-lab"
"""The class of the element a civicnb page is shown in, inside JupyterLab."""

_PAGE = re.compile(r"^body\.civicnb\b")
_WHOLE_PAGE = {":root", "html", "body"}


def _selector(selector: str) -> str | None:
    s = " ".join(selector.split())
    if s in _WHOLE_PAGE or s.startswith(("html ", "body ", ":root ")):
        return None
    if _PAGE.match(s):
        return f".{LAB_SCOPE}" + s[len("body.civicnb") :]
    return s


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, body)`` pairs of ``css`` (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[tuple[str, str]] = []
    i, n = 0, len(css)
    while i < n:
        start = css.find("{", i)
        if start < 0:
            break
        depth, j = 1, start + 1
        while j < n and depth:
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
            j += 1
        out.append((css[i:start].strip(), css[start + 1 : j - 1]))
        i = j
    return out


def rescope(css: str) -> str:
    """``css`` (civicnb's page stylesheet) scoped to :data:`LAB_SCOPE`."""
    parts: list[str] = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = rescope(body)
            if inner.strip():
                parts.append(f"{prelude} {{\n{inner}}}\n")
        elif prelude.startswith("@"):
            parts.append(f"{prelude} {{{body}}}\n")
        else:
            kept = [s for s in (_selector(x) for x in prelude.split(",")) if s]
            if kept:
                parts.append(f"{', '.join(kept)} {{{body}}}\n")
    return "".join(parts)


@cache
def lab_stylesheet() -> str:
    """civicnb's page stylesheet for JupyterLab (see the module's documentation)."""
    path = voila_template_dir() / "static" / "civicnb.css"
    return rescope(path.read_text(encoding="utf-8"))
