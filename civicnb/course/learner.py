"""The learner's workbook: one JSON file per course group (``learner-workbook.json`` in
the group's pack) holding the group, language and case variant, every answer checked
(with whether it was right, and when) and the reflections saved per module.

Every change re-reads the file and writes it back atomically (a temporary file, flushed,
then renamed) under a lock, so that several module notebooks open at once -- each in
its own kernel -- never overwrite each other's answers. Nothing typed is lost: an
earlier reflection is kept in the module's history when it is replaced, and a file that
cannot be read is kept aside (``….unreadable-<time>``) rather than overwritten.

The trainer's summary reads several workbooks (:func:`find_learner_workbooks`,
:func:`trainer_summary`); files collected from groups are checked before use, and all
their text is escaped when shown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicnb.course.names import course_lang
from civicnb.errors import InputError
from civicnb.html.safe import SafeHTML
from civicnb.html.safe import html_escape as _h
from civicnb.html.tables import html_table
from civicnb.i18n import LANGUAGES, t

__all__ = [
    "LEARNER_FILE",
    "MAX_TEXT",
    "LearnerWorkbook",
    "export_learner_workbook",
    "find_learner_workbooks",
    "new_learner_workbook",
    "read_learner_workbook",
    "record_answer",
    "save_reflection",
    "trainer_summary",
]

LEARNER_FILE = "learner-workbook.json"
FORMAT = "civicnb-learner-workbook"
VERSION = 1
MAX_TEXT = 20_000
"""Longest reflection (characters); longer text is refused with a message."""
MAX_HISTORY = 20
MAX_ATTEMPTS = 200
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _check_id(what: str, value: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise InputError(f"{what} must be 1 to 80 letters, digits, '.', ':', '_' or '-'")
    return value


# --- the file ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the file (POSIX; elsewhere no lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _blank(group: str, lang: str, variant: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "group": group,
        "lang": lang,
        "variant": variant,
        "created_at": _now(),
        "updated_at": _now(),
        "answers": {},
        "reflections": {},
    }


def new_learner_workbook(path: str | Path, *, group: str, lang: str, variant: int) -> Path:
    """Create the workbook if it does not exist yet (an existing one is kept as it is)."""
    out = Path(path)
    if lang not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(sorted(LANGUAGES))} (got {lang!r})")
    group = _clean(group).strip()
    if not group or len(group) > 120:
        raise InputError("a group needs a name of 1 to 120 characters")
    with _locked(out):
        if not out.exists():
            _write(out, _blank(group, lang, int(variant)))
    return out


def _parse(raw: object, name: str) -> dict[str, Any]:
    """Check a workbook's structure; keep only well-formed entries."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InputError(f"{name} is not a civicnb learner's workbook")
    if not isinstance(raw.get("version"), int) or raw["version"] > VERSION:
        raise InputError(f"{name} was written by a newer civicnb: upgrade civicnb to read it")
    doc = _blank(str(raw.get("group", ""))[:120], "en", 0)
    doc["lang"] = course_lang(raw.get("lang"), "en")
    variant = raw.get("variant")
    doc["variant"] = variant if isinstance(variant, int) and not isinstance(variant, bool) else 0
    for key in ("created_at", "updated_at"):
        doc[key] = str(raw.get(key, ""))[:40]
    answers = raw.get("answers")
    if isinstance(answers, dict):
        for ex_id, attempts in answers.items():
            if not (isinstance(ex_id, str) and _ID.match(ex_id) and isinstance(attempts, list)):
                continue
            kept = [_attempt(a) for a in attempts[-MAX_ATTEMPTS:] if isinstance(a, dict)]
            doc["answers"][ex_id] = kept
    reflections = raw.get("reflections")
    if isinstance(reflections, dict):
        for module, entry in reflections.items():
            if isinstance(module, str) and _ID.match(module) and isinstance(entry, dict):
                history = entry.get("history")
                doc["reflections"][module] = {
                    "text": str(entry.get("text", ""))[:MAX_TEXT],
                    "at": str(entry.get("at", ""))[:40],
                    "history": [
                        {"text": str(h.get("text", ""))[:MAX_TEXT], "at": str(h.get("at", ""))[:40]}
                        for h in (history if isinstance(history, list) else [])[-MAX_HISTORY:]
                        if isinstance(h, dict)
                    ],
                }
    return doc


