"""``civicnb serve --course DIR``: a folder of course packs served as the workshop is.

The packs that ``civicnb course`` makes are served by standalone Voilà with civicnb's
template (:mod:`civicnb.serving.voila`), like a workspace's pages: nothing is fetched from the
network (stock Voilà's template loads Font Awesome from a CDN), ``<html lang>`` is the
course's language, code execution from the browser is refused, and Voilà binds
127.0.0.1 unless asked. Each group opens its first module (which links to the others);
the trainer opens the trainer's summary. (Voilà's folder listing, ``/voila/tree``, is
stock Voilà's page, which fetches Font Awesome from a CDN: not advertised.)

>>> p = course_plan("course")                       # doctest: +SKIP
>>> p.urls["group-1"]                               # doctest: +SKIP
'http://127.0.0.1:8866/voila/render/group-1/00-introduction.ipynb'

:func:`course_plan` only builds the plan; :func:`civicnb.serving.serve.run` starts and stops the
server, as for a workspace.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

from civicnb.errors import InputError, UsageError
from civicnb.serving.serve import ServePlan
from civicnb.serving.voila import DEFAULT_CULL_IDLE_TIMEOUT

__all__ = ["course_plan", "is_course_folder"]

CULL_IDLE_SECONDS = DEFAULT_CULL_IDLE_TIMEOUT
"""A course module is read for a while before its next exercise: idle kernels are kept
as long as Voilà's default here (20 minutes, as on Binder), longer than a workshop's pages
(:data:`civicnb.serving.serve.CULL_IDLE_SECONDS`, 3 minutes)."""


def _groups(root: Path) -> list[Path]:
    from civicnb.course.learner import LEARNER_FILE

    found = [p.parent for p in root.glob(f"*/{LEARNER_FILE}")]
    return sorted(
        found, key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)]
    )


def is_course_folder(folder: str | Path) -> bool:
    """True if ``folder`` holds course packs made by ``civicnb course``."""
    root = Path(folder)
    return root.is_dir() and bool(_groups(root))


def _room_address() -> str:
    """This machine's address on the room's network, as far as it can tell offline."""
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def _language(group: Path) -> str:
    from civicnb.course.learner import LEARNER_FILE, read_learner_workbook
    from civicnb.course.names import course_lang

    return course_lang(read_learner_workbook(group / LEARNER_FILE).get("lang", "es"))


def course_plan(folder: str | Path, *, host: str = "127.0.0.1", port: int = 8866) -> ServePlan:
    """How to serve the course packs in ``folder`` (see the module docs), without
    starting anything. One clear error if ``folder`` holds no packs."""
    from civicnb.course.packs import MODULES, SUMMARY
    from civicnb.serving.voila import voila_command, voila_env

    root = Path(folder).expanduser()
    if not root.is_dir():
        raise InputError(f"{root} is not a folder: give the folder `civicnb course -o DIR` made")
    groups = _groups(root)
    if not groups:
        raise InputError(
            f"{root} holds no course packs (no group folder with a learner-workbook.json): make "
            "them with `civicnb course --groups N -o DIR`, then serve that folder"
        )
    root = root.resolve()
    command = voila_command(
        root,
        port=port,
        host=host,
        language=_language(groups[0]),
        cull_idle_timeout=CULL_IDLE_SECONDS,
    )
    env = voila_env()
    shown = _room_address() if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}/voila"
    urls: dict[str, str] = {}
    for group in groups:
        first = next((m for m in MODULES if (group / f"{m}.ipynb").is_file()), None)
        if first is not None:
            urls[group.name] = f"{base}/render/{group.name}/{first}.ipynb"
    if not urls:
        raise UsageError(f"the course packs in {root} hold no module notebooks: make them again")
    if (root / f"{SUMMARY}.ipynb").is_file():
        urls[SUMMARY] = f"http://127.0.0.1:{port}/voila/render/{SUMMARY}.ipynb"
    return ServePlan(command, env, urls, host, port, {}, {})
