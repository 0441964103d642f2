"""Serving past one laptop: several ``civicnb serve`` processes on one PostgreSQL store,
behind nginx under a path prefix (docs/deploy.md).

:func:`nginx_config` writes the nginx site that ``civicnb deploy nginx`` prints:

* one ``upstream`` with every ``civicnb serve`` (``--upstream HOST:PORT``, each started
  with ``--base-url PREFIX``), balanced by a hash of a cookie (``civicnb_server``) that
  nginx itself sets on a browser's first request (a random value: ``$request_id``), so
  that a participant's page and its kernel's websocket reach the same server, and
  participants are spread over the servers (``ip_hash`` would send a whole room behind
  one router to one server). When a server is down, nginx sends its participants to
  another: they reload and carry on, their answers being in the shared store;
* the location ``PREFIX`` passed on as it is (Voilà serves under the same prefix), with
  the websocket upgrade, long timeouts for the pages' websockets, and no buffering (Voilà
  streams a page as it renders it);
* HTTPS when a certificate and key are given (and port 80 redirected to it).

>>> conf = nginx_config("/civicnb/", ["127.0.0.1:8866", "127.0.0.1:8867"])
>>> "hash $civicnb_route consistent;" in conf, "location /civicnb/ {" in conf
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civicnb.errors import UsageError

__all__ = ["COOKIE", "UPSTREAM_NAME", "base_url", "nginx_config", "upstream_address"]

COOKIE = "civicnb_server"
"""The cookie nginx sets to keep a browser on one server."""
UPSTREAM_NAME = "civicnb_servers"

_PREFIX = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*$")
_HOST_PORT = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$")
_SERVER_NAME = re.compile(r"^[A-Za-z0-9.*_-]+$")
_LISTEN = re.compile(r"^(?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$")
_FILE = re.compile(r"^/[^\s;{}'\"\\$]+$")


def base_url(prefix: str) -> str:
    """``prefix`` as a base URL: ``/`` or ``/a/b/`` (letters, digits, ``.``, ``_``,
    ``~``, ``-``); a missing first or last slash is added."""
    text = prefix.strip()
    if not text.startswith("/"):
        text = "/" + text
    if not text.endswith("/"):
        text += "/"
    if not _PREFIX.match(text) or "/../" in text or "/./" in text:
        raise UsageError(
            f"the base URL must be a path like /civicnb/ (letters, digits, . _ ~ -; got {prefix!r})"
        )
    return text


def upstream_address(text: str) -> str:
    """A ``HOST:PORT`` where a ``civicnb serve`` listens (``[::1]:8866`` for IPv6)."""
    found = _HOST_PORT.match(text.strip())
    if not found or not 0 < int(found.group(1)) < 65536:
        raise UsageError(
            f"--upstream must be HOST:PORT where a `civicnb serve` listens, e.g. "
            f"127.0.0.1:8866 (got {text!r})"
        )
    return text.strip()


def _listen(text: str) -> str:
    found = _LISTEN.match(text.strip())
    if not found or not 0 < int(found.group(1)) < 65536:
        raise UsageError(f"--listen must be PORT or ADDRESS:PORT, e.g. 443 (got {text!r})")
    return text.strip()


def nginx_config(
    prefix: str,
    upstreams: Sequence[str],
    *,
    server_name: str = "_",
    listen: str | None = None,
    tls_certificate: str | None = None,
    tls_key: str | None = None,
    fail_timeout: int = 10,
) -> str:
    """The nginx site (``http`` context: an ``upstream``, three ``map``\\ s and the
    ``server``\\ s) that carries civicnb under ``prefix`` to ``upstreams``. ``listen``
    defaults to 443 with TLS (``tls_certificate`` and ``tls_key``, PEM files), else 80.
    A server that refuses a connection is left out for ``fail_timeout`` seconds."""
    prefix = base_url(prefix)
    if not upstreams:
        raise UsageError("give at least one --upstream HOST:PORT (a `civicnb serve`)")
    servers = [upstream_address(u) for u in upstreams]
    if len(set(servers)) != len(servers):
        raise UsageError("each --upstream must be a different server")
    if not _SERVER_NAME.match(server_name):
        raise UsageError(
            f"--server-name must be a host name, e.g. civicnb.example.org (got {server_name!r})"
        )
    if (tls_certificate is None) != (tls_key is None):
        raise UsageError("give both --tls-certificate and --tls-key, or neither")
    tls = tls_certificate is not None and tls_key is not None
    for path in (tls_certificate, tls_key):
        if path is not None and not _FILE.match(path):
            raise UsageError(f"the certificate and key must be absolute paths (got {path!r})")
    where = _listen(listen) if listen else ("443" if tls else "80")
    if fail_timeout < 1:
        raise UsageError("fail_timeout must be at least 1 second")
    bare = prefix.rstrip("/")
    lines = [
        f"# civicnb under {prefix}, {len(servers)} server(s) sharing one PostgreSQL store.",
        "# Made by `civicnb deploy nginx`; see civicnb's docs/deploy.md. Each server runs",
        f"#   civicnb serve --base-url {prefix} --port PORT (one per --upstream below).",
        "",
        "# a browser keeps to one server (its page and its kernel's websocket): by a cookie",
        "# nginx sets on the first request",
        f"map $cookie_{COOKIE} $civicnb_route {{",
        '    ""      $request_id;',
        f"    default $cookie_{COOKIE};",
        "}",
        f"map $cookie_{COOKIE} $civicnb_set_cookie {{",
        f'    ""      "{COOKIE}=$request_id; Path={prefix}; HttpOnly; SameSite=Lax'
        + ('; Secure";' if tls else '";'),
        '    default "";',
        "}",
        "map $http_upgrade $civicnb_connection {",
        "    default upgrade;",
        '    ""      close;',
        "}",
        "",
        f"upstream {UPSTREAM_NAME} {{",
        "    hash $civicnb_route consistent;",
        *(f"    server {s} max_fails=1 fail_timeout={fail_timeout}s;" for s in servers),
        "}",
        "",
    ]
    if tls:
        lines += [
            "server {",
            "    listen 80;",
            f"    server_name {server_name};",
            "    return 301 https://$host$request_uri;",
            "}",
            "",
        ]
    lines += [
        "server {",
        f"    listen {where}{' ssl' if tls else ''};",
        f"    server_name {server_name};",
        "    absolute_redirect off;",
    ]
    if tls:
        lines += [
            f"    ssl_certificate {tls_certificate};",
            f"    ssl_certificate_key {tls_key};",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
        ]
    if bare:
        lines += ["", f"    location = {bare} {{", f"        return 301 {prefix};", "    }"]
    lines += [
        "",
        f"    location {prefix} {{",
        f"        proxy_pass http://{UPSTREAM_NAME};",
        "        proxy_http_version 1.1;",
        "        proxy_set_header Upgrade $http_upgrade;",
        "        proxy_set_header Connection $civicnb_connection;",
        "        # with its port: Jupyter checks a websocket's Origin against it",
        "        proxy_set_header Host $http_host;",
        "        proxy_set_header X-Real-IP $remote_addr;",
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "        proxy_set_header X-Forwarded-Proto $scheme;",
        "        # a page's websocket stays open as long as the page",
        "        proxy_read_timeout 1h;",
        "        proxy_send_timeout 1h;",
        "        # Voila streams a page while its notebook runs",
        "        proxy_buffering off;",
        "        # a server that is down: the next one (its participants reload there)",
        "        proxy_next_upstream error timeout;",
        "        add_header Set-Cookie $civicnb_set_cookie always;",
        *(
            ['        add_header Strict-Transport-Security "max-age=31536000" always;']
            if tls
            else []
        ),
        "    }",
        "}",
        "",
    ]
    return "\n".join(lines)