def _attempt(raw: dict[str, Any]) -> dict[str, Any]:
    answer = raw.get("answer")
    if isinstance(answer, list):
        answer = [str(a)[:200] for a in answer[:50]]
    else:
        answer = str(answer if answer is not None else "")[:200]
    return {
        "answer": answer,
        "label": str(raw.get("label", ""))[:2000],
        "correct": raw.get("correct") is True,
        "at": str(raw.get("at", ""))[:40],
        "module": str(raw.get("module", ""))[:80],
    }


def read_learner_workbook(path: str | Path) -> dict[str, Any]:
    """Read and check a learner's workbook (InputError with what to do if it cannot be)."""
    from civicnb.errors import WorkbookError
    from civicnb.exchange.workbook import read_json_file

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no learner's workbook here (the course pack makes one)")
    try:
        raw = read_json_file(p)
    except WorkbookError as exc:
        raise InputError(str(exc)) from None
    return _parse(raw, p.name)


@contextlib.contextmanager
def _update(path: str | Path) -> Iterator[dict[str, Any]]:
    """Read, let the caller change, write back -- under the lock. An unreadable file is
    moved aside first, never overwritten."""
    p = Path(path)
    if not p.parent.is_dir():
        raise InputError(f"cannot save in {p.parent}: the folder does not exist")
    with _locked(p):
        doc: dict[str, Any]
        if p.exists():
            try:
                doc = read_learner_workbook(p)
            except InputError:
                stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
                shutil.move(str(p), str(p.with_name(f"{p.name}.unreadable-{stamp}")))
                doc = _blank("?", "en", 0)
        else:
            doc = _blank("?", "en", 0)
        yield doc
        doc["updated_at"] = _now()
        _write(p, doc)


def record_answer(
    path: str | Path,
    exercise_id: str,
    *,
    answer: str | Sequence[str],
    label: str,
    correct: bool,
    module: str = "",
) -> None:
    """Add one checked answer to the workbook."""
    _check_id("exercise id", exercise_id)
    value: str | list[str] = answer if isinstance(answer, str) else [str(a) for a in answer]
    entry = {
        "answer": value,
        "label": _clean(label)[:2000],
        "correct": bool(correct),
        "at": _now(),
        "module": module[:80],
    }
    with _update(path) as doc:
        attempts = doc["answers"].setdefault(exercise_id, [])
        attempts.append(entry)
        del attempts[:-MAX_ATTEMPTS]


def save_reflection(path: str | Path, module: str, text: str) -> None:
    """Save a module's reflection; the text it replaces goes to the module's history."""
    _check_id("module", module)
    text = _clean(text)
    if len(text) > MAX_TEXT:
        raise InputError(
            f"a reflection has at most {MAX_TEXT} characters (this one has {len(text)}): shorten it"
        )
    with _update(path) as doc:
        old = doc["reflections"].get(module)
        history = list(old.get("history", [])) if old else []
        if old and old.get("text") and old.get("text") != text:
            history.append({"text": old["text"], "at": old.get("at", "")})
        doc["reflections"][module] = {"text": text, "at": _now(), "history": history[-MAX_HISTORY:]}


def reflection_of(path: str | Path, module: str) -> str:
    """The module's saved reflection ('' if none or the file cannot be read)."""
    try:
        doc = read_learner_workbook(path)
    except InputError:
        return ""
    entry = doc["reflections"].get(module)
    return str(entry.get("text", "")) if entry else ""


def _slug(text: str) -> str:
    s = re.sub(r"[^\w-]+", "-", text.casefold(), flags=re.UNICODE).strip("-")
    return s[:60] or "group"


