"""Small page-level widgets: the page context (language, title, identity kept in the
address bar and the browser's storage) and a polite live status region.

Front-ends: ``widgets/page/page.js`` and ``widgets/page/status.js`` (text only).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from civicnb.ui.assets import widget_file

__all__ = ["DownloadButton", "LiveStatus", "PageContext"]

_MAX_STORED = 2_000
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class PageContext(anywidget.AnyWidget):
    """Invisible: sets ``<html lang>`` and the title; remembers who is answering."""

    _esm = widget_file("page", "page.js")

    lang = traitlets.Unicode("en").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    """When set, replaces the address bar's query string (e.g. ``p=…&lang=es``)."""
    storage_key = traitlets.Unicode("").tag(sync=True)
    remember = traitlets.Unicode("").tag(sync=True)
    """JSON to keep in the browser's localStorage under ``storage_key``."""
    forget = traitlets.Bool(False).tag(sync=True)
    navigate = traitlets.Unicode("").tag(sync=True)
    """When set, the browser goes to this page of the app (e.g. ``start.ipynb?kiosk=1``),
    replacing the current history entry."""
    stored = traitlets.Unicode("").tag(sync=True)
    """What the browser had stored under ``storage_key`` (sent once, on display)."""

    @traitlets.validate("stored")
    def _check_stored(self, proposal: traitlets.Bunch) -> str:
        value = proposal["value"]
        if not isinstance(value, str) or len(value) > _MAX_STORED:
            return ""
        return value

    def remembered(self) -> dict[str, str]:
        """The identity the browser remembers: ``{"p": participant id, "lang": …}``,
        or {} when nothing usable is stored (the browser's word is checked)."""
        try:
            data = json.loads(self.stored) if self.stored else {}
        except ValueError:
            return {}
        if not isinstance(data, dict):
            return {}
        out: dict[str, str] = {}
        pid = data.get("p")
        if isinstance(pid, str) and _ID.match(pid):
            out["p"] = pid
        lang = data.get("lang")
        if lang in ("en", "es"):
            out["lang"] = str(lang)
        return out

    def leave(self, url: str, storage_key: str = "") -> None:
        """Forget the identity kept under ``storage_key`` (if any) and go to ``url``
        (a page of the app), replacing the history entry: Back does not come here."""
        with self.hold_sync():
            if storage_key:
                self.storage_key = storage_key
            self.remember = ""
            self.forget = True
            self.navigate = url

    def keep(self, participant_id: str, lang: str) -> None:
        """Keep the identity in the address bar and in the browser's storage."""
        self.query = f"p={participant_id}&lang={lang}"
        self.remember = json.dumps({"p": participant_id, "lang": lang})


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
