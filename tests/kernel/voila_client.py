"""A participant's page without a browser: what Voilà's front end does, over the real
Jupyter kernel protocol.

1. ``GET /voila/render/<notebook>?...``: Voilà streams the page; the
   ``jupyter-config-data`` script holds the kernel id and each widget output holds the
   model id of a view to render (:func:`parse_page`).
2. Connect ``ws://HOST:PORT/api/kernels/<kernel id>/channels?session_id=<client id>``
   with the ``v1.kernel.websocket.jupyter.org`` subprotocol (JupyterLab services, which
   Voilà's front end uses, prefers it; binary frames, see :func:`ws_v1_pack`), and send
   ``kernel_info_request``.
3. ``@jupyter-widgets/base``'s ``_loadFromKernel``: open a comm with target
   ``jupyter.widget.control`` (metadata ``version: 1.0.0``) and send
   ``{"method": "request_states"}``; the kernel answers ``update_states`` with every
   widget model's state. Models are then bound to their comm ids (= model ids) without
   any further message.
4. A change in the page is ``comm_msg`` ``{"method": "update", "state": {...},
   "buffer_paths": []}`` on the model's comm (``model.save_changes()``); what a person
   chooses or writes in civicnb's own widgets is ``{"method": "custom", "content":
   {"state": {...}}}`` (``model.send``, civicnb.ui.sent_state).

Only the standard library and ``websockets`` (a dependency of Voilà) are used.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import time
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

__all__ = [
    "KernelConnection",
    "Page",
    "Reply",
    "fetch_page",
    "parse_page",
    "widget_tree",
    "ws_v1_pack",
    "ws_v1_unpack",
]

WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"
MODEL_REF = "IPY_MODEL_"

_CONFIG = re.compile(
    r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S
)
_OUTPUT = re.compile(
    r'<script type="application/vnd\.voila\.cell-output\+json">\s*(\{.*?\})\s*</script>', re.S
)


# --- the page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    kernel_id: str
    view_ids: list[str]
    """Model ids of the widget views the page displays, in order."""
    base_url: str
    seconds: float
    """Time until the whole HTML was received."""
    html: str = ""


def parse_page(body: str) -> tuple[str, list[str], str]:
    """``(kernel id, widget view model ids, base url)`` from a page Voilà rendered."""
    m = _CONFIG.search(body)
    if m is None:
        raise AssertionError("no jupyter-config-data in the page")
    config = json.loads(m.group(1))  # Jinja's tojson: <, >, & and ' are \u-escaped
    views = []
    for out in _OUTPUT.finditer(body):
        data = json.loads(out.group(1)).get("data", {})
        view = data.get("application/vnd.jupyter.widget-view+json")
        if view:
            views.append(view["model_id"])
    return config["kernelId"], views, config.get("baseUrl", "/")


def fetch_page(url: str, timeout: float = 180, headers: Mapping[str, str] | None = None) -> Page:
    """GET a Voilà page (blocking) and parse it (``headers``: e.g. the cookie a reverse
    proxy keeps a browser on one server with)."""
    t0 = time.perf_counter()
    request = urllib.request.Request(url, headers=dict(headers or {}))
    with urllib.request.urlopen(request, timeout=timeout) as resp:
        body = resp.read().decode("utf-8", "replace")
    seconds = time.perf_counter() - t0
    kernel_id, views, base_url = parse_page(body)
    return Page(kernel_id, views, base_url, seconds, body)


def widget_tree(states: Mapping[str, Mapping[str, Any]], roots: Iterable[str]) -> list[str]:
    """The model ids reachable from ``roots`` through ``IPY_MODEL_`` references (children,
    layout, style…), depth first in display order: the models a browser would render."""
    seen: set[str] = set()
    order: list[str] = []

    def refs(value: Any) -> Iterable[str]:
        if isinstance(value, str) and value.startswith(MODEL_REF):
            yield value[len(MODEL_REF) :]
        elif isinstance(value, list | tuple):
            for v in value:
                yield from refs(v)
        elif isinstance(value, dict):
            for v in value.values():
                yield from refs(v)

    def visit(model_id: str) -> None:
        if model_id in seen or model_id not in states:
            return
        seen.add(model_id)
        order.append(model_id)
        for ref in refs(states[model_id].get("state", {})):
            visit(ref)

    for root in roots:
        visit(root)
    return order


# --- the kernel websocket protocol, v1 ------------------------------------------------


def ws_v1_pack(channel: str, parts: list[bytes]) -> bytes:
    """One websocket frame: offsets (little-endian uint64), channel, then the parts
    (header, parent header, metadata, content, buffers…)."""
    chan = channel.encode("utf-8")
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(chan))
    for p in parts:
        offsets.append(offsets[-1] + len(p))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + chan + b"".join(parts)


def ws_v1_unpack(frame: bytes) -> tuple[str, list[bytes]]:
    n = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]
    channel = frame[offsets[0] : offsets[1]].decode("utf-8")
    return channel, [frame[offsets[i] : offsets[i + 1]] for i in range(1, n - 1)]


@dataclass
class Reply:
    """Everything the kernel sent in answer to one of our messages."""

    msg_id: str
    sent_at: float
    idle_at: float | None = None
    shell_reply: dict[str, Any] | None = None
    iopub: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> list[dict[str, Any]]:
        """``error`` messages and stderr output caused by the message."""
        out = []
        for m in self.iopub:
            kind = m["header"]["msg_type"]
            if kind == "error" or (kind == "stream" and m["content"].get("name") == "stderr"):
                out.append(m)
        return out

    def comm_msgs(self, comm_id: str, method: str | None = None) -> list[dict[str, Any]]:
        return [
            m["content"]["data"]
            for m in self.iopub
            if m["header"]["msg_type"] == "comm_msg"
            and m["content"].get("comm_id") == comm_id
            and (method is None or m["content"]["data"].get("method") == method)
        ]


class KernelConnection:
    """One page's websocket to its kernel."""

    def __init__(self, ws: ClientConnection, session_id: str) -> None:
        self.ws = ws
        self.session_id = session_id
        self.replies: dict[str, Reply] = {}
        self._done: dict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self._types: dict[str, str] = {}
        self.unsolicited: list[dict[str, Any]] = []
        """iopub messages whose parent is not one of ours (other clients, the executor)."""
        self.closed_with: BaseException | None = None
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(
        cls,
        host: str,
        port: int,
        kernel_id: str,
        base_url: str = "/",
        headers: Mapping[str, str] | None = None,
    ) -> KernelConnection:
        session_id = uuid.uuid4().hex
        url = (
            f"ws://{host}:{port}{base_url}api/kernels/{kernel_id}/channels?session_id={session_id}"
        )
        ws = await connect(
            url,
            subprotocols=[Subprotocol(WS_PROTOCOL)],
            max_size=None,
            open_timeout=120,
            ping_timeout=None,  # a busy server may not answer pings for a while
            additional_headers=dict(headers or {}),
        )
        if ws.subprotocol != WS_PROTOCOL:
            await ws.close()
            raise AssertionError(f"the server chose the websocket protocol {ws.subprotocol!r}")
        return cls(ws, session_id)

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._reader
        await self.ws.close()

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                if isinstance(frame, str):  # never with the v1 protocol
                    raise AssertionError("text frame on a v1 kernel websocket")
                channel, parts = ws_v1_unpack(frame)
                msg = {
                    "channel": channel,
                    "header": json.loads(parts[0]),
                    "parent_header": json.loads(parts[1]),
                    "metadata": json.loads(parts[2]),
                    "content": json.loads(parts[3]),
                    "buffers": parts[4:],
                }
                parent = msg["parent_header"].get("msg_id")
                reply = self.replies.get(parent) if parent else None
                if reply is None:
                    if channel == "iopub":
                        self.unsolicited.append(msg)
                    continue
                if channel == "iopub":
                    reply.iopub.append(msg)
                    if (
                        msg["header"]["msg_type"] == "status"
                        and msg["content"].get("execution_state") == "idle"
                    ):
                        reply.idle_at = time.perf_counter()
                elif channel in ("shell", "control"):
                    reply.shell_reply = msg
                if reply.idle_at is not None and (
                    reply.shell_reply is not None or not self._wants_reply(parent)
                ):
                    self._done[parent].set()
        except BaseException as exc:  # the socket closed: wake everyone up
            self.closed_with = exc
            for ev in self._done.values():
                ev.set()
            raise

    _NO_REPLY = frozenset({"comm_msg", "comm_open", "comm_close"})

    def _wants_reply(self, msg_id: str) -> bool:
        return self._types.get(msg_id) not in self._NO_REPLY

    async def send(
        self,
        msg_type: str,
        content: dict[str, Any],
        *,
        metadata: dict[str, Any] | None = None,
        channel: str = "shell",
        timeout: float = 120,
    ) -> Reply:
        """Send a message and wait until the kernel is idle again after it (and, for a
        request, until its reply came)."""
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": "",
            "session": self.session_id,
            "date": dt.datetime.now(dt.UTC).isoformat(),
            "version": "5.3",
        }
        parts = [
            json.dumps(x, ensure_ascii=False).encode("utf-8")
            for x in (header, {}, metadata or {}, content)
        ]
        reply = Reply(msg_id, time.perf_counter())
        self.replies[msg_id] = reply
        self._types[msg_id] = msg_type
        event = self._done[msg_id]
        await self.ws.send(ws_v1_pack(channel, parts))
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"{msg_type}: the kernel did not answer within {timeout:.0f} s"
            ) from None
        if reply.idle_at is None:  # woken up because the socket closed
            raise AssertionError(f"{msg_type}: the websocket closed ({self.closed_with!r})")
        return reply

    # --- widgets ----------------------------------------------------------------------

    async def request_states(self, timeout: float = 120) -> dict[str, dict[str, Any]]:
        """``_loadFromKernel``: every widget model's state, by model id."""
        comm_id = uuid.uuid4().hex
        opened = await self.send(
            "comm_open",
            {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
            metadata={"version": CONTROL_VERSION},
            timeout=timeout,
        )
        if opened.errors:
            raise AssertionError(f"opening the control comm failed: {opened.errors}")
        reply = await self.send(
            "comm_msg",
            {"comm_id": comm_id, "data": {"method": "request_states"}},
            timeout=timeout,
        )
        found = reply.comm_msgs(comm_id, "update_states")
        if not found:
            raise AssertionError(f"no update_states in answer to request_states: {reply.iopub}")
        await self.send("comm_close", {"comm_id": comm_id, "data": {}}, timeout=timeout)
        states: dict[str, dict[str, Any]] = found[0]["states"]
        return states

    async def update(self, model_id: str, state: dict[str, Any], timeout: float = 120) -> Reply:
        """``model.save_changes()`` in the browser."""
        return await self.send(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
            timeout=timeout,
        )

    async def send_state(self, model_id: str, state: dict[str, Any], timeout: float = 120) -> Reply:
        """``model.send({state})`` in the browser: how civicnb's own widgets (a rating
        card, a choice) send what a person chose or wrote."""
        return await self.send(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "custom", "content": {"state": state}}},
            timeout=timeout,
        )
