"""Standalone Voilà as ``civicnb serve`` runs it: ``python -m civicnb.serving.app ARGS``
takes the same arguments as ``python -m voila``.

One difference: browsers keep Voilà's front-end files instead of asking for them again.
A page loads about a hundred of them (5 MB: Voilà's own ``/voila/static/`` chunks, the
widget extensions under ``/voila/labextensions/``, the template's CSS). Voilà serves
them with ``Cache-Control: no-cache`` or none, so every page a participant opens asks
again for each file, and the single-process server answers a hundred "not modified"
replies per page: for thirty people opening their next page at once, about 1.4 s of the
server's only core, more than it spends on the pages themselves.

* ``/voila/labextensions/``: the file names carry a hash of their content, so they are
  served as immutable (Jupyter Server's ``static_immutable_cache`` setting, which
  Voilà's handler for them honours).
* ``/voila/static/`` and ``/voila/templates/``: names do not change with the content
  across versions, so they are kept for :data:`STATIC_MAX_AGE` seconds (a workshop's
  length): after an upgrade of Voilà or civicnb, a browser may use the previous files
  for at most that long, and a reload with the cache bypassed fetches the new ones.

And one saving on the server: Voilà makes a new nbconvert exporter, so a new Jinja
environment, for every page it renders, and so parses and compiles its page templates
again for every request (about 15 ms of the server's core per page). Here the compiled
templates are kept in memory across requests (Jinja's own bytecode cache, keyed by
template and checked against the template's source).

And a preheated kernel that is ready is handed out first. Voilà hands out its pool's
kernels in the order they were asked for, counting those still waiting to be started
(a pool is refilled ``fill_delay`` seconds after a kernel is taken): with a small pool,
the next person to open the page waited for a refill not even started yet (20 s or more)
where a kernel started for them would have taken a few. Here a pool counts, and hands
out, only kernels started or starting; ready ones first
(:func:`ready_first`); with none, the page starts its own kernel as without a pool.

And the culler passes over kernels still starting (it logged an error for each:
:func:`culls_started_kernels_only`).

And at stop, the kernels are shut down before their folder of socket files is removed
(Voilà does it the other way round, and every preheated kernel printed a traceback).

And it ends with the ``civicnb serve`` that started it, however that one ends
(:data:`PARENT_ENV` names its process): on Linux the kernel sends SIGTERM when the parent
dies (``PR_SET_PDEATHSIG``), and everywhere a watchdog checks every second that the
parent is still the same process; SIGHUP stops it as SIGTERM does. Either way Voilà stops
as on SIGTERM, shutting its kernels down, so a ``kill -9`` of civicnb or a closed
terminal leaves nothing serving. Once it listens on its port (never another one: ports
are not retried), it writes that port into the file :data:`READY_ENV` names, so that
civicnb knows that the server answering on the port is the one it started.

And no stock page of Voilà is on any address a person can reach: the server's root and
``/voila/tree...`` (Voilà's file list, with no ``lang`` and Font Awesome from a CDN)
redirect to the home page, ``voila/render/home.ipynb`` (under the server's base URL, the
query string kept; :data:`HOME_PAGE`), or say "no such page" where the folder served has
none (a course); ``/voila/api/contents...`` (the list's data) is "no such page"; and every
error page (an unknown address, a missing notebook, a refused file) is civicnb's
(``templates/voila/civicnb/page.html``: ``lang``, nothing from off the machine), in the
server's language (``--VoilaExporter.language_code``), not tornado's bare one.

Nothing else changes: the same settings and command-line options.

What of this relies on Voilà's internals (the exporter's and the kernel manager
factory's names, the pools, the order of ``Voila.stop``, the static file handlers) is
in :mod:`civicnb._compat.voila`, with a test for each.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import time
import weakref
from typing import Any

import jinja2
import tornado.ioloop
import tornado.web
import tornado.websocket
import traitlets
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from voila.app import Voila
from voila.exporter import VoilaExporter
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler

from civicnb._compat import voila as voila_compat
from civicnb.serving.voila import LEFTOVERS_ENV, PARENT_ENV, READY_ENV

__all__ = [
    "HOME_PAGE",
    "PARENT_ENV",
    "READY_ENV",
    "STATIC_MAX_AGE",
    "CivicnbVoila",
    "KeptTemplatesExporter",
    "culls_started_kernels_only",
    "main",
    "ready_first",
]

WATCHDOG_INTERVAL_MS = 1000

STATIC_MAX_AGE = 4 * 3600
"""Seconds a browser keeps Voilà's static files and the template's (no new request)."""

IMMUTABLE_PREFIX = "/voila/labextensions/"


class _Kept:
    """Mixed into a static file handler: browsers keep its files STATIC_MAX_AGE s."""

    def get_cache_time(self, path: str, modified: Any, mime_type: str) -> int:
        return STATIC_MAX_AGE


class _KeptTemplateFiles(_Kept, TemplateStaticFileHandler):  # type: ignore[misc]
    pass


class _KeptStaticFiles(_Kept, MultiStaticFileHandler):  # type: ignore[misc]
    pass


_REPLACED: dict[type[tornado.web.RequestHandler], type[tornado.web.RequestHandler]] = {
    TemplateStaticFileHandler: _KeptTemplateFiles,
    MultiStaticFileHandler: _KeptStaticFiles,
}


HOME_PAGE = "home.ipynb"
"""The home page, in the folder served (civicnb.execution.home writes it there)."""


class _CivicnbErrors:
    """Mixed into a page's handler: its error pages are civicnb's (``lang``, nothing
    from off the machine), from the template's ``404.html`` or ``error.html``."""

    settings: dict[str, Any]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        env: jinja2.Environment = self.settings["voila_jinja2_env"]
        name = "404.html" if status_code == 404 else "error.html"
        html = env.get_template(name).render(
            status_code=status_code,
            status_message="",
            base_url=self.settings.get("base_url", "/"),
            **self.settings.get("jinja_template_vars", {}),
        )
        handler: Any = self
        handler.set_header("Content-Type", "text/html; charset=UTF-8")
        handler.finish(html)


