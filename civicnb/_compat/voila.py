"""Where civicnb relies on Voilà's internals (checked with voila 0.5.13).

Voilà offers configuration (``VoilaConfiguration``, the command line), template
inheritance (``conf.json``'s ``base_template``, ``{% extends %}``) and its request-info
helper as public extension points; civicnb uses those where they suffice. What they
do not offer, civicnb takes from Voilà's code, here only, each with a test in
``tests/fast/test_compat.py`` that fails when the behaviour relied on changes:

1. **The exporter's name** (:func:`use_exporter`). ``NotebookRenderer.initialize``
   (``voila.notebook_renderer``) makes its nbconvert exporter as ``VoilaExporter(...)``,
   looking that name up in its module at every request; Voilà has no setting for the
   exporter class. civicnb rebinds the name to an exporter whose compiled templates are
   kept across requests (:mod:`civicnb.serving.app`, about 15 ms of the server's core per
   page).
2. **The kernel manager factory** (:func:`use_kernel_manager_factory`).
   ``Voila.init_settings`` makes its kernel manager's class by calling
   ``voila.app.voila_kernel_manager_factory`` by that module name; civicnb rebinds it to
   wrap the class made (the preheated pools hand out ready kernels first).
3. **The preheated pools** (:func:`pool`). The class made with ``preheat_kernel`` keeps
   ``_pools``: a dict from notebook name to a list of tasks (each resolving to a page
   rendered in a started kernel); ``fill_if_needed(delay, notebook_name, ...)`` appends
   tasks that start after ``delay`` s (``fill_delay`` when None), ``get_pool_size``
   counts the list, and ``get_rendered_notebook`` takes the list's FIRST task, then
   asks for a refill.
4. **The order of ``Voila.stop``**: it removes the folder of connection files, then shuts
   the kernels down (with ``transport=ipc`` every preheated kernel printed a traceback
   as its socket files vanished). civicnb's ``stop`` shuts them down first, then calls
   Voilà's (which then finds none left). When Voilà changes its order, civicnb's
   override can go.
5. **The static file handlers**: ``Voila.init_handlers`` returns ``(pattern, handler
   class, ...)`` tuples, with ``TemplateStaticFileHandler`` for ``/voila/templates/`` and
   ``MultiStaticFileHandler`` for ``/voila/static/``; civicnb swaps in subclasses whose
   files browsers keep.
6. **The request info of a preheated kernel** (:func:`request_info_url`,
   :func:`request_info`). ``voila.utils.wait_for_request`` is the public helper, but
   importing it costs every kernel about 2.4 s and 40 MB (it imports Voilà's server), so
   :mod:`civicnb.ui.request` speaks its protocol: the kernel's environment names the
   server (``VOILA_PREHEAT``, ``VOILA_WS_PROTOCOL``, ``VOILA_APP_IP``,
   ``VOILA_APP_PORT``, ``VOILA_WS_BASE_URL`` or ``VOILA_SERVER_URL``,
   ``VOILA_KERNEL_ID``), the kernel opens the websocket
   ``<base>voila/query/<kernel id>`` and receives ONE message: a JSON object of the
   request's variables (``QUERY_STRING``…), to be put into ``os.environ``.
7. **The blocks of Voilà's ``lab`` template that civicnb's replaces**
   (:data:`REPLACED_LAB_BLOCKS`). ``templates/voila/civicnb`` extends ``lab`` and
   replaces three of its blocks whole (``notebook_css``: lab's loads Font Awesome from a
   CDN; ``body_header`` and ``body_footer``: lab's have no skip link, ``<main>`` or calm
   loading message, and cannot be extended around their content). The replacements
   repeat what Voilà's blocks do; the digests recorded here are of Voilà's blocks as
   checked: a change upstream fails the test, to be read and carried over. civicnb's
   ``notebook_css`` calls ``super.super()``: that Voilà's lab extends nbconvert's lab
   directly (:data:`LAB_EXTENDS`) is checked too.

8. **The folder pages** (:func:`tree_handler_classes`). Serving a folder,
   ``Voila.init_handlers`` returns ``(pattern, TornadoVoilaTreeHandler, ...)`` for the
   server's root and for ``/voila/tree...`` (stock Voilà's file list: no ``lang``, Font
   Awesome from a CDN), and ``(pattern, VoilaContentsHandler, ...)`` for
   ``/voila/api/contents...`` (the list's data); civicnb puts a redirect to the home page
   in place of the first two and "no such page" in place of the third.
9. **Voilà's Jinja environment** in the server's settings (``voila_jinja2_env``), which
   loads the chosen template's files first: civicnb's error pages
   (``templates/voila/civicnb/404.html``, ``error.html``, over its ``page.html``, which also
   stands in for the base ``page.html`` Voilà's own error pages extend) are rendered from it.

This module imports nothing from Voilà at import time: :mod:`civicnb.ui.request` runs in
every kernel.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "CHECKED_WITH",
    "LAB_EXTENDS",
    "REPLACED_LAB_BLOCKS",
    "block_digest",
    "lab_block_digests",
    "lab_extends",
    "pool",
    "request_info",
    "request_info_url",
    "template_block",
    "tree_handler_classes",
    "use_exporter",
    "use_kernel_manager_factory",
    "voila_kernel_manager_factory",
]

CHECKED_WITH = "voila 0.5.13 (digests also of 0.5.6, the lowest declared)"

# --- 1. the exporter's name ---------------------------------------------------------------


def use_exporter(exporter_class: type[Any]) -> None:
    """Make Voilà's page renderer build its exporter from ``exporter_class`` (a
    subclass of ``voila.exporter.VoilaExporter``) from its next request on."""
    import voila.notebook_renderer

    voila.notebook_renderer.VoilaExporter = exporter_class


# --- 2. the kernel manager factory ----------------------------------------------------------


def voila_kernel_manager_factory() -> Callable[..., type[Any]]:
    """Voilà's own factory of kernel manager classes (whatever ``voila.app`` holds now)."""
    import voila.voila_kernel_manager

    factory: Callable[..., type[Any]] = voila.voila_kernel_manager.voila_kernel_manager_factory
    return factory


