"""civicnb._compat: each reliance on an upstream internal, checked against the installed
upstream. Each test fails when the behaviour civicnb relies on changes; when one does,
read the notes in the module it names before changing anything else."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import socket
import threading
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from async_helpers import run_in_own_thread

from civicnb._compat import nbconvert as nbconvert_compat
from civicnb._compat import voila as voila_compat

REPO = Path(__file__).resolve().parents[2]


def _voila_handlers() -> list[Any]:
    """The handlers a standalone Voilà with preheated kernels serves (Voilà's own list)."""
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    app = Voila()
    app.voila_configuration = VoilaConfiguration(preheat_kernel=True)
    app.server_url = "/"
    app.static_paths = []
    app.identity_provider = SimpleNamespace(get_handlers=lambda: [])
    handlers: list[Any] = app.init_handlers()
    return handlers


# --- Voilà 1: the exporter's name ----------------------------------------------------------


@pytest.fixture
def voila_exporter_name() -> Iterator[None]:
    import voila.notebook_renderer

    before = voila.notebook_renderer.VoilaExporter
    yield
    voila.notebook_renderer.VoilaExporter = before


def _renderer(folder: Path) -> Any:
    import nbformat
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from voila.configuration import VoilaConfiguration
    from voila.notebook_renderer import NotebookRenderer
    from voila.paths import collect_template_paths

    nb = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "page.ipynb")  # type: ignore[no-untyped-call]
    return NotebookRenderer(
        voila_configuration=VoilaConfiguration(template="lab", attempt_fix_notebook=False),
        traitlet_config=None,
        notebook_path="page.ipynb",
        template_paths=collect_template_paths(["voila", "nbconvert"], "lab"),
        config_manager=None,
        contents_manager=AsyncLargeFileManager(root_dir=str(folder)),
        base_url="/",
        page_config={},
    )


