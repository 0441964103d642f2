"""The people's writing in a report notebook, kept when the report is run again.

``notebooks/report.ipynb`` has two kinds of cells. **Data cells** (code: ``report.strand("I")``
…) belong to civicnb: every run of ``civicnb report`` executes them afresh from the
template. **Narrative cells** (markdown, tagged :data:`NARRATIVE_TAG`, with the fixed cell
ids of :data:`NARRATIVE_CELLS`: after the summary, after each strand, and a closing one)
belong to the people who write the report, alone or together in JupyterLab with
jupyter-collaboration (docs/writing-group.md).

When a report is run again, :func:`keep_writing` carries into the newly executed notebook:

* every narrative cell of the earlier notebook, matched by its cell id (its text, its
  attachments and its metadata, the tag put back if it was lost);
* every cell people **added** (a cell id that is not in the template), at the same place:
  after the same template cell. An added code cell keeps its source; its outputs are
  cleared (civicnb does not run it: its old outputs would show the old data).

People's edits to data cells are **not** kept (the data cells are the template's, run
again), nor are data cells they deleted kept deleted (they come back). A narrative cell
they deleted comes back with its prompt.

Same round: the earlier notebook is the round's own report, and the text is carried as
it is. New round: it is the locality's report of the most recent earlier round that has
one; each narrative cell with people's text, and each added markdown cell, is carried
with a first line saying where it comes from (:func:`carried_note`, in the report's
language), for the writers to update the text and delete that line; the cell's metadata
says so too (``civicnb.carried_from``). The note is not stacked: a cell carried again
loses its earlier note first.

A narrative cell that still holds its prompt (nobody wrote in it) shows the prompt in the
report's language in the notebook (:func:`localize_prompts`; the template holds it in
both languages, as written before a language is chosen) and is left out of the HTML and
PDF (:func:`is_prompt`).

Pure nbformat (no kernel, no Jupyter server): tested in ``tests/fast/test_narrative.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.i18n import LANGUAGES, t

__all__ = [
    "CARRIED_KEY",
    "NARRATIVE_CELLS",
    "NARRATIVE_TAG",
    "KeptWriting",
    "PreviousNotebook",
    "carried_note",
    "escape_raw_html",
    "is_narrative",
    "is_prompt",
    "keep_writing",
    "localize_prompts",
    "prompt",
    "read_previous",
    "template_source",
]

NARRATIVE_TAG = "civicnb-narrative"
"""The tag of the narrative cells (in ``cell.metadata.tags``)."""

CARRIED_KEY = "carried_from"
"""``cell.metadata.civicnb.carried_from``: the round label a carried cell comes from."""

_STRANDS = ("I", "II", "III", "IV", "V", "VI")

NARRATIVE_CELLS: dict[str, tuple[str, dict[str, str]]] = {
    "narrative-summary": ("narr_summary", {}),
    **{f"narrative-strand-{s}": ("narr_strand", {"n": s}) for s in _STRANDS},
    "narrative-closing": ("narr_closing", {}),
}
"""The template's narrative cells: cell id -> (message key, its values)."""

_INJECTED = "injected-parameters"  # papermill's cell: a new id on every run
_PAPERMILL = "papermill"  # papermill's metadata of a cell's run


def prompt(cell_id: str, lang: str) -> str:
    """The placeholder of a narrative cell in one language (markdown, in italics)."""
    key, values = NARRATIVE_CELLS[cell_id]
    return f"*{t(key, lang, **values)}*"


def template_source(cell_id: str) -> str:
    """The placeholder as written in the template: every language, one paragraph each
    (a language whose catalog lacks the prompt, which would repeat the English, once)."""
    return "\n\n".join(dict.fromkeys(prompt(cell_id, lang) for lang in LANGUAGES))


def _tags(cell: Any) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return list(tags) if isinstance(tags, list) else []


def is_narrative(cell: Any) -> bool:
    """A narrative cell of the template (by its id) or one tagged as such."""
    return cell.get("cell_type") == "markdown" and (
        cell.get("id") in NARRATIVE_CELLS or NARRATIVE_TAG in _tags(cell)
    )


def _prompts(cell_id: str) -> set[str]:
    return {prompt(cell_id, lang).strip() for lang in LANGUAGES}


def is_prompt(cell: Any) -> bool:
    """A narrative cell nobody has written in: it holds its prompt (in any language)."""
    cell_id = cell.get("id")
    if cell.get("cell_type") != "markdown" or cell_id not in NARRATIVE_CELLS:
        return False
    # the prompt in one language, or the template's (or an older template's, written
    # when civicnb had fewer languages): paragraphs that are all prompts
    paragraphs = [p.strip() for p in _source(cell).strip().split("\n\n") if p.strip()]
    return bool(paragraphs) and set(paragraphs) <= _prompts(cell_id)


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def localize_prompts(nb: Any, lang: str) -> None:
    """The prompts of the unwritten narrative cells in the report's language."""
    for cell in nb.cells:
        if is_prompt(cell):
            cell.source = prompt(cell.id, lang)


def carried_note(label: str, lang: str) -> str:
    """The first line of a cell carried from the report of an earlier round."""
    return f"> *{t('narr_carried', lang, label=label)}*"


_NOTE_LINE = re.compile(r"\A> \*[^\n]*\*[ \t]*\n(?:[ \t]*\n)?")


def _without_note(cell: Any) -> str:
    """The cell's text without the note of an earlier carrying (if it is still there)."""
    src = _source(cell)
    meta = cell.get("metadata", {}).get("civicnb", {})
    if isinstance(meta, dict) and meta.get(CARRIED_KEY):
        return _NOTE_LINE.sub("", src, count=1)
    return src


