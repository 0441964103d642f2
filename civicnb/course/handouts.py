"""Printable handouts: each executed course module as one print-friendly HTML file.

Rendered with nbconvert and the civicnb handout template
(``templates/nbconvert/civicnb-handout``): no code, no prompts, nothing loaded from the
network, ``<html lang>`` of the course language, a print stylesheet (A4, ruled space for
the reflection). A module executed without a front-end shows each exercise as its
question, its evidence and its choices with boxes to tick, so the handout works on
paper. The trainer's guide (Markdown) is rendered the same way.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from civicnb.course.names import HANDOUTS_TITLE
from civicnb.errors import InputError
from civicnb.i18n import LANGUAGES

__all__ = ["render_handout", "render_handouts", "render_markdown_handout"]

TEMPLATE = "civicnb-handout"


def _exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter

    from civicnb.assets import template_dir

    exporter: Any = HTMLExporter
    return exporter(
        extra_template_basedirs=[str(template_dir() / "nbconvert")],
        template_name=TEMPLATE,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )


def _title(nb: Any, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in str(cell.source).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _render(nb: Any, out: Path, lang: str, title: str) -> Path:
    nb.metadata["title"] = title
    body, _ = _exporter(lang).from_notebook_node(nb)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def render_handout(notebook: str | Path, out: str | Path | None = None, lang: str = "es") -> Path:
    """One module (an executed notebook) as a handout; ``out`` defaults to the notebook's
    name with ``.html``."""
    import nbformat

    if lang not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(sorted(LANGUAGES))} (got {lang!r})")
    src = Path(notebook)
    read: Any = nbformat.read
    nb: Any = read(src, as_version=4)
    target = Path(out) if out is not None else src.with_suffix(".html")
    return _render(nb, target, lang, _title(nb, src.stem))


def render_markdown_handout(markdown: str | Path, out: str | Path, lang: str = "es") -> Path:
    """A Markdown document (the trainer's guide) as a handout."""
    import nbformat

    text = Path(markdown).read_text(encoding="utf-8")
    v4: Any = nbformat.v4
    nb: Any = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell(text)]
    return _render(nb, Path(out), lang, _title(nb, Path(markdown).stem))


def render_handouts(
    notebooks: Iterable[str | Path], out_dir: str | Path, lang: str = "es"
) -> list[Path]:
    """Every module as a handout in ``out_dir``, and an ``index.html`` listing them."""
    target = Path(out_dir)
    done = [render_handout(nb, target / f"{Path(nb).stem}.html", lang) for nb in notebooks]
    write_index(done, target / "index.html", lang)
    return done


def write_index(handouts: Sequence[Path], out: Path, lang: str) -> Path:
    """A plain page linking the handouts (relative links, nothing from the network)."""
    title = HANDOUTS_TITLE[lang]
    items = []
    for p in handouts:
        head = p.stem
        text = p.read_text(encoding="utf-8")
        start, end = text.find("<title>"), text.find("</title>")
        if start >= 0 and end > start:
            head = html.unescape(text[start + 7 : end]).strip() or head
        rel = p.relative_to(out.parent).as_posix() if p.is_relative_to(out.parent) else p.name
        items.append(f'<li><a href="{html.escape(rel, quote=True)}">{html.escape(head)}</a></li>')
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5;color:#111827}a{color:#1d4ed8}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1><ul>{''.join(items)}</ul></main></body></html>\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