class _NotFound(_CivicnbErrors, tornado.web.RequestHandler):
    """Every address that is no page: civicnb's "no such page"."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


_WITH_ERRORS: dict[type[Any], type[Any]] = {}


def _with_civicnb_errors(cls: type[Any]) -> type[Any]:
    """``cls``, whose error pages are civicnb's (a page's handler; APIs and websockets
    keep theirs)."""
    if (
        not isinstance(cls, type)
        or not issubclass(cls, tornado.web.RequestHandler)
        or issubclass(cls, (APIHandler, tornado.websocket.WebSocketHandler, _CivicnbErrors))
    ):
        return cls
    made = _WITH_ERRORS.get(cls)
    if made is None:
        made = type(f"Civicnb{cls.__name__}", (_CivicnbErrors, cls), {})
        _WITH_ERRORS[cls] = made
    return made


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory (Jinja checks each against its template's source)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


TEMPLATE_CACHE = MemoryBytecodeCache()


class KeptTemplatesExporter(VoilaExporter):  # type: ignore[misc]
    """Voilà's exporter, with compiled templates shared across requests."""

    @property
    def environment(self) -> jinja2.Environment:
        # nbconvert makes the environment once per exporter; Jinja reads its cache when
        # it loads a template (after this): Voilà's own exporter extends it here too
        env: jinja2.Environment = super().environment
        env.bytecode_cache = TEMPLATE_CACHE
        return env


