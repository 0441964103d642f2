"""``civicnb serve``: the workspace's localities served by standalone Voilà.

Standalone Voilà (never the Jupyter server extension) is used for workshops: it refuses
code execution from the browser. It binds 127.0.0.1 unless asked; kernels are
preheated for every participant page, sized by the number of participants expected (the
most for the pages everybody opens first: start, strand I; see :func:`pool_sizes`), and
kernels whose page was closed are culled after a few
minutes so that a day-long workshop does not fill the machine's memory.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from civicnb.errors import UsageError, WorkspaceError
from civicnb.workspace import Workspace

__all__ = ["ServePlan", "plan", "run"]

FIRST_PAGES = ("start.ipynb", "strand-I.ipynb")
"""Everybody opens these at once, at the start."""
LATER_PAGES = (
    "strand-II.ipynb",
    "strand-III.ipynb",
    "strand-IV.ipynb",
    "strand-V.ipynb",
    "strand-VI.ipynb",
    "summary.ipynb",
)
"""Where participants go next, each at their own pace (or when the facilitator says)."""
PREHEATED_PAGES = FIRST_PAGES + LATER_PAGES
KERNEL_MEMORY = 75 * 2**20
"""About what one page's kernel takes (resident memory)."""
MEMORY_SHARE = 0.5
"""Of the machine's memory, what the preheated kernels may take at most."""
HOME_POOL = 2
"""Preheated kernels of the home page (the server's root) when participants are expected:
most join by their locality's address, a few by the root, the facilitator by it."""
CULL_IDLE_SECONDS = 180
REFILL_DELAY_SECONDS = 20


@dataclass(frozen=True)
class ServePlan:
    command: list[str]
    env: dict[str, str]
    urls: dict[str, str]
    """Locality slug -> the participants' start page URL."""
    host: str
    port: int
    pool_config: dict[str, dict[str, int]]
    facilitator_urls: dict[str, str]
    """Locality slug -> the facilitator's page, with the facilitator key in it."""
    temporary: tuple[Path, ...] = ()
    """Folders made for this server (its kernel pools' config), removed by :func:`run`."""
    notes: tuple[str, ...] = ()
    """Lines for the terminal before the addresses (e.g. who can reach them)."""
    home_url: str = ""
    """The home page (the server's root leads there); "" where there is none (a course)."""
    base_url: str = "/"
    """The path Voilà serves under (``--base-url``, e.g. ``/civicnb/`` behind nginx)."""


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_HOSTS = ("0.0.0.0", "::")


def _interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's network interfaces (Linux: asked of the kernel
    with SIOCGIFADDR; no packet is sent)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    siocgifaddr = 0x8915
    found: list[str] = []
    try:
        names = [name for _i, name in socket.if_nameindex()]
    except OSError:
        return []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for name in names:
            try:
                packed = struct.pack("256s", name.encode()[:15])
                raw = fcntl.ioctl(s.fileno(), siocgifaddr, packed)
            except OSError:  # no IPv4 address on this interface
                continue
            found.append(socket.inet_ntoa(raw[20:24]))
    return found