@dataclass(frozen=True)
class KeptWriting:
    """What :func:`keep_writing` carried: narrative cells by id, cells people added."""

    narrative: tuple[str, ...] = ()
    added: int = 0

    def __bool__(self) -> bool:
        return bool(self.narrative or self.added)


def _is_added(cell: Any, template_ids: set[str]) -> bool:
    return cell.get("id") not in template_ids and _INJECTED not in _tags(cell)


def keep_writing(
    new: Any, old: Any, *, carried_from: str | None = None, lang: str = "en"
) -> KeptWriting:
    """Carry the people's writing of ``old`` (an earlier notebook) into ``new`` (the one
    just executed from the template), in place. ``carried_from``: the round label of
    ``old`` when it is another round's report (the carried text is marked), ``None``
    when it is this round's. See the module's docs."""
    new_ids = {c.get("id") for c in new.cells}
    template_ids = {c.get("id") for c in new.cells if _INJECTED not in _tags(c)}
    by_id = {c.get("id"): c for c in new.cells}
    kept: list[str] = []
    after: dict[str | None, list[Any]] = {}  # template cell id (None: the top) -> added
    anchor: str | None = None
    # papermill's run metadata of a markdown cell of this run (when papermill has not
    # finished yet, as in civicnb batch's ``finish``, every cell needs it)
    run_meta = next(
        (c.metadata.get(_PAPERMILL) for c in new.cells if c.cell_type == "markdown"), None
    )
    for cell in old.cells:
        cell_id = cell.get("id")
        if cell_id in template_ids:
            anchor = cell_id
            target = by_id[cell_id]
            if is_narrative(target) and cell.get("cell_type") == "markdown":
                if is_prompt(cell):
                    continue  # nothing written: the new prompt stays
                _carry_into(target, cell, carried_from, lang)
                kept.append(cell_id)
            continue  # a data cell (or other template cell): the template's, run again
        if not _is_added(cell, template_ids):
            continue
        added = copy.deepcopy(cell)
        if added.get("cell_type") == "code":
            added["outputs"] = []
            added["execution_count"] = None
        elif added.get("cell_type") == "markdown" and carried_from is not None:
            _mark(added, _without_note(cell), carried_from, lang)
        _run_metadata(added, run_meta)
        if not cell_id or cell_id in new_ids:  # papermill's new id, or none (nbformat 4.4)
            added["id"] = uuid.uuid4().hex[:8]
        new_ids.add(added["id"])
        after.setdefault(anchor, []).append(added)
    cells = list(after.get(None, []))
    for cell in new.cells:
        cells.append(cell)
        if _INJECTED not in _tags(cell):
            cells.extend(after.get(cell.get("id"), []))
    new.cells = cells
    return KeptWriting(tuple(kept), sum(len(v) for v in after.values()))


def _run_metadata(cell: Any, run_meta: Any) -> None:
    meta = cell.setdefault("metadata", {})
    meta.pop(_PAPERMILL, None)
    if run_meta is not None:
        meta[_PAPERMILL] = copy.deepcopy(run_meta)


def _carry_into(target: Any, cell: Any, carried_from: str | None, lang: str) -> None:
    run_meta = target.metadata.get(_PAPERMILL)
    target["metadata"] = copy.deepcopy(cell.get("metadata", {}))
    _run_metadata(target, run_meta)
    if "attachments" in cell:
        target["attachments"] = copy.deepcopy(cell["attachments"])
    tags = _tags(target)
    if NARRATIVE_TAG not in tags:
        target.metadata["tags"] = [*tags, NARRATIVE_TAG]
    if carried_from is None:
        target.source = _source(cell)
    else:
        _mark(target, _without_note(cell), carried_from, lang)


def _mark(cell: Any, text: str, label: str, lang: str) -> None:
    cell["source"] = f"{carried_note(label, lang)}\n\n{text}"
    meta = cell.setdefault("metadata", {})
    if not isinstance(meta.get("civicnb"), dict):
        meta["civicnb"] = {}
    meta["civicnb"][CARRIED_KEY] = label  # (a NotebookNode copies a dict it is given)


# --- the earlier notebook -------------------------------------------------------------


@dataclass(frozen=True)
class PreviousNotebook:
    """An earlier report notebook read for its writing: ``nb`` None if it could not be
    read, then ``copy`` is where it was kept, as it was."""

    path: Path
    nb: Any | None
    copy: Path | None = None


def read_previous(path: Path, *, now: dt.datetime | None = None) -> PreviousNotebook:
    """Read an earlier report notebook. One that cannot be read (not JSON, not a
    notebook) is copied beside itself as ``<name>.ipynb.unreadable-<UTC time>``
    before anything overwrites it: its text is never lost."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no cells")
        for cell in nb.cells:
            if not isinstance(cell, dict) or "cell_type" not in cell:
                raise ValueError("a cell without a type")
    except Exception:  # any way of being unreadable: keep the bytes
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
        kept = path.with_name(f"{path.name}.unreadable-{stamp}")
        shutil.copy2(path, kept)
        return PreviousNotebook(path, None, kept)
    return PreviousNotebook(path, nb)


# --- HTML -----------------------------------------------------------------------------

_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)


def escape_raw_html(source: str) -> str:
    """Markdown whose raw HTML shows as text (``<`` escaped outside code): the people's
    writing is text in the HTML and PDF, never markup that runs."""
    parts = _CODE.split(source)
    return "".join(p if i % 2 else p.replace("<", "&lt;") for i, p in enumerate(parts))
