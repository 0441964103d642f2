"""Where civicnb relies on nbconvert's internals (checked with nbconvert 7.17.2).

nbconvert's public extension points are its exporters' configuration, its template
inheritance (``conf.json``'s ``base_template``, ``{% extends %}``, ``super()``) and the
``TemplateExporter.environment`` property (overridden, as Voilà's own exporter does, to
keep compiled templates: :mod:`civicnb.serving.app`). Beyond them, civicnb relies on
the following, here only, each with a test in ``tests/fast/test_compat.py`` that fails
when it changes:

1. **HTMLExporter's steps before its BeautifulSoup pass** (:func:`html_without_soup`).
   ``HTMLExporter.from_notebook_node`` renders the page, then parses it with
   BeautifulSoup to add alt text to ``<img>`` without one and ``tabindex="0"`` to
   output areas and input wrappers: half of a report's export time. The report has no
   ``<img>``, so :mod:`civicnb.reports.report` renders with the steps before that pass
   (which use the private ``_init_resources`` and ``_nb_metadata``) and adds the
   tabindex by pattern. :data:`FROM_NOTEBOOK_NODE` is the digest of the method as
   checked; ``tests/fast/test_report_html.py`` checks that the page is HTMLExporter's.
2. **The blocks of nbconvert's ``lab`` template that civicnb's templates replace**
   (:data:`REPLACED_LAB_BLOCKS`): the report and handout templates
   (``templates/nbconvert/``) empty the blocks that load code from a CDN
   (``html_head_js``, ``jupyter_widgets``, ``html_head_js_mathjax``,
   ``html_head_js_mermaidjs``) and replace ``body_header`` (a class on ``<body>``); the
   Voilà template empties ``html_head_js_mermaidjs`` and ``html_head_css`` too. A block
   changed upstream fails the test, to be read and carried over.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import textwrap
from pathlib import Path
from typing import Any

from civicnb._compat.voila import block_digest, template_block

__all__ = [
    "CHECKED_WITH",
    "FROM_NOTEBOOK_NODE",
    "REPLACED_LAB_BLOCKS",
    "from_notebook_node_digest",
    "html_without_soup",
    "lab_block_digests",
]

CHECKED_WITH = "nbconvert 7.17.2 (digests also of 7.16.5, the lowest declared, and 7.16.0)"

FROM_NOTEBOOK_NODE: tuple[str, ...] = (
    "0e4574c7f9fd9ea1",  # 7.17.2
    "077362d63054bda6",  # 7.16.5: the same code, with typing.Dict/Tuple annotations
    # 7.16.0: the widgets filter was given the resources before _init_resources; civicnb
    # gives it the initialised ones, as 7.17 does (the report has no widget state)
    "a7af9000066bc45b",
)
"""Digests of ``HTMLExporter.from_notebook_node``'s code (formatting aside), as checked."""

REPLACED_LAB_BLOCKS: dict[str, tuple[str, ...]] = {
    "html_head_js": ("cba3434b1ea4a33c",),
    "jupyter_widgets": ("819288e6765e6f91",),
    "html_head_js_mathjax": ("760583fb20d44662",),
    # 7.17.2, then 7.16.0 (one argument fewer to the loader civicnb empties anyway)
    "html_head_js_mermaidjs": ("c8a91ef6e1fd67f2", "2eff479087a7d98b"),
    "html_head_css": ("e3b0c44298fc1c14",),
    "body_header": ("92e620be56eca0c4",),
}
"""Digests of the blocks of nbconvert's ``lab/index.html.j2`` civicnb's templates
replace, as checked (see :func:`civicnb._compat.voila.block_digest`)."""


def html_without_soup(exporter: Any, nb: Any, resources: Any = None, **kw: Any) -> Any:
    """``(html, resources)`` as ``HTMLExporter.from_notebook_node`` makes them, up to
    its BeautifulSoup pass (``exporter`` is an ``HTMLExporter``)."""
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    info = nb.metadata.get("language_info", {})
    lexer = info.get("pygments_lexer", info.get("name", None))
    highlight = exporter.filters.get(
        "highlight_code",
        Highlight2HTML(pygments_lexer=lexer, parent=exporter),  # type: ignore[no-untyped-call]
    )
    resources = exporter._init_resources(resources)
    widgets = WidgetsDataTypeFilter(  # type: ignore[no-untyped-call]
        notebook_metadata=exporter._nb_metadata, parent=exporter, resources=resources
    )
    exporter.register_filter("highlight_code", highlight)
    exporter.register_filter("filter_data_type", widgets)
    return TemplateExporter.from_notebook_node(exporter, nb, resources, **kw)


def from_notebook_node_digest() -> str:
    """The digest of the installed ``HTMLExporter.from_notebook_node``."""
    from nbconvert import HTMLExporter

    source = textwrap.dedent(inspect.getsource(HTMLExporter.from_notebook_node))
    tree = ast.parse(source)
    for node in ast.walk(tree):  # the docstring is not behaviour
        if isinstance(node, ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                node.body = node.body[1:]
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:16]


def _lab_template() -> Path:
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("nbconvert", "templates"):
        candidate = Path(root) / "lab" / "index.html.j2"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("nbconvert's lab template (nbconvert/templates/lab/index.html.j2)")


def lab_block_digests() -> dict[str, str]:
    """The digests of the installed nbconvert's blocks that civicnb's templates replace."""
    source = _lab_template().read_text(encoding="utf-8")
    return {name: block_digest(template_block(source, name)) for name in REPLACED_LAB_BLOCKS}