def _host_name_addresses() -> list[str]:
    """IPv4 addresses this machine's name resolves to (local resolution)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def room_address(candidates: list[str] | None = None) -> str | None:
    """This machine's address on the room's network, as far as it can tell offline
    (without sending anything): a private address (192.168/16, 10/8, 172.16/12) of its
    interfaces or of its host name; never a loopback or link-local one; None if none."""
    if candidates is None:
        candidates = _interface_addresses() + _host_name_addresses()
    usable: list[ipaddress.IPv4Address] = []
    for text in candidates:
        try:
            addr = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if addr.is_loopback or addr.is_link_local or addr.is_unspecified or addr.is_multicast:
            continue
        if addr not in usable:
            usable.append(addr)
    if not usable:
        return None
    usable.sort(key=lambda a: (not a.is_private, str(a).startswith("172.")))
    return str(usable[0])


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _this_computer(host: str) -> str:
    """The address this computer reaches a server listening on ``host`` at."""
    if host in ANY_HOSTS or host == "localhost":
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def public_base(public_url: str) -> str:
    """``--public-url``: the address participants' devices reach this server at
    (``http(s)://HOST[:PORT][/PREFIX]``); returns the base of its pages."""
    url = public_url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        raise UsageError(
            f"--public-url must be an address like http://192.168.1.20:8866 (got {url!r})"
        )
    base = url.rstrip("/")
    return base if base.endswith("/voila/render") else f"{base}/voila/render"


LOCAL_ONLY_NOTE = (
    "Only this computer can open these addresses: phones and other computers in the room "
    "cannot. To let them join, serve with --host 0.0.0.0 on the room's own network "
    "(or give the address they reach with --public-url)."
)
NO_ROOM_ADDRESS_NOTE = (
    "This computer's address on the room's network was not found: give the address "
    "participants' devices reach it at with --public-url http://ADDRESS:{port}"
)


def physical_memory() -> int | None:
    """The machine's memory in bytes (None where it cannot be told)."""
    try:
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def pool_sizes(participants: int, memory: int | None = None) -> dict[str, int]:
    """Preheated kernels per participant page (a kernel is taken by each page opened,
    and Voilà starts a new one for the pool REFILL_DELAY_SECONDS later).

    * start and strand I: everybody opens them at once: one each per participant
      (at most 40) and a small margin, as a reload takes a kernel too;
    * strands II–VI and "my summary": people reach them spread out over the session,
      so a quarter of the participants each (at most 10, at least 1), refilled as used
      (REFILL_DELAY_SECONDS later; meanwhile a page starts a kernel of its own, rather
      than wait for the refill: :func:`civicnb.serving.app.ready_first`); a kernel
      started cold on a loaded machine took 10–16 s there.

    The later pages' pools shrink (to 1 each at least) so that all pools together take
    at most MEMORY_SHARE of ``memory`` (default: this machine's) at KERNEL_MEMORY each.
    For 12 participants: 14 + 14 + 6 × 3 = 46 kernels, about 3.4 GB. For 30: on 24 GB,
    32 + 32 + 6 × 8 = 112 kernels (8.2 GB); on 16 GB, 6 × 7 later; on 8 GB, 6 × 1.
    """
    if participants <= 0:
        return {}
    first = min(participants, 40) + 2  # a small margin: a reload takes a kernel too
    later = min(-(-participants // 4), 10)
    if memory is None:
        memory = physical_memory()
    if memory:
        left = int(memory * MEMORY_SHARE) // KERNEL_MEMORY - first * len(FIRST_PAGES)
        later = max(1, min(later, left // len(LATER_PAGES)))
    sizes = dict.fromkeys(FIRST_PAGES, first)
    sizes.update(dict.fromkeys(LATER_PAGES, later))
    return sizes


def plan(
    ws: Workspace,
    *,
    host: str = "127.0.0.1",
    port: int = 8866,
    participants: int = 0,
    config_dir: Path | None = None,
    public_url: str | None = None,
    language: str = "en",
    base_url: str = "/",
) -> ServePlan:
    """Everything needed to start the server, without starting it. ``language`` (a code
    of :data:`civicnb.i18n.LANGUAGES`) is that of the server's own pages (its error
    pages, a page's first moment before it says its own language). ``base_url`` is the
    path every address of the server starts with (``/civicnb/`` behind a reverse proxy
    that serves civicnb there: docs/deploy.md)."""
    from civicnb.execution.home import HOME_PAGE, write_home
    from civicnb.execution.launcher import write_launcher
    from civicnb.i18n import LANGUAGES
    from civicnb.serving.deploy import base_url as checked_base_url
    from civicnb.serving.voila import voila_command, voila_env

    if participants < 0 or participants > 500:
        raise UsageError("--participants must be between 0 and 500")
    if language not in LANGUAGES:
        raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)} (got {language!r})")
    prefix = checked_base_url(base_url)
    root = ws.localities_dir
    slugs = sorted(p.parent.name for p in root.glob("*/start.ipynb"))
    if not slugs:
        raise WorkspaceError(
            f"nothing to serve in {ws.root}: create a locality with `civicnb new NAME` "
            "(or `civicnb demo`)"
        )
    write_home(ws)  # the server's root leads there (civicnb.serving.app)
    write_launcher(ws)  # JupyterLab's entries, for `civicnb lab` or `jupyter lab` there
    sizes = pool_sizes(participants)
    pools: dict[str, dict[str, int]] = {"default": {"pool_size": 0}}
    for slug in slugs:
        for page, size in sizes.items():
            pools[f"{slug}/{page}"] = {"pool_size": size}
    if sizes:
        pools[HOME_PAGE] = {"pool_size": HOME_POOL}
    env = voila_env()
    extra: list[str] = []
    temporary: list[Path] = []
    if sizes:
        # kernel_pools_config is a dict: pass it in a config file Voilà reads
        folder = config_dir or Path(tempfile.mkdtemp(prefix="civicnb-voila-"))
        if config_dir is None:
            temporary.append(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "voila.json").write_text(
            json.dumps(
                {
                    "VoilaKernelManager": {
                        "kernel_pools_config": pools,
                        # refill a pool a little later, not while its pages are loading
                        "fill_delay": REFILL_DELAY_SECONDS,
                    }
                }
            ),
            encoding="utf-8",
        )
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            [str(folder), *[p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]]
        )
        extra.append("--preheat_kernel=True")
    command = voila_command(
        root,
        port=port,
        host=host,
        # nbconvert takes ISO 639-1 codes only: the template gives <html lang> its tag
        language=language,
        cull_idle_timeout=CULL_IDLE_SECONDS,
        base_url=prefix if prefix != "/" else None,
        extra_args=extra,
    )
    notes: list[str] = []
    if public_url:
        base = public_base(public_url)
    else:
        shown: str | None = host
        if host in ANY_HOSTS:
            shown = room_address()
            if shown is None:
                notes.append(NO_ROOM_ADDRESS_NOTE.format(port=port))
                shown = "127.0.0.1"
        if ":" in str(shown):
            shown = f"[{shown}]"
        base = f"http://{shown}:{port}{prefix}voila/render"
    if is_loopback_host(urlsplit(base).hostname or ""):
        notes.append(LOCAL_ONLY_NOTE)
    env["CIVICNB_PUBLIC_URL"] = base  # the join link and QR code on the facilitator's page
    urls = {slug: f"{base}/{slug}/start.ipynb" for slug in slugs}
    key = ws.facilitator_key()
    here = _this_computer(host)
    facilitator = {
        slug: f"http://{here}:{port}{prefix}voila/render/{slug}/facilitator.ipynb?key={key}"
        for slug in slugs
        if (root / slug / "facilitator.ipynb").exists()
    }
    return ServePlan(
        command,
        env,
        urls,
        host,
        port,
        pools,
        facilitator,
        tuple(temporary),
        tuple(notes),
        home_url=f"{base}/{HOME_PAGE}",
        base_url=prefix,
    )


def port_is_taken(host: str, port: int) -> bool:
    """Whether something already listens on ``port`` where Voilà would (as Voilà binds:
    with SO_REUSEADDR, so a port left in TIME_WAIT by a stopped server is free)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    addr = "127.0.0.1" if host == "localhost" else host
    with socket.socket(family, socket.SOCK_STREAM) as s:
        if os.name == "posix":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((addr, port))
        except OSError:
            return True
    return False


def _port_taken_error(port: int) -> WorkspaceError:
    return WorkspaceError(
        f"port {port} is already in use (another `civicnb serve`?): stop that server, "
        "or choose another port with --port"
    )


def _wait_until_up(
    url: str, proc: subprocess.Popen[bytes], ready: Path, port: int, timeout: float = 60
) -> bool:
    """Whether the Voilà of ``proc`` serves ``url``: it wrote ``ready`` once it listened
    on ``port`` (so nothing else answers there), and then answers there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            said = ready.read_text(encoding="utf-8").split()
        except OSError:
            said = []
        if said == [str(port), str(proc.pid)]:
            try:
                with urlopen(url, timeout=2):
                    return True
            except OSError:
                pass
        time.sleep(0.3)
    return False


def run(p: ServePlan, *, open_browser: bool = False, echo: object = print) -> int:
    """Start Voilà, print the addresses, wait until it is stopped (Ctrl-C, SIGTERM from
    a service manager, SIGHUP as its terminal closes); then stop Voilà and its kernels
    and remove the folders made for them. A port already taken is an error, before
    anything starts."""
    say = echo if callable(echo) else print
    if port_is_taken(p.host, p.port):
        for folder in p.temporary:
            shutil.rmtree(folder, ignore_errors=True)
        raise _port_taken_error(p.port)
    if not is_loopback_host(p.host):
        say(
            f"warning: serving on {p.host}: anyone on this network can reach the workbook. "
            "Use this only on the room's own network."
        )
    try:
        with _stopped_by_sigterm():
            return _serve(p, open_browser, say)
    finally:
        for folder in p.temporary:
            shutil.rmtree(folder, ignore_errors=True)


def _serve(p: ServePlan, open_browser: bool, say: Callable[[str], object]) -> int:
    from civicnb.serving.voila import LEFTOVERS_ENV, PARENT_ENV, READY_ENV

    folder = Path(tempfile.mkdtemp(prefix="civicnb-serve-"))
    ready = folder / "ready"
    # Voilà ends when this process ends, however it ends (see civicnb.serving.app)
    env = {
        **p.env,
        PARENT_ENV: str(os.getpid()),
        READY_ENV: str(ready),
        LEFTOVERS_ENV: os.pathsep.join(str(f) for f in (folder, *p.temporary)),
    }
    proc = subprocess.Popen(p.command, env=env, start_new_session=True)
    try:
        # a file the server itself serves (its root redirects, to a page that starts a kernel)
        local = (
            f"http://{_this_computer(p.host)}:{p.port}{p.base_url}"
            "voila/templates/civicnb/static/civicnb.css"
        )
        if not _wait_until_up(local, proc, ready, p.port):
            code = proc.poll()
            if port_is_taken(p.host, p.port) and code is not None:
                raise _port_taken_error(p.port)
            raise WorkspaceError(
                f"Voilà did not start (exit status {code}); see the messages above"
            )
        if p.home_url:
            say(f"civicnb is being served. The home page: {p.home_url}")
        say("Participants open:" if p.home_url else "civicnb is being served. Participants open:")
        for slug, url in p.urls.items():
            say(f"  {slug}: {url}")
        for note in p.notes:
            say(f"note: {note}")
        if p.facilitator_urls:
            say("The facilitator's page (keep this address to yourself: it holds the key):")
            for slug, url in p.facilitator_urls.items():
                say(f"  {slug}: {url}")
        say("Press Ctrl-C to stop.")
        if open_browser and p.urls:
            webbrowser.open(next(iter(p.urls.values())))
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        shutil.rmtree(folder, ignore_errors=True)
        sys.stdout.flush()


STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (a service manager) and SIGHUP (the terminal closed) stop the server as
    Ctrl-C does: Voilà runs in its own session, so neither reaches it. (Were this
    process killed outright, Voilà notices and stops too: civicnb.serving.app.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    before = {sig: signal.signal(sig, interrupt) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
