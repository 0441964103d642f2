"""Small page-level widgets: the page context (language, title, the session token kept
in the browser's storage, focus) and a polite live status region.

Front-ends: ``widgets/page/page.js`` and ``widgets/page/status.js`` (text only).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from civicnb.assets import widget_file
from civicnb.i18n import LANGUAGES, language_tag, t
from civicnb.lab_style import lab_stylesheet
from civicnb.ui.environment import in_jupyterlab

__all__ = ["DownloadButton", "LiveStatus", "PageContext", "heading_id"]

_MAX_STORED = 2_000
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class PageContext(anywidget.AnyWidget):
    """Invisible: sets ``<html lang>`` and the title; tells the kernel which session the
    browser holds (a token in localStorage, never in the address) and keeps a new one.

    On display the browser sends ``stored`` (what it keeps under ``storage_key``),
    ``device`` (its device token) and then ``ready``: observe ``ready``.
    """

    _esm = widget_file("page", "page.js")
    _css = widget_file("page", "page.css")

    lang = traitlets.Unicode("en").tag(sync=True)
    """civicnb's language code of the page (``pt``)."""
    tag = traitlets.Unicode("en").tag(sync=True)
    """Its BCP 47 tag (``pt-BR``), set from ``lang``: what ``<html lang>`` says."""
    title = traitlets.Unicode("").tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    """When set, replaces the address bar's query string (e.g. ``lang=es``): never an
    identity."""
    storage_key = traitlets.Unicode("").tag(sync=True)
    remember = traitlets.Unicode("").tag(sync=True)
    """JSON to keep in the browser's localStorage under ``storage_key``."""
    forget = traitlets.Bool(False).tag(sync=True)
    navigate = traitlets.Unicode("").tag(sync=True)
    """When set, the browser goes to this page of the app (e.g. ``start.ipynb?kiosk=1``),
    replacing the current history entry."""
    stored = traitlets.Unicode("").tag(sync=True)
    """What the browser had stored under ``storage_key`` (sent once, on display)."""
    device = traitlets.Unicode("").tag(sync=True)
    """The browser's device token (random, kept in its localStorage; counts devices)."""
    ready = traitlets.Bool(False).tag(sync=True)
    """Set by the browser once ``stored`` and ``device`` are sent."""
    focus = traitlets.Unicode("").tag(sync=True)
    """``"<id> <n>"``: move focus to the heading with this id, at the top of the page."""
    host = traitlets.Unicode("").tag(sync=True)
    """``"lab"`` when the notebook runs in JupyterLab (:func:`in_jupyterlab`): the page
    is then one output among Lab's panels, so the browser leaves Lab's title, language,
    address and history alone, reloads nothing, moves focus only when the person is
    working in this output, and shows a link (``navigate_text``) instead of leaving."""
    navigate_text = traitlets.Unicode("").tag(sync=True)
    """In JupyterLab: the words before the link to the page ``navigate`` names."""

    @traitlets.default("host")
    def _default_host(self) -> str:
        return "lab" if in_jupyterlab() else ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tag = language_tag(self.lang)
        if self.host == "lab":
            # Voilà's civicnb.css is not in Lab's page: the same rules, scoped to this
            # page's output (civicnb.lab_style), after page.css
            self._css = f"{self._css}\n{lab_stylesheet()}"  # type: ignore[assignment]

    @traitlets.observe("lang")
    def _tag_of_lang(self, change: dict[str, Any]) -> None:
        self.tag = language_tag(str(change["new"]))

    @traitlets.validate("stored")
    def _check_stored(self, proposal: traitlets.Bunch) -> str:
        value = proposal["value"]
        if not isinstance(value, str) or len(value) > _MAX_STORED:
            return ""
        return value

    @traitlets.validate("device")
    def _check_device(self, proposal: traitlets.Bunch) -> str:
        value = proposal["value"]
        return value if isinstance(value, str) and _TOKEN.match(value) else ""

    def when_ready(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once the browser has said what it holds (at once if it has)."""
        if self.ready:
            fn()
            return

        def once(_change: dict[str, Any]) -> None:
            if self.ready:
                self.unobserve(once, names="ready")
                fn()

        self.observe(once, names="ready")

    def remembered(self) -> dict[str, str]:
        """The session the browser holds: ``{"s": token, "lang": …}``, or {} when nothing
        usable is stored (the token is checked against the store by the caller)."""
        try:
            data = json.loads(self.stored) if self.stored else {}
        except ValueError:
            return {}
        if not isinstance(data, dict):
            return {}
        out: dict[str, str] = {}
        token = data.get("s")
        if isinstance(token, str) and _TOKEN.match(token):
            out["s"] = token
        lang = data.get("lang")
        if lang in LANGUAGES:
            out["lang"] = str(lang)
        return out

    def leave(self, url: str, storage_key: str = "") -> None:
        """Forget the session kept under ``storage_key`` (if any) and go to ``url``
        (a page of the app), replacing the history entry: Back does not come here."""
        with self.hold_sync():
            if storage_key:
                self.storage_key = storage_key
            self.remember = ""
            self.forget = True
            if self.host == "lab":
                self.navigate_text = t("lab_go_on", self.lang)
            self.navigate = url

    def keep(self, token: str, lang: str) -> None:
        """Keep a session token in the browser's storage (never in the address)."""
        with self.hold_sync():
            self.forget = False
            self.remember = json.dumps({"s": token, "lang": lang})

    def drop(self) -> None:
        """Forget the session kept in this browser."""
        with self.hold_sync():
            self.remember = ""
            self.forget = True

    def focus_heading(self, heading_id: str) -> None:
        """Move focus to the element ``heading_id`` (e.g. from :func:`heading_id`) once
        it is shown, scrolled to the top."""
        n = int(self.focus.split(" ")[1]) + 1 if " " in self.focus else 1
        self.focus = f"{heading_id} {n}"


_heading_ids = itertools.count(1)


def heading_id() -> str:
    """A new id for a page's main heading (unique in this kernel)."""
    return f"civicnb-main-{next(_heading_ids)}"


class LiveStatus(anywidget.AnyWidget):
    """A ``role="status"`` line: "Saved", or what went wrong (announced politely)."""

    _esm = widget_file("page", "status.js")
    _css = widget_file("page", "status.css")

    text = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("").tag(sync=True)

    def show(self, text: str, kind: str = "ok") -> None:
        with self.hold_sync():
            self.kind = kind
            self.text = text

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)


class DownloadButton(anywidget.AnyWidget):
    """A button that downloads a file made by ``provider()`` when clicked (fresh data
    every time)."""

    _esm = widget_file("page", "download.js")
    _css = widget_file("page", "download.css")

    label = traitlets.Unicode("Download").tag(sync=True)

    def __init__(
        self,
        label: str,
        filename: str,
        mime: str,
        provider: Callable[[], bytes],
        on_error: Callable[[Exception], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label=label, **kwargs)
        self.filename = filename
        self._mime = mime
        self._provider = provider
        self._on_error = on_error
        self.on_msg(self._handle)

    def _handle(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("event") != "download":
            return
        try:
            data = self._provider()
        except Exception as exc:  # shown to the participant, never a traceback
            if self._on_error is not None:
                self._on_error(exc)
            return
        self.send({"event": "file", "filename": self.filename, "mime": self._mime}, [data])
