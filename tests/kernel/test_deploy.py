"""Past one laptop (docs/deploy.md): two ``civicnb serve --base-url /civicnb/`` share one
PostgreSQL store behind Debian's nginx, with the site ``civicnb deploy nginx`` prints.

One test, in steps, so that the servers start once:

1. through the proxy, every page a person reaches (the home page, a locality's start
   page, the facilitator's page, a strand page, an unknown address) and every file and
   link in them (the HTML, the front-end files, the widget extensions, the links inside
   the widgets) stays under ``/civicnb/``; the redirects too;
2. nginx keeps a browser on one server by the cookie it sets; participants are spread
   over both servers; their page and its kernel's websocket go through nginx (with the
   browser's ``Origin``);
3. answers given through one server are on the other's page at the next load; the
   facilitator reveals a strand and records what the group agreed through one server,
   and the other server's facilitator page and participants' pages show them;
4. one server is killed with SIGKILL (it, Voilà and its kernels): its participants
   reload, nginx sends them to the other server, they find their answers and add the
   rest; every answer is stored once, none is lost.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from deploy_harness import CSS, HOST, PREFIX, Nginx, Serve, free_port, pg_workspace
from voila_client import KernelConnection, fetch_page

from civicnb.i18n import t
from civicnb.records import Side
from civicnb.serving.deploy import COOKIE, nginx_config
from civicnb.workshop.participation import current_round, join, start_session
from civicnb.workspace import Workspace

pytestmark = [
    pytest.mark.kernel,
    pytest.mark.slow,  # about 70 s (two servers, a dozen kernels); `make test` runs it
    pytest.mark.postgres,
    pytest.mark.xdist_group("deploy"),
]

LOCALITY = "villaflor"
LANG = "es"
TIMEOUT = 180.0
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]+)""")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _get(url: str, headers: dict[str, str] | None = None, follow: bool = True) -> Any:
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        resp = opener.open(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as exc:
        resp = exc
    with resp:
        return resp.status, resp.headers, resp.read().decode("utf-8", "replace"), resp.geturl()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class Site:
    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.root = f"{self.origin}{PREFIX}"

    def headers(self, cookie: str) -> dict[str, str]:
        return {"Cookie": f"{COOKIE}={cookie}", "Origin": self.origin}

    def check_links(self, text: str, base: str, where: str) -> list[str]:
        """The links of ``text`` (resolved against ``base``); fails on one that leaves
        the prefix (an absolute path or address elsewhere)."""
        found = []
        for m in LINK.finditer(text):
            link = (m.group(1) or m.group(2) or "").strip()
            if not link or link.startswith(("#", "data:", "mailto:")):
                continue
            assert not link.lower().startswith("javascript:"), f"{where}: {link}"
            full = urljoin(base, link)
            assert full.startswith(self.root), f"{where}: {link!r} leaves {self.root}"
            found.append(full)
        return found


async def _page(
    site: Site, path: str, cookie: str, token: str | None = None
) -> tuple[Any, KernelConnection, dict[str, Any]]:
    """A page through the proxy, its kernel's websocket, the widget states after the
    page context got the browser's stored session (``token``, or none)."""
    headers = site.headers(cookie)
    loop = asyncio.get_running_loop()
    page = await loop.run_in_executor(None, fetch_page, site.root + path, TIMEOUT, headers)
    assert page.base_url == PREFIX
    conn = await KernelConnection.open(HOST, site.port, page.kernel_id, page.base_url, headers)
    info = await conn.send("kernel_info_request", {}, timeout=TIMEOUT)
    assert info.shell_reply and info.shell_reply["content"]["status"] == "ok"
    states = await conn.request_states(timeout=TIMEOUT)
    context = next(
        (m for m, st in states.items() if "storage_key" in st["state"] and "ready" in st["state"]),
        None,
    )
    if context is not None:
        held = json.dumps({"s": token, "lang": LANG}) if token else ""
        await conn.update(context, {"stored": held, "ready": True}, timeout=TIMEOUT)
        states = await conn.request_states(timeout=TIMEOUT)
    return page, conn, states


def _cards(states: dict[str, Any], legends: dict[str, str]) -> dict[str, str]:
    return {
        legends[s["legend"]]: m
        for m, st in states.items()
        if (s := st["state"]).get("legend") in legends and "status_kind" in s
    }


async def _answer(conn: KernelConnection, card: str, score: int) -> None:
    reply = await conn.send_state(card, {"value": score}, timeout=TIMEOUT)
    assert not reply.errors, reply.errors
    status = {}
    for data in reply.comm_msgs(card, "update"):
        status.update(data.get("state", {}))
    assert status.get("status_kind") == "ok", status


def _run(coro: Any) -> Any:
    """asyncio.run in a thread of its own: Playwright's sync API may keep an event loop
    running in this xdist worker's thread (browser tests share workers with these)."""
    with concurrent.futures.ThreadPoolExecutor(1) as runner:
        return runner.submit(asyncio.run, coro).result()


def test_two_servers_one_store_behind_nginx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIVICNB_CACHE_DIR", str(tmp_path / "cache"))
    with pg_workspace(tmp_path / "ws") as ws:
        _two_servers(tmp_path, ws)


def _two_servers(tmp_path: Path, ws: Workspace) -> None:
    proxy_port = free_port()
    site = Site(proxy_port)
    ports = [free_port(), free_port()]
    servers = [
        Serve(
            tmp_path,
            ws,
            port,
            extra=["--public-url", site.root],
        )
        for port in ports
    ]
    upstreams = [f"{HOST}:{p}" for p in ports]
    conf = nginx_config(PREFIX, upstreams, listen=f"{HOST}:{proxy_port}")
    nginx = Nginx(tmp_path, conf)
    try:
        for s in servers:
            s.wait_up()
        nginx.wait_up(proxy_port)
        _crawl(site, ws, nginx)
        _participants(site, ws, nginx, servers, upstreams)
    finally:
        nginx.stop()
        for s in servers:
            s.stop()
    for s in servers[1:]:
        bad = [x for x in s.log().splitlines() if re.search(r"Traceback|\| ERROR|\bERROR\b", x)]
        assert not bad, "\n".join(bad[:20])


def _crawl(site: Site, ws: Workspace, nginx: Nginx) -> None:
    # nginx: the prefix without its slash, and the cookie that keeps a browser on a server
    status, headers, _body, _url = _get(site.origin + PREFIX.rstrip("/"), follow=False)
    assert status == 301 and headers["Location"] == PREFIX
    status, headers, _body, _url = _get(site.root + CSS, follow=False)
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert re.fullmatch(rf"{COOKIE}=[0-9a-f]{{32}}; Path={PREFIX}; HttpOnly; SameSite=Lax", cookie)
    status, headers, _body, _url = _get(site.root + CSS, site.headers("x"), follow=False)
    assert status == 200 and "Set-Cookie" not in headers
    # Voilà: the root leads to the home page, under the prefix
    status, headers, _body, _url = _get(site.root, site.headers("crawl"), follow=False)
    assert status in (301, 302) and headers["Location"] == f"{PREFIX}voila/render/home.ipynb"
    # an unknown address: civicnb's page, its link under the prefix
    status, _h, body, url = _get(site.root + "voila/render/nope.ipynb", site.headers("crawl"))
    assert status == 404 and 'lang="en"' in body
    assert site.check_links(body, url, "404")

    key = ws.facilitator_key()
    pages = [
        ("voila/render/home.ipynb", None),
        (f"voila/render/{LOCALITY}/start.ipynb?lang={LANG}", None),
        (f"voila/render/{LOCALITY}/facilitator.ipynb?lang={LANG}&key={key}", "join"),
    ]
    files: set[str] = set()

    async def crawl() -> None:
        for path, want in pages:
            page, conn, states = await _page(site, path, "crawl")
            try:
                body = page.html
                files.update(site.check_links(body, site.root + path, path))
                config = json.loads(
                    re.search(
                        r'id="jupyter-config-data"[^>]*>\s*(\{.*?\})\s*</script>', body, re.S
                    )[1]  # type: ignore[index]
                )
                assert config["baseUrl"] == PREFIX
                for ext in config["federated_extensions"]:
                    files.add(f"{site.root}voila/labextensions/{ext['name']}/{ext['load']}")
                inside = [
                    link
                    for text in _strings(states)
                    for link in site.check_links(text, site.root + path, f"{path} widgets")
                ]
                if want == "join":  # the join link and QR code: the proxy's address
                    assert f"{site.root}voila/render/{LOCALITY}/start.ipynb" in " ".join(
                        _strings(states)
                    )
                if path.startswith("voila/render/home"):
                    assert any(f"{LOCALITY}/start.ipynb" in x for x in inside), inside
            finally:
                await conn.close()

    _run(crawl())
    statics = sorted(f for f in files if "/voila/render/" not in f)
    assert any(urlsplit(f).path.endswith("civicnb.css") for f in statics), statics
    assert any("/labextensions/" in f for f in statics)
    for url in statics:  # every front-end file the pages ask for, through the proxy
        status, _h, text, _u = _get(url, site.headers("crawl"))
        assert status == 200, url
        if url.endswith(".css"):
            site.check_links(text, url, url)


def _participants(
    site: Site, ws: Workspace, nginx: Nginx, servers: list[Serve], upstreams: list[str]
) -> None:
    with ws.open_store() as store:
        loc = store.get_locality(LOCALITY)
        fw = ws.framework(loc.edition)
        rnd = current_round(store, loc)
        questions = fw.strand("I").questions
        order = [q.id for q in questions]
        legends = {f"{q.number}. {q.text.get(LANG)}": q.id for q in questions}
        people = [join(store, loc, Side.LA if i % 2 else Side.CSO, f"P{i} Núñez", False).id
                  for i in range(4)]  # fmt: skip
        tokens = [start_session(store, pid) for pid in people]

    # cookies that nginx sends to each server: two participants on each
    placed: dict[str, list[str]] = {u: [] for u in upstreams}
    for n in range(200):
        cookie = f"participant-{n}"
        _get(site.root + CSS, site.headers(cookie))
        where = nginx.upstream_of(cookie, CSS)
        if len(placed[where]) < 2:
            placed[where].append(cookie)
        if all(len(v) == 2 for v in placed.values()):
            break
    assert all(len(v) == 2 for v in placed.values()), f"nginx used one server only: {placed}"
    cookie_of = placed[upstreams[0]] + placed[upstreams[1]]  # P0, P1 on A; P2, P3 on B
    strand = f"voila/render/{LOCALITY}/strand-I.ipynb?lang={LANG}"
    # the room's view of strand I, on participants' pages once it is revealed
    shown = html.escape(t("fac_room_view", LANG, strand=t("strand_n", LANG, n="I")))

    def score(i: int, j: int) -> int:
        return (i + j) % 5 + 1

    async def first_half() -> None:
        async def one(i: int) -> None:
            page, conn, states = await _page(site, strand, cookie_of[i], tokens[i])
            try:
                # the page and its kernel are on the server nginx chose for the cookie
                assert servers[0 if i < 2 else 1].knows_kernel(page.kernel_id)
                assert not any(shown in x for x in _strings(states))  # not revealed yet
                cards = _cards(states, legends)
                assert sorted(cards) == sorted(order)
                for j in range(3):
                    await _answer(conn, cards[order[j]], score(i, j))
            finally:
                await conn.close()

        await asyncio.gather(*(one(i) for i in range(4)))

    _run(first_half())
    # the websockets went through nginx to the same server (logged once closed)
    for i in range(4):
        assert nginx.upstream_of(cookie_of[i], "/channels") == upstreams[0 if i < 2 else 1]

    async def seen_on_the_other(i: int, cookie: str) -> None:
        _unused, conn, states = await _page(site, strand, cookie, tokens[i])
        try:
            cards = _cards(states, legends)
            values = [states[cards[q]]["state"]["value"] for q in order]
            assert values == [score(i, 0), score(i, 1), score(i, 2), 0, 0, 0], values
        finally:
            await conn.close()

    # P0 (answered through A) on B, P2 (through B) on A: the answers are there
    _run(seen_on_the_other(0, placed[upstreams[1]][0]))
    _run(seen_on_the_other(2, placed[upstreams[0]][0]))

    # the facilitator, through A: reveals strand I, records the agreement on its first pair
    key = ws.facilitator_key()
    facilitator = f"voila/render/{LOCALITY}/facilitator.ipynb?lang={LANG}&key={key}"
    pair = fw.strand("I").pairs[0]
    narrative = "Acordado: «actas públicas» <b>cada mes</b> 🌱"

    def model(states: dict[str, Any], name: str, description: str) -> str:
        return next(
            m
            for m, st in states.items()
            if st["model_name"] == name and st["state"].get("description") == description
        )

    async def reveal_section(cookie: str) -> tuple[KernelConnection, dict[str, Any]]:
        """The facilitator's page, its section "reveal" chosen (as a click in the menu)."""
        _unused, conn, states = await _page(site, facilitator, cookie)
        menu = next(m for m, st in states.items() if "option_keys" in st["state"])
        assert "fac_tab_reveal" in states[menu]["state"]["option_keys"]
        reply = await conn.update(menu, {"value": "fac_tab_reveal"}, timeout=TIMEOUT)
        assert not reply.errors, reply.errors
        return conn, await conn.request_states(timeout=TIMEOUT)

    async def facilitate() -> None:
        conn, states = await reveal_section(placed[upstreams[0]][0])
        try:
            button = model(states, "ButtonModel", t("fac_reveal", LANG))
            click = {"method": "custom", "content": {"event": "click"}}
            reply = await conn.send("comm_msg", {"comm_id": button, "data": click})
            assert not reply.errors, reply.errors
            states = await conn.request_states(timeout=TIMEOUT)
            area = model(states, "TextareaModel", t("fac_narrative", LANG, n=pair.number))
            reply = await conn.update(area, {"value": narrative}, timeout=TIMEOUT)
            assert not reply.errors, reply.errors
        finally:
            await conn.close()

    async def facilitator_on_b() -> None:
        conn, states = await reveal_section(placed[upstreams[1]][0])
        try:
            area = model(states, "TextareaModel", t("fac_narrative", LANG, n=pair.number))
            assert states[area]["state"]["value"] == narrative
        finally:
            await conn.close()

    _run(facilitate())
    with ws.open_store() as store:
        assert "I" in store.reveals(rnd.id)
        assert [j.narrative for j in store.joint_ratings(rnd.id)] == [narrative]
    _run(facilitator_on_b())

    # A dies outright; its participants reload (same cookie): nginx sends them to B
    servers[0].kill()

    async def second_half() -> None:
        async def one(i: int) -> None:
            page, conn, states = await _page(site, strand, cookie_of[i], tokens[i])
            try:
                assert servers[1].knows_kernel(page.kernel_id)
                assert any(shown in x for x in _strings(states))  # revealed through A
                cards = _cards(states, legends)
                values = [states[cards[q]]["state"]["value"] for q in order]
                assert values[:3] == [score(i, 0), score(i, 1), score(i, 2)], values
                for j in range(3, 6):
                    await _answer(conn, cards[order[j]], score(i, j))
            finally:
                await conn.close()

        await asyncio.gather(*(one(i) for i in range(4)))

    _run(second_half())
    assert nginx.upstream_of(cookie_of[0], "/channels") == upstreams[1]

    with ws.open_store() as store:
        stored = [r for r in store.ratings(round_id=rnd.id) if r.participant_id in set(people)]
    got = sorted((r.participant_id, r.question_id, r.score) for r in stored)
    want = sorted((people[i], order[j], score(i, j)) for i in range(4) for j in range(6))
    assert got == want  # each answer once, none lost
