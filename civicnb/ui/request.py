"""The page's request (query string) in a Voilà kernel, without importing Voilà.

A preheated kernel runs the notebook before anyone asks for the page; it learns the
request (``QUERY_STRING``…) from Voilà's ``/voila/query/<kernel id>`` websocket once the
page is requested. ``voila.utils.wait_for_request`` does this, but importing it pulls in
Voilà's server (jupyter_server, jupyterlab_server, nbconvert): about 2.4 s and 40 MB in
every kernel. This is the same protocol with only ``websockets``.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from urllib.parse import parse_qs

__all__ = ["query", "wait_for_request"]


async def _receive(url: str) -> str | None:
    import websockets

    try:
        async with websockets.connect(url, open_timeout=5) as ws:
            message = await ws.recv()
    except (OSError, TimeoutError):
        return None
    return message if isinstance(message, str) else message.decode("utf-8", "replace")


def wait_for_request() -> None:
    """In a preheated Voilà kernel, block until the page is requested and put the
    request's variables into ``os.environ``; elsewhere return at once."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel = os.environ.get("VOILA_KERNEL_ID", "")
    url = f"{protocol}://{host}:{port}{base}voila/query/{kernel}"
    result: list[str | None] = [None]

    def run() -> None:  # the kernel's own event loop is busy running this cell
        result[0] = asyncio.new_event_loop().run_until_complete(_receive(url))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join()
    if result[0]:
        try:
            info = json.loads(result[0])
        except ValueError:
            return
        if isinstance(info, dict):
            for key, value in info.items():
                if isinstance(key, str) and isinstance(value, str):
                    os.environ[key] = value


def query(max_length: int = 2000) -> dict[str, str]:
    """The page's query parameters (first value of each), bounded in size."""
    wait_for_request()
    raw = os.environ.get("QUERY_STRING", "")[:max_length]
    parsed = parse_qs(raw, max_num_fields=20)
    return {k: v[0] for k, v in parsed.items() if v and len(v[0]) <= 100}
