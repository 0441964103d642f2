"""JupyterLab's launcher entries for a workspace: ``W/jp_app_launcher_civicnb.yaml``.

`jupyter_app_launcher <https://github.com/trungleduc/jupyter_app_launcher>`_ (the ``lab``
extra) reads every ``jp_app_launcher*.yaml`` file in the Jupyter server's working
folder, in ``$JUPYTER_APP_LAUNCHER_PATH`` and in ``<jupyter data>/jupyter_app_launcher``,
and shows its entries in JupyterLab's launcher, under their ``catalog``. civicnb writes
one such file at the workspace's root, so that JupyterLab started there (``civicnb lab``,
or ``jupyter lab`` in that folder) shows, under "civicnb":

* the workspace's home page, in Voilà (Voilà's preview inside Lab: what a participant
  or the facilitator sees, the same server, the same sign-in);
* for each locality: its facilitator's page in Voilà, its join page in Voilà (what
  participants see), its strand I notebook in Lab, and its report notebook in Lab
  (or, before there is one, a terminal that makes it);
* for each folder of course packs under the workspace: each group's first module and
  the trainer's summary, as notebooks in Lab.

Each entry runs JupyterLab commands on the real files (``docmanager:open``, with the
``Voila Preview`` factory for a Voilà page): nothing is copied. Paths are relative to
Lab's root (``prefix`` when the workspace is a folder inside it, as on Binder). No key
is written: the facilitator's page asks for it. The launcher reads the file when Lab
starts: restart Lab to see a new locality's entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civicnb.execution.home import HOME_PAGE
from civicnb.i18n import LANGUAGES
from civicnb.workspace import Workspace

__all__ = [
    "LAUNCHER_FILE",
    "course_launcher_entries",
    "latest_report",
    "launcher_entries",
    "launcher_text",
    "write_course_launcher",
    "write_launcher",
]

LAUNCHER_FILE = "jp_app_launcher_civicnb.yaml"
"""The file's name: jupyter_app_launcher reads files named ``jp_app_launcher*.yaml``."""

CATALOG = "civicnb"
VOILA_FACTORY = "Voila Preview"
"""The document factory of Voilà's JupyterLab preview (shipped in the voila wheel)."""

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Workshop home page (Voilà)",
        "home_desc": "The workspace's home page as participants and facilitators see it",
        "facilitator": "{name}: facilitator's page (Voilà)",
        "start": "{name}: join page (Voilà)",
        "strand": "{name}: strand I notebook",
        "report": "{name}: report notebook ({round})",
        "make_report": "{name}: make the report (terminal)",
        "course_group": "Course, {group}: first module",
        "course_summary": "Course: trainer's summary",
    },
    "es": {
        "home": "Página de inicio del taller (Voilà)",
        "home_desc": (
            "La página de inicio del espacio de trabajo, como la ven participantes y facilitación"
        ),
        "facilitator": "{name}: página de facilitación (Voilà)",
        "start": "{name}: página para unirse (Voilà)",
        "strand": "{name}: cuaderno de la línea I",
        "report": "{name}: cuaderno del informe ({round})",
        "make_report": "{name}: hacer el informe (terminal)",
        "course_group": "Curso, {group}: primer módulo",
        "course_summary": "Curso: resumen para la persona formadora",
    },
    "pt": {
        "home": "Página inicial da oficina (Voilà)",
        "home_desc": (
            "A página inicial do espaço de trabalho, como participantes e facilitação a veem"
        ),
        "facilitator": "{name}: página da facilitação (Voilà)",
        "start": "{name}: página para entrar (Voilà)",
        "strand": "{name}: notebook do eixo I",
        "report": "{name}: notebook do relatório ({round})",
        "make_report": "{name}: fazer o relatório (terminal)",
        "course_group": "Curso, {group}: primeiro módulo",
        "course_summary": "Curso: resumo para quem forma",
    },
}


def _open(label: str, path: str, factory: str | None = None) -> list[dict[str, Any]]:
    args: dict[str, Any] = {"path": path}
    if factory:
        args["factory"] = factory
    return [{"label": label, "id": "docmanager:open", "args": args}]


def _entry(
    title: str, source: Any, *, kind: str = "jupyterlab-commands", **more: str
) -> dict[str, Any]:
    return {"title": title, "type": kind, "catalog": CATALOG, "source": source, **more}


def latest_report(ws: Workspace, slug: str) -> Path | None:
    """The locality's most recently written report notebook, if any."""
    folder = ws.reports_dir / slug
    found = [p for p in folder.glob("*.ipynb") if p.is_file()] if folder.is_dir() else []
    return max(found, key=lambda p: p.stat().st_mtime_ns, default=None)


