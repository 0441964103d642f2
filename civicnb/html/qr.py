"""The join link as a QR code, drawn offline (segno) as inline SVG with a text
alternative."""

from __future__ import annotations

import html
import ipaddress
import os
from urllib.parse import urlsplit

import segno

from civicnb.i18n import LANGUAGES

__all__ = ["join_url", "only_this_computer", "qr_svg"]


def join_url(locality_slug: str, lang: str = "") -> str | None:
    """The participants' start page as the room's devices reach it.

    ``civicnb serve`` tells kernels its public base address in ``CIVICNB_PUBLIC_URL``
    (``http://HOST:PORT/voila/render``); None when the page is not served by it.
    """
    base = os.environ.get("CIVICNB_PUBLIC_URL", "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        return None
    url = f"{base}/{locality_slug}/start.ipynb"
    return f"{url}?lang={lang}" if lang in LANGUAGES else url


def only_this_computer(url: str) -> bool:
    """Whether ``url`` names this computer itself (127.0.0.1, localhost, ::1): no other
    device in the room can open it."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def qr_svg(url: str, label: str) -> str:
    """An SVG QR code of ``url`` (black on white, quiet zone kept) named ``label``."""
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    name = html.escape(label, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)