def export_learner_workbook(path: str | Path, dest: str | Path) -> Path:
    """Copy the (checked) workbook to ``dest`` (a folder: ``learner-<group>.json`` in it)
    for the trainer to collect."""
    doc = read_learner_workbook(path)
    target = Path(dest)
    if target.is_dir():
        target = target / f"learner-{_slug(doc['group'])}.json"
    if not target.parent.is_dir():
        raise InputError(f"cannot export to {target}: the folder {target.parent} does not exist")
    _write(target, doc)
    return target


def find_learner_workbooks(root: str | Path) -> list[Path]:
    """The learners' workbooks under a course folder: ``*/learner-workbook.json`` (the
    packs' group folders, ``group-N`` / ``grupo-N`` by language) and ``collected/*.json``
    (exported workbooks the trainer gathered)."""
    base = Path(root)
    found = sorted(base.glob(f"*/{LEARNER_FILE}"), key=_natural)
    found += sorted((base / "collected").glob("*.json"), key=_natural)
    return found


def _natural(p: Path) -> tuple[Any, ...]:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", str(p)))


# --- the trainer's summary ------------------------------------------------------------------


@dataclass(frozen=True)
class Html:
    """HTML that shows itself in a notebook (built from escaped text)."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup


def trainer_summary(paths: Iterable[str | Path], lang: str = "en") -> Html:
    """The groups' answers side by side: each group's last answer to each exercise (right
    or not, how many attempts), then their reflections, module by module. Files that
    cannot be read are listed with the reason."""
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    for p in paths:
        try:
            docs.append(read_learner_workbook(p))
        except InputError as exc:
            problems.append(str(exc))
    title = f"<h2>{_h(t('crs_summary_title', lang))}</h2>"
    notes = "".join(f'<p class="civicnb-warning">{_h(m)}</p>' for m in problems)
    if not docs:
        return Html(title + notes + f"<p>{_h(t('crs_summary_none', lang))}</p>")
    order: list[tuple[str, str]] = []
    for d in docs:
        for ex_id, attempts in d["answers"].items():
            module = next((a["module"] for a in attempts if a["module"]), "")
            if (module, ex_id) not in order:
                order.append((module, ex_id))
    order.sort(key=lambda me: me[0])
    groups = [
        SafeHTML(f"{_h(d['group'])}<br><small>{_h(t('crs_variant', lang, n=d['variant']))}</small>")
        for d in docs
    ]
    rows = []
    for module, ex_id in order:
        cells: list[object] = [SafeHTML(f"{_h(module)}<br><small>{_h(ex_id)}</small>")]
        for d in docs:
            attempts = d["answers"].get(ex_id, [])
            if not attempts:
                cells.append(t("crs_not_answered", lang))
                continue
            last = attempts[-1]
            mark = "✓" if last["correct"] else "✗"
            cells.append(f"{mark} {last['label']} ({len(attempts)})")
        rows.append(cells)
    answers = html_table(
        [t("crs_exercise", lang), *groups],
        rows,
        caption=t("crs_summary_caption", lang),
        row_headers=True,
    )
    modules = sorted({m for d in docs for m in d["reflections"]})
    r_rows = [
        [
            m,
            *(
                d["reflections"].get(m, {}).get("text", "") or t("crs_not_answered", lang)
                for d in docs
            ),
        ]
        for m in modules
    ]
    reflections = (
        f"<h3>{_h(t('crs_reflections_title', lang))}</h3>"
        + html_table(
            [t("crs_module", lang), *groups],
            r_rows,
            caption=t("crs_reflections_title", lang),
            row_headers=True,
        )
        if modules
        else ""
    )
    return Html(title + notes + answers + reflections)


@dataclass(frozen=True)
class LearnerWorkbook:
    """A learner's workbook file, for the widgets: where it is and which module writes."""

    path: Path
    module: str

    def record(
        self, exercise_id: str, answer: str | Sequence[str], label: str, correct: bool
    ) -> None:
        record_answer(
            self.path, exercise_id, answer=answer, label=label, correct=correct, module=self.module
        )

    def save_reflection(self, text: str) -> None:
        save_reflection(self.path, self.module, text)

    def reflection(self) -> str:
        return reflection_of(self.path, self.module)