def use_kernel_manager_factory(factory: Callable[..., type[Any]]) -> None:
    """Make ``Voila.init_settings`` build its kernel manager's class with ``factory``
    (call this before it runs)."""
    import voila.app

    voila.app.voila_kernel_manager_factory = factory


# --- 3. the preheated pools -------------------------------------------------------------------


def pool(manager: Any, notebook_name: str | None) -> list[Any]:
    """The preheated pool of ``notebook_name`` in ``manager``: the live list of tasks
    Voilà takes the first of (empty, and not kept, if there is none)."""
    pools: dict[Any, list[Any]] = getattr(manager, "_pools", None) or {}
    return pools.get(notebook_name, [])


# --- 8. the folder pages -----------------------------------------------------------------------


def tree_handler_classes() -> tuple[type[Any], type[Any]]:
    """Voilà's handler of its folder pages (the server's root, ``/voila/tree...``) and
    of their data (``/voila/api/contents...``)."""
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    return TornadoVoilaTreeHandler, VoilaContentsHandler


# --- 6. the request info of a preheated kernel -------------------------------------------------


def request_info_url(environ: Mapping[str, str]) -> str | None:
    """The websocket address a preheated kernel receives its request on, from the
    kernel's environment; None when the kernel is not a preheated one."""
    if environ.get("VOILA_PREHEAT", "False") == "False":
        return None
    protocol = environ.get("VOILA_WS_PROTOCOL", "ws")
    host = environ.get("VOILA_APP_IP", "127.0.0.1")
    port = environ.get("VOILA_APP_PORT", "8866")
    base = environ.get("VOILA_WS_BASE_URL", environ.get("VOILA_SERVER_URL", "/"))
    kernel = environ.get("VOILA_KERNEL_ID", "")
    return f"{protocol}://{host}:{port}{base}voila/query/{kernel}"


def request_info(message: str | bytes | None) -> dict[str, str]:
    """The request's variables in the message received (none if it is not one)."""
    if not message:
        return {}
    text = message if isinstance(message, str) else message.decode("utf-8", "replace")
    try:
        info = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(info, dict):
        return {}
    return {k: v for k, v in info.items() if isinstance(k, str) and isinstance(v, str)}


# --- 7. the blocks of lab's template that civicnb's replaces ----------------------------------

REPLACED_LAB_BLOCKS: dict[str, tuple[str, ...]] = {
    "notebook_css": ("0da54c8dded8a3d2",),
    # 0.5.13, then 0.5.6 (no data-voila attribute on <body>; civicnb's has it)
    "body_header": ("f55ba268b950b904", "99dc98bc76673c0b"),
    "body_footer": ("bf5b22dbad1afc3c",),
}
"""sha256 (first 16 hex digits, whitespace collapsed) of each block of Voilà's
``lab/index.html.j2`` that ``templates/voila/civicnb/index.html.j2`` replaces, as checked."""


LAB_EXTENDS = "nbconvert/templates/lab/index.html.j2"
"""The template Voilà's ``lab/index.html.j2`` extends."""


def lab_extends() -> str:
    """The template the installed Voilà's lab template extends."""
    source = _voila_lab_template().read_text(encoding="utf-8")
    m = re.search(r"\{%-?\s*extends\s+['\"]([^'\"]+)['\"]", source)
    return m[1] if m else ""


def template_block(source: str, name: str) -> str:
    """The text of block ``name`` in a Jinja template's ``source`` (empty if none)."""
    m = re.search(
        r"\{%-?\s*block\s+"
        + re.escape(name)
        + r"\b.*?%\}(.*?)\{%-?\s*endblock\s+"
        + re.escape(name)
        + r"\s*-?%\}",
        source,
        re.S,
    )
    return m[1] if m else ""


def block_digest(text: str) -> str:
    """A short digest of a block's text, whitespace collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def _voila_lab_template() -> Path:
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("voila", "templates"):
        candidate = Path(root) / "lab" / "index.html.j2"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("Voilà's lab template (voila/templates/lab/index.html.j2)")


def lab_block_digests() -> dict[str, str]:
    """The digests of the installed Voilà's blocks that civicnb's template replaces."""
    source = _voila_lab_template().read_text(encoding="utf-8")
    return {name: block_digest(template_block(source, name)) for name in REPLACED_LAB_BLOCKS}