def test_voilas_page_renderer_makes_its_exporter_from_the_class_civicnb_installs(
    tmp_path: Path, voila_exporter_name: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Voilà 1: a page's renderer builds the exporter civicnb installed, and a second
    page's template is not compiled again (the saving is in effect)."""
    from civicnb.serving.app import TEMPLATE_CACHE, KeptTemplatesExporter

    voila_compat.use_exporter(KeptTemplatesExporter)
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: object, **kw: object) -> object:
        compiled.append(source)
        return real(self, source, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    TEMPLATE_CACHE.clear()
    exporters = []
    for _ in range(2):  # two requests: Voilà makes a renderer and an exporter for each
        renderer = _renderer(tmp_path)
        run_in_own_thread(renderer.initialize)
        assert type(renderer.exporter) is KeptTemplatesExporter
        assert renderer.exporter.template is not None
        exporters.append(renderer.exporter)
    assert exporters[0] is not exporters[1]
    assert len(compiled) == 1  # compiled for the first page only


# --- Voilà 2 and 3: the kernel manager factory and the pools -----------------------------------


def test_voila_makes_its_kernel_manager_class_by_the_name_civicnb_rebinds() -> None:
    """Voilà 2: ``Voila.init_settings`` calls ``voila.app.voila_kernel_manager_factory``
    (looked up in voila.app when it runs), which makes a pooled class with preheat."""
    import inspect

    import voila.app
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    source = inspect.getsource(voila.app.Voila.init_settings)
    assert re.search(r"\bvoila_kernel_manager_factory\(", source)
    from civicnb.serving.app import _kernel_manager_factory

    assert voila.app.voila_kernel_manager_factory in (
        voila_compat.voila_kernel_manager_factory(),  # Voilà's own
        _kernel_manager_factory,  # after CivicnbVoila.init_settings ran in this process
    )
    pooled = voila_compat.voila_kernel_manager_factory()(AsyncMappingKernelManager, True, 1)
    plain = voila_compat.voila_kernel_manager_factory()(AsyncMappingKernelManager, False, 0)
    assert hasattr(pooled, "get_rendered_notebook") and not hasattr(plain, "get_rendered_notebook")


def _pooled_manager() -> Any:
    """Voilà's pooled kernel manager, made without starting anything."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.config import Configurable

    cls = voila_compat.voila_kernel_manager_factory()(AsyncMappingKernelManager, True, 2)
    manager = cls.__new__(cls)
    parent = Configurable()
    parent.base_url = parent.server_url = "/"  # type: ignore[attr-defined]
    parent.port = 8866  # type: ignore[attr-defined]
    manager.parent = parent
    manager._pools = {}
    return manager


def test_voilas_pools_are_lists_of_tasks_and_the_first_is_handed_out() -> None:
    """Voilà 3: what :func:`civicnb.serving.app.ready_first` reorders."""

    async def scenario() -> None:
        manager = _pooled_manager()
        started: list[str] = []

        class Start:  # a kernel's start, as Voilà's _initialize (no warning if cancelled)
            def __init__(self, notebook_name: str) -> None:
                self.notebook_name = notebook_name

            def __await__(self) -> Generator[None, None, dict[str, Any]]:
                started.append(self.notebook_name)
                renderer = SimpleNamespace(stop_generator=False, rendered_cache=[])
                return {"renderer": renderer, "task": None, "kernel_id": f"k{len(started)}"}
                yield  # a generator: awaitable

        def initialize(notebook_name: str, kernel_id: Any, **kw: Any) -> Start:
            return Start(notebook_name)

        manager._initialize = initialize
        manager.fill_if_needed(delay=0, notebook_name="nb.ipynb", path=".")
        pool = voila_compat.pool(manager, "nb.ipynb")
        assert len(pool) == 2 and all(isinstance(t, asyncio.Task) for t in pool)
        assert manager.get_pool_size("nb.ipynb") == 2
        await asyncio.sleep(0.05)
        assert started == ["nb.ipynb"] * 2 and all(t.done() for t in pool)

        # the FIRST task is handed out, and a refill asked for (after fill_delay)
        manager.fill_delay = 30.0
        first, second = pool
        _task, _cache, kernel_id = await manager.get_rendered_notebook("nb.ipynb", path=".")
        assert kernel_id == "k1"
        assert voila_compat.pool(manager, "nb.ipynb") is pool  # the same, live list
        assert len(pool) == 2 and pool[0] is second and first not in pool
        await asyncio.sleep(0.05)
        assert len(started) == 2 and not pool[1].done()  # the refill has not started
        for task in pool:
            task.cancel()

    run_in_own_thread(scenario)


# --- Voilà 4: the order of Voila.stop -----------------------------------------------------------


def test_voilas_stop_removes_the_folder_before_shutting_the_kernels_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Voilà 4: the reason civicnb's stop shuts kernels down first. When this fails,
    Voilà has changed its stop: civicnb's override may go."""
    import voila.app

    order: list[str] = []

    async def shutdown_all(**kw: Any) -> None:
        order.append("kernels")

    monkeypatch.setattr(voila.app.shutil, "rmtree", lambda path, **kw: order.append("folder"))
    fake = SimpleNamespace(
        connection_dir=str(tmp_path), kernel_manager=SimpleNamespace(shutdown_all=shutdown_all)
    )
    voila.app.Voila.stop(fake)
    assert order == ["folder", "kernels"]


def test_civicnbs_stop_shuts_kernels_down_then_runs_voilas_stop(tmp_path: Path) -> None:
    from civicnb.serving.app import CivicnbVoila

    order: list[Any] = []

    async def shutdown_all(**kw: Any) -> None:
        order.append(("kernels", kw, os.path.isdir(folder)))

    folder = tmp_path / "voila_x"
    folder.mkdir()
    app = CivicnbVoila()
    app.connection_dir = str(folder)
    app.kernel_manager = SimpleNamespace(shutdown_all=shutdown_all)
    app.stop()
    assert order == [("kernels", {"now": True}, True), ("kernels", {}, False)]
    assert not folder.exists()


# --- Voilà 5: the static file handlers ----------------------------------------------------------


def test_voila_serves_its_and_the_templates_files_with_the_handlers_civicnb_replaces() -> None:
    from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler

    from civicnb.serving.app import _REPLACED

    by_pattern = {spec[0]: spec for spec in _voila_handlers()}
    assert by_pattern["/voila/templates/(.*)"][1] is TemplateStaticFileHandler
    assert by_pattern["/voila/static/(.*)"][1] is MultiStaticFileHandler
    assert set(_REPLACED) == {TemplateStaticFileHandler, MultiStaticFileHandler}
    for old, new in _REPLACED.items():
        assert issubclass(new, old)


# --- Voilà 6: the request info of a preheated kernel -------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_preheated_kernel_receives_its_request_as_voilas_own_helper_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Voilà 6: Voilà's own query route and handler, sending as Voilà's page handler
    sends; civicnb.ui.request receives what voila.utils.wait_for_request receives."""
    import tornado.httpserver
    import tornado.ioloop
    import tornado.web
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.utils import wait_for_request as voilas

    from civicnb.ui.request import wait_for_request as ours

    route = [s for s in _voila_handlers() if s[1] is RequestInfoSocketHandler]
    assert len(route) == 1
    port = _free_port()
    ready = threading.Event()
    loops: list[tornado.ioloop.IOLoop] = []

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application([route[0][:2]])
        server = tornado.httpserver.HTTPServer(app)
        server.listen(port, "127.0.0.1")
        loops.append(tornado.ioloop.IOLoop.current())
        ready.set()
        loops[0].start()
        server.stop()
        loops[0].close(all_fds=True)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        got = {}
        for name, helper in (("ours", ours), ("voilas", voilas)):
            kernel_id = f"aaaa-bbbb-cccc-dddd-{name}"
            payload = json.dumps({"QUERY_STRING": f"lang=es&who={name}", "SCRIPT_NAME": "/x"})
            # as VoilaHandler does once the page is requested (kept until the kernel asks)
            loops[0].add_callback(
                RequestInfoSocketHandler.send_updates,
                {"kernel_id": kernel_id, "payload": payload},
            )
            env = {
                "VOILA_PREHEAT": "True",  # as Voilà's pooled kernel manager sets it
                "VOILA_APP_IP": "127.0.0.1",
                "VOILA_APP_PORT": str(port),
                "VOILA_SERVER_URL": "/",
                "VOILA_KERNEL_ID": kernel_id,
            }
            for key, value in env.items():
                monkeypatch.setenv(key, value)
            monkeypatch.delenv("QUERY_STRING", raising=False)
            helper()
            got[name] = os.environ.get("QUERY_STRING")
        assert got == {"ours": "lang=es&who=ours", "voilas": "lang=es&who=voilas"}
    finally:
        loops[0].add_callback(loops[0].stop)
        thread.join(10)
        with warnings.catch_warnings():  # voila.utils.wait_for_request leaves its loop open
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


def test_the_environment_names_are_voilas() -> None:
    import inspect

    import voila.voila_kernel_manager
    from voila.utils import ENV_VARIABLE

    names = set(re.findall(r'"(VOILA_[A-Z_]+)"', inspect.getsource(voila_compat)))
    assert names and names <= {e.value for e in ENV_VARIABLE}
    source = inspect.getsource(voila.voila_kernel_manager)
    assert 'kernel_env[ENV_VARIABLE.VOILA_PREHEAT] = "True"' in source


# --- Voilà 7 and nbconvert 2: the template blocks civicnb replaces -----------------------------


def _blocks_replaced(template: Path) -> set[str]:
    return set(re.findall(r"\{%-?\s*block\s+(\w+)", template.read_text(encoding="utf-8")))


def test_voilas_lab_blocks_that_civicnbs_template_replaces_are_as_checked() -> None:
    found = voila_compat.lab_block_digests()
    for name, digest in found.items():
        assert digest in voila_compat.REPLACED_LAB_BLOCKS[name], name


def test_voilas_lab_template_extends_nbconverts_lab() -> None:
    """civicnb's notebook_css calls super.super(): nbconvert lab's CSS."""
    assert voila_compat.lab_extends() == voila_compat.LAB_EXTENDS


def test_nbconverts_lab_blocks_that_civicnbs_templates_replace_are_as_checked() -> None:
    found = nbconvert_compat.lab_block_digests()
    for name, digest in found.items():
        assert digest in nbconvert_compat.REPLACED_LAB_BLOCKS[name], name


def test_every_block_civicnbs_templates_replace_is_checked() -> None:
    """A block newly replaced in a template must be added to the digests above."""
    checked = set(voila_compat.REPLACED_LAB_BLOCKS) | set(nbconvert_compat.REPLACED_LAB_BLOCKS)
    hooks = {"extra_css"}  # nbconvert's empty block for extra CSS: a public hook
    templates = sorted((REPO / "templates").glob("*/*/index.html.j2"))
    assert len(templates) == 3
    for template in templates:
        assert _blocks_replaced(template) - hooks <= checked, template


# --- nbconvert 1: HTMLExporter before its BeautifulSoup pass ----------------------------------


def test_htmlexporters_from_notebook_node_is_as_checked() -> None:
    """The report's exporter repeats this method's steps up to its BeautifulSoup pass
    (tests/fast/test_report_html.py checks the page is the same)."""
    assert nbconvert_compat.from_notebook_node_digest() in nbconvert_compat.FROM_NOTEBOOK_NODE


def test_the_private_steps_used_exist() -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()  # type: ignore[no-untyped-call]
    resources = exporter._init_resources(None)  # type: ignore[no-untyped-call]
    assert callable(resources["include_css"])
    assert isinstance(exporter._nb_metadata, dict)


# --- nowhere else ---------------------------------------------------------------------------

UPSTREAM = (
    "voila",
    "nbconvert",
    "ipywidgets",
    "jupyter_server",
    "tornado",
    "papermill",
    "nbclient",
)
OWNED_ELSEWHERE = ("_compat",)


def _upstream_names(tree: Any) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in UPSTREAM:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] in UPSTREAM
        ):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def test_no_module_outside_compat_names_an_upstream_private_attribute() -> None:
    """``voila.app._x``, ``HTMLExporter._x`` and the like only in civicnb._compat."""
    import ast

    import civicnb

    package = Path(civicnb.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in OWNED_ELSEWHERE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        upstream = _upstream_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            root = node.value
            while isinstance(root, ast.Attribute):  # voila.app._x: its root is voila
                root = root.value
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if private and isinstance(root, ast.Name) and root.id in upstream:
                found.append(f"{path.relative_to(package)}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def _civicnb_subclasses_of_upstream() -> list[type[Any]]:
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from civicnb.reports import report
    from civicnb.serving import app

    pooled = voila_compat.voila_kernel_manager_factory()(AsyncMappingKernelManager, True, 1)
    return [
        app.CivicnbVoila,
        app.KeptTemplatesExporter,
        *app._REPLACED.values(),
        app.ready_first(pooled),
        type(report._exporter("en")),
    ]


def test_no_civicnb_subclass_overrides_an_upstream_private_method() -> None:
    """A subclass of an upstream class defines no ``_name`` its upstream bases have
    (overriding ``_create_environment`` or ``_handle_signal_stop`` would fail this)."""
    found = []
    for cls in _civicnb_subclasses_of_upstream():
        upstream = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in UPSTREAM]
        assert upstream, cls
        for name, value in vars(cls).items():
            code = getattr(value, "fget", value)  # a property: its getter
            ours = getattr(code, "__module__", "").startswith("civicnb")  # not traitlets'
            private = name.startswith("_") and not name.startswith("__")
            if ours and private and any(hasattr(base, name) for base in upstream):
                found.append(f"{cls.__qualname__}.{name}")
    assert found == []


# --- Voilà 8: the folder pages --------------------------------------------------------------------


def test_voila_serves_a_folders_pages_with_the_handlers_civicnb_replaces() -> None:
    tree, contents = voila_compat.tree_handler_classes()
    by_class: dict[Any, list[str]] = {}
    for spec in _voila_handlers():
        by_class.setdefault(spec[1], []).append(spec[0])
    assert sorted(by_class[tree]) == sorted(["/", "/voila/tree(?P<path>(?:(?:/[^/]+)+|/?))"])
    assert by_class[contents] == ["/voila/api/contents(?P<path>(?:(?:/[^/]+)+|/?))"]


# --- Voilà 9: Voilà's Jinja environment -----------------------------------------------------------


def test_voilas_settings_carry_its_jinja_environment_with_the_template_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import inspect

    from voila.app import Voila
    from voila.paths import collect_template_paths

    from civicnb.serving.voila import voila_env

    monkeypatch.setenv("JUPYTER_PATH", voila_env()["JUPYTER_PATH"])
    source = " ".join(inspect.getsource(Voila.init_settings).split())
    assert "loader=jinja2.FileSystemLoader(self.template_paths)" in source
    assert "voila_jinja2_env=env" in source
    paths = collect_template_paths(["voila", "nbconvert"], "civicnb", prune=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths))
    for name in ("404.html", "error.html", "page.html"):
        assert "civicnb" in str(env.get_template(name).filename).split(os.sep), name