def ready_first(base: type[Any]) -> type[Any]:
    """``base`` (the class Voilà's kernel manager factory made, with preheated pools)
    whose pools count and hand out only kernels that are started or starting, ready
    ones first; never one whose (re)fill has not begun (see the module docs)."""

    class ReadyFirst(base):  # type: ignore[misc]
        def _starts(self) -> weakref.WeakKeyDictionary[asyncio.Task[Any], float]:
            starts = self.__dict__.get("_civicnb_starts")
            if starts is None:
                starts = weakref.WeakKeyDictionary()
                self.__dict__["_civicnb_starts"] = starts
            return starts

        def fill_if_needed(
            self,
            delay: float | None = None,
            notebook_name: str | None = None,
            *args: Any,
            **kw: Any,
        ) -> None:
            before = set(map(id, voila_compat.pool(self, notebook_name)))
            super().fill_if_needed(delay, notebook_name, *args, **kw)
            wait = delay if delay is not None else self.fill_delay
            starts = self._starts()
            for task in voila_compat.pool(self, notebook_name):
                if id(task) not in before:
                    starts[task] = time.monotonic() + wait

        def _usable(self, notebook_name: str) -> list[asyncio.Task[Any]]:
            now = time.monotonic()
            starts = self._starts()
            pool = voila_compat.pool(self, notebook_name)
            done = [t for t in pool if t.done()]
            return done + [t for t in pool if not t.done() and starts.get(t, 0.0) <= now]

        def get_pool_size(self, notebook_name: str) -> int:
            return len(self._usable(notebook_name))

        async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kw: Any) -> Any:
            usable = self._usable(notebook_name) if notebook_name is not None else []
            if usable:  # Voilà takes the pool's first: make it the best one
                pool = voila_compat.pool(self, notebook_name)
                pool.remove(usable[0])
                pool.insert(0, usable[0])
            return await super().get_rendered_notebook(notebook_name, *args, **kw)

    ReadyFirst.__name__ = ReadyFirst.__qualname__ = f"ReadyFirst{base.__name__}"
    return ReadyFirst


def _has_started(kernel: Any) -> bool:
    """Whether Jupyter Server has marked the kernel's activity (it does once the kernel
    has started); reading the mark before raises TraitError."""
    try:
        return getattr(kernel, "last_activity", None) is not None
    except traitlets.TraitError:
        return False


def culls_started_kernels_only(base: type[Any]) -> type[Any]:
    """``base`` (a kernel manager) whose culler passes over kernels still starting.

    Jupyter Server's culler (every ``cull_interval`` s) reads each kernel's
    ``last_activity``, which is set only once the kernel has started: a kernel still
    starting (dozens of preheated ones take a minute or more on two cores) made it log an
    ERROR with a traceback, every round, for each. Such a kernel is checked at the next
    round instead, once started (and culled then if idle)."""

    class CullsStartedOnly(base):  # type: ignore[misc]
        async def cull_kernel_if_idle(self, kernel_id: str) -> Any:
            try:
                kernel = self.get_kernel(kernel_id)
            except KeyError:  # gone meanwhile
                return None
            if not _has_started(kernel):
                return None
            return await super().cull_kernel_if_idle(kernel_id)

    CullsStartedOnly.__name__ = CullsStartedOnly.__qualname__ = f"CullsStartedOnly{base.__name__}"
    return CullsStartedOnly


def _kernel_manager_factory(*args: Any, **kwargs: Any) -> type[Any]:
    cls: type[Any] = voila_compat.voila_kernel_manager_factory()(*args, **kwargs)
    cls = ready_first(cls) if hasattr(cls, "get_rendered_notebook") else cls
    return culls_started_kernels_only(cls)


