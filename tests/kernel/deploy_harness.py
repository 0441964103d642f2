"""Several ``civicnb serve`` on one PostgreSQL store, behind Debian's nginx run as the
current user: what tests/kernel/test_deploy.py and test_deploy_load.py start.

* :func:`pg_workspace`: a fresh PostgreSQL database (from ``CIVICNB_TEST_PG_URL``, as
  tests/store does) and a demo workspace whose store it is;
* :class:`Serve`: ``civicnb serve --base-url PREFIX`` (or Voilà from a
  :func:`civicnb.serving.serve.plan` directly), killed outright with :meth:`Serve.kill`;
* :class:`Nginx`: the site of ``civicnb deploy nginx`` in a minimal main configuration
  (temporary files, logs and pid in the test's folder), with an access log that names the
  server each request went to (``$upstream_addr``), read by :meth:`Nginx.upstream_of`.

Without PostgreSQL or nginx the tests are skipped, except on CI (``CI=true``): failed.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from civicnb.store import normalise_url
from civicnb.workspace import Workspace

HOST = "127.0.0.1"
PREFIX = "/civicnb/"
NGINX = "/usr/sbin/nginx"
CSS = "voila/templates/civicnb/static/civicnb.css"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(what: str) -> None:
    if on_ci():
        pytest.fail(f"{what} (required on CI)", pytrace=False)
    pytest.skip(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def nginx_binary() -> str:
    found = NGINX if os.access(NGINX, os.X_OK) else shutil.which("nginx")
    if not found:
        missing("nginx is not installed: `bash scripts/install-debian.sh nginx=nginx`")
    return str(found)


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    u = normalise_url(url)
    return psycopg.connect(
        host=u.host or HOST,
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=u.database or "postgres",
        autocommit=True,
        connect_timeout=10,
    )


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database's URL, dropped afterwards."""
    admin = os.environ.get("CIVICNB_TEST_PG_URL", "").strip()
    if not admin:
        missing(
            "CIVICNB_TEST_PG_URL is not set: `bash scripts/pg-test-server.sh start` and "
            "CIVICNB_TEST_PG_URL=$(bash scripts/pg-test-server.sh url)"
        )
    name = f"civicnb_deploy_{uuid.uuid4().hex[:12]}"
    with _admin(admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield normalise_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        for attempt in range(20):
            try:
                with _admin(admin) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                break
            except Exception:
                if attempt == 19:
                    raise
                time.sleep(0.5)


@contextmanager
def pg_workspace(folder: Path) -> Iterator[Workspace]:
    """A demo workspace (pages copied, not executed) whose store is a fresh PostgreSQL
    database."""
    from civicnb.api import create_demo
    from civicnb.workspace import init_workspace

    with pg_database() as url:
        ws = init_workspace(folder, store_url=url)
        before = os.environ.get("CIVICNB_EXECUTE_NOTEBOOKS")
        os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
        try:
            create_demo(ws)
        finally:
            if before is None:
                os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
            else:
                os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = before
        yield ws


class Serve:
    """One server: ``civicnb serve`` (``command`` None) or the Voilà command of a plan."""

    def __init__(
        self,
        folder: Path,
        ws: Workspace,
        port: int,
        *,
        command: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
        extra: Sequence[str] = (),
    ) -> None:
        self.port = port
        self.log_path = folder / f"serve-{port}.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115
        if command is None:
            exe = Path(sys.executable).with_name("civicnb")
            command = [
                str(exe), "serve", "-w", str(ws.root), "--port", str(port),
                "--base-url", PREFIX, "--no-browser", *extra,
            ]  # fmt: skip
        # the folders a server makes for itself: in the test's folder, also when the
        # server is killed before it can remove them
        scratch = folder / f"tmp-{port}"
        scratch.mkdir()
        self.proc = subprocess.Popen(
            list(command),
            env={**(env or os.environ), "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_up(self, timeout: float = 180) -> None:
        url = f"http://{HOST}:{self.port}{PREFIX}{CSS}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server on {self.port} exited:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"the server on {self.port} did not start:\n{self.log()[-3000:]}")

    def knows_kernel(self, kernel_id: str) -> bool:
        """Whether this server runs the kernel (Voilà's kernel API, asked directly)."""
        url = f"http://{HOST}:{self.port}{PREFIX}api/kernels/{kernel_id}"
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                return resp.status == 200
        except urllib.error.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL the server, Voilà and every kernel at once: the machine died."""
        import psutil

        try:
            tree = [psutil.Process(self.proc.pid)]
            tree += tree[0].children(recursive=True)
        except psutil.Error:
            tree = []
        for proc in tree:
            with suppress(psutil.Error):
                proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        psutil.wait_procs(tree, timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.kill()
        else:  # Voilà's own process group (civicnb serve was killed)
            self.kill()
        self._log.close()


MAIN_CONF = """\
{user}worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    log_format civicnb '$cookie_civicnb_server|$upstream_addr|$status|$request_uri';
    access_log {prefix}/access.log civicnb;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/civicnb.conf;
}}
"""


class Nginx:
    """nginx as the current user, daemon off, serving ``site`` (an nginx site)."""

    def __init__(self, folder: Path, site: str) -> None:
        self.binary = nginx_binary()
        self.prefix = folder / "nginx"
        (self.prefix / "tmp").mkdir(parents=True)
        (self.prefix / "civicnb.conf").write_text(site, encoding="utf-8")
        # run as root (CI), the master would hand its workers to "nobody", who cannot
        # enter the test's private folder
        user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
        conf = self.prefix / "nginx.conf"
        conf.write_text(MAIN_CONF.format(user=user, prefix=self.prefix), encoding="utf-8")
        self.access_log = self.prefix / "access.log"
        self.error_log = self.prefix / "error.log"
        directives = f"daemon off; pid {self.prefix}/nginx.pid; error_log {self.error_log};"
        base = [self.binary, "-p", str(self.prefix), "-c", str(conf), "-e", str(self.error_log)]
        check = subprocess.run([*base, "-t", "-g", directives], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx -t:\n{check.stderr}\n{site}"
        self.proc = subprocess.Popen(
            [*base, "-g", directives],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait_up(self, port: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                assert self.proc.stderr is not None
                raise AssertionError(f"nginx exited: {self.proc.stderr.read()!r}")
            with socket.socket() as s:
                if s.connect_ex((HOST, port)) == 0:
                    return
            time.sleep(0.2)
        raise AssertionError("nginx did not listen")

    def upstream_of(self, cookie: str, uri_part: str) -> str:
        """The server (``HOST:PORT``) that answered the last request for a URI containing
        ``uri_part`` made with ``cookie`` (the last one tried, if one was down)."""
        # nginx logs a request in its last phase, after the answer went out: under load
        # the line can come a moment after the client has read the answer
        deadline = time.monotonic() + 10
        while True:
            for line in reversed(self.access_log.read_text(encoding="utf-8").splitlines()):
                fields = line.split("|")
                if fields[0] == cookie and uri_part in fields[-1]:
                    return fields[1].split(",")[-1].strip()
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        raise AssertionError(f"no request with cookie {cookie} for {uri_part} in the access log")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc.stderr is not None:
            self.proc.stderr.close()