def _course_folders(root: Path) -> list[Path]:
    """Folders of course packs (``civicnb course -o W/NAME``) at the workspace's root."""
    found = []
    for child in sorted(root.iterdir()) if root.is_dir() else []:
        if not child.is_dir() or child.name.startswith("."):
            continue
        if (child / "trainer-summary.ipynb").is_file() or any(child.glob("group-*/*.ipynb")):
            found.append(child)
    return found


def launcher_entries(ws: Workspace, *, prefix: str = "", lang: str = "en") -> list[dict[str, Any]]:
    """The launcher entries for ``ws``; paths relative to Lab's root, which is the
    workspace's folder, or its parent folder with ``prefix`` (e.g. ``"civicnb-workspace/"``)."""
    words = _WORDS[lang if lang in LANGUAGES and lang in _WORDS else "en"]

    def rel(path: Path) -> str:
        return prefix + path.relative_to(ws.root).as_posix()

    entries = [
        _entry(
            words["home"],
            _open(words["home"], rel(ws.localities_dir / HOME_PAGE), VOILA_FACTORY),
            description=words["home_desc"],
        )
    ]
    with ws.open_store() as store:
        localities = store.localities()
    for loc in localities:
        folder = ws.locality_dir(loc.slug)
        if not (folder / "start.ipynb").is_file():
            continue  # half-created: `civicnb repair` writes its pages
        w = _WORDS.get(loc.language, words)
        name = loc.name
        for key, page, factory in (
            ("facilitator", "facilitator.ipynb", VOILA_FACTORY),
            ("start", "start.ipynb", VOILA_FACTORY),
            ("strand", "strand-I.ipynb", None),
        ):
            title = w[key].format(name=name)
            entries.append(_entry(title, _open(title, rel(folder / page), factory)))
        report = latest_report(ws, loc.slug)
        if report is not None:
            title = w["report"].format(name=name, round=report.stem)
            entries.append(_entry(title, _open(title, rel(report))))
        else:
            title = w["make_report"].format(name=name)
            command = f"civicnb report {loc.slug} --workspace ."
            entries.append(_entry(title, command, kind="terminal", cwd=str(ws.root)))
    for course in _course_folders(ws.root):
        entries += _course_entries(course, rel, words, named=True)
    return entries


def _course_entries(
    course: Path, rel: Callable[[Path], str], words: dict[str, str], *, named: bool
) -> list[dict[str, Any]]:
    entries = []
    first = "00-introduction.ipynb"
    for group in sorted(p for p in course.glob("group-*") if (p / first).is_file()):
        title = words["course_group"].format(group=group.name)
        entries.append(_entry(title, _open(title, rel(group / first))))
    summary = course / "trainer-summary.ipynb"
    if summary.is_file():
        title = f"{words['course_summary']} ({course.name})" if named else words["course_summary"]
        entries.append(_entry(title, _open(title, rel(summary))))
    return entries


def course_launcher_entries(course: Path, *, lang: str = "en") -> list[dict[str, Any]]:
    """The launcher entries for a folder of course packs that is Lab's root
    (``civicnb lab --course DIR``): each group's first module, the trainer's summary."""
    words = _WORDS[lang if lang in _WORDS else "en"]
    return _course_entries(course, lambda p: p.relative_to(course).as_posix(), words, named=False)


def write_course_launcher(course: Path, *, lang: str = "en") -> Path:
    """Write the launcher file of a folder of course packs (see
    :func:`course_launcher_entries`); return its path."""
    return _write(course / LAUNCHER_FILE, course_launcher_entries(course, lang=lang))


def _text(entries: list[dict[str, Any]]) -> str:
    import yaml

    header = (
        "# civicnb's entries in JupyterLab's launcher (read by jupyter_app_launcher when\n"
        "# JupyterLab starts in this folder). Written by civicnb: edits are overwritten.\n"
    )
    return header + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)


def launcher_text(ws: Workspace, *, prefix: str = "", lang: str = "en") -> str:
    return _text(launcher_entries(ws, prefix=prefix, lang=lang))


def _write(target: Path, entries: list[dict[str, Any]]) -> Path:
    text = _text(entries)
    try:
        if target.read_text(encoding="utf-8") == text:
            return target
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def write_launcher(
    ws: Workspace, *, folder: Path | None = None, prefix: str = "", lang: str = "en"
) -> Path:
    """Write (or leave as it is, when already the same) the launcher file in ``folder``
    (default: the workspace's root); return its path."""
    return _write(
        (folder or ws.root) / LAUNCHER_FILE, launcher_entries(ws, prefix=prefix, lang=lang)
    )