class CivicnbVoila(Voila):  # type: ignore[misc]
    """Voilà whose front-end files are cached by browsers (see the module docs)."""

    def init_settings(self) -> dict[str, Any]:
        # Voilà makes its kernel manager's class here
        voila_compat.use_kernel_manager_factory(_kernel_manager_factory)
        settings: dict[str, Any] = super().init_settings()
        base = (self.server_url or self.base_url or "/").rstrip("/")
        immutable = list(settings.get("static_immutable_cache", []))
        immutable.append(base + IMMUTABLE_PREFIX)
        settings["static_immutable_cache"] = immutable
        # the language of civicnb's error pages (templates/voila/civicnb/page.html)
        language = self.config.get("VoilaExporter", {}).get("language_code", "en")
        template_vars = dict(settings.get("jinja_template_vars", {}))
        template_vars["civicnb_lang"] = language if isinstance(language, str) else "en"
        settings["jinja_template_vars"] = template_vars
        settings["default_handler_class"] = _NotFound
        return settings

    def start(self) -> None:
        # the pages' renderer makes an exporter per request
        voila_compat.use_exporter(KeptTemplatesExporter)
        loop = tornado.ioloop.IOLoop.current()
        parent = _parent_pid()
        if parent is not None:
            self._parent_watchdog = tornado.ioloop.PeriodicCallback(
                lambda: self._check_parent(parent), WATCHDOG_INTERVAL_MS
            )
            self._parent_watchdog.start()
        # runs once the loop runs, which Voilà starts only after it listens on its port
        loop.add_callback(self._announce_ready)
        super().start()

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        # in place of the SIGTERM handler Voilà has just set, and for SIGHUP too
        signal.signal(signal.SIGTERM, self._stop_on_signal)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, self._stop_on_signal)

    def _stop_on_signal(self, sig: int, frame: Any) -> None:
        """As Voilà's, but also before Voilà has made its loop (stops it at once then)."""
        self.log.info("Handle signal %s.", sig)
        loop = getattr(self, "ioloop", None) or tornado.ioloop.IOLoop.current()
        loop.add_callback(loop.stop)  # thread-safe, so safe here (Voilà's is deprecated)

    def _check_parent(self, parent: int) -> None:
        if os.getppid() != parent:
            self.log.warning("civicnb serve (process %s) has ended: stopping.", parent)
            tornado.ioloop.IOLoop.current().stop()

    def _announce_ready(self) -> None:
        path = os.environ.get(READY_ENV)
        if not path:
            return
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(f"{self.port} {os.getpid()}\n")
        os.replace(tmp, path)

    def stop(self) -> None:
        """Kernels first, at once, then their folder. Voilà removes the folder first:
        with socket files (transport=ipc) every preheated kernel then printed a
        traceback as its sockets vanished. Nothing is lost by not waiting: answers are
        saved as they are given. Then Voilà's own stop (which finds no kernel left)."""
        from jupyter_core.utils import run_sync

        run_sync(self.kernel_manager.shutdown_all)(now=True)
        with contextlib.suppress(OSError):  # the folder is gone already: nothing left
            super().stop()
        parent = _parent_pid()
        if parent is not None and os.getppid() != parent:
            # civicnb serve was killed: the folders it made for this server are left
            for folder in os.environ.get(LEFTOVERS_ENV, "").split(os.pathsep):
                if os.path.basename(folder.rstrip(os.sep)).startswith("civicnb-"):
                    shutil.rmtree(folder, ignore_errors=True)

    def home_url(self) -> str | None:
        """The home page's address (under the base URL), if the folder served has it."""
        root = getattr(self, "root_dir", None) or os.getcwd()
        if getattr(self, "notebook_path", None) or not os.path.isfile(
            os.path.join(root, HOME_PAGE)
        ):
            return None
        return str(url_path_join(self.base_url or "/", "voila/render", HOME_PAGE))

    def init_handlers(self) -> list[Any]:
        tree, contents = voila_compat.tree_handler_classes()
        home = self.home_url()
        handlers: list[Any] = []
        for spec in super().init_handlers():
            if isinstance(spec, tuple) and len(spec) >= 2:
                cls: Any = spec[1]
                if cls is tree and home is not None:
                    # not permanent: browsers do not keep it (the root may serve otherwise)
                    redirect = {"url": home, "permanent": False}
                    spec = (spec[0], tornado.web.RedirectHandler, redirect)
                elif cls is tree or cls is contents:
                    spec = (spec[0], _NotFound)
                else:
                    cls = _REPLACED.get(cls, cls)
                    spec = (spec[0], _with_civicnb_errors(cls), *spec[2:])
            handlers.append(spec)
        return handlers


def _parent_pid() -> int | None:
    value = os.environ.get(PARENT_ENV, "")
    return int(value) if value.isdigit() else None


def _die_with_parent(parent: int) -> None:
    """Linux: SIGTERM this process when its parent dies; then make sure the parent has
    not died already (before the request was made)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watchdog still stops it
            pass
    if os.getppid() != parent:
        sys.exit(1)


def main() -> None:
    parent = _parent_pid()
    if parent is not None:
        _die_with_parent(parent)
    CivicnbVoila.launch_instance()


if __name__ == "__main__":
    main()
