"""The page's request (query string) in a Voilà kernel, without importing Voilà.

A preheated kernel runs the notebook before anyone asks for the page; it learns the
request (``QUERY_STRING``…) from Voilà's ``/voila/query/<kernel id>`` websocket once the
page is requested. ``voila.utils.wait_for_request`` does this, but importing it pulls in
Voilà's server (jupyter_server, jupyterlab_server, nbconvert): about 2.4 s and 40 MB in
every kernel. This is the same protocol with only ``websockets``; what it assumes of
Voilà is in :mod:`civicnb._compat.voila` (and tested against Voilà's own handler).
"""

from __future__ import annotations

import asyncio
import os
import threading
from urllib.parse import parse_qs

from civicnb._compat.voila import request_info, request_info_url

__all__ = ["query", "wait_for_request"]


async def _receive(url: str) -> str | bytes | None:
    import websockets

    try:
        async with websockets.connect(url, open_timeout=5) as ws:
            message: str | bytes = await ws.recv()
    except (OSError, TimeoutError):
        return None
    return message


def wait_for_request() -> None:
    """In a preheated Voilà kernel, block until the page is requested and put the
    request's variables into ``os.environ``; elsewhere return at once."""
    url = request_info_url(os.environ)
    if url is None:
        return
    result: list[str | bytes | None] = [None]

    def run() -> None:  # the kernel's own event loop is busy running this cell
        loop = asyncio.new_event_loop()
        try:
            result[0] = loop.run_until_complete(_receive(url))
        finally:
            loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join()
    os.environ.update(request_info(result[0]))


def query(max_length: int = 2000) -> dict[str, str]:
    """The page's query parameters (first value of each), bounded in size."""
    wait_for_request()
    raw = os.environ.get("QUERY_STRING", "")[:max_length]
    parsed = parse_qs(raw, max_num_fields=20)
    return {k: v[0] for k, v in parsed.items() if v and len(v[0]) <= 100}
