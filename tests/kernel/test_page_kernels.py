"""The pages' kernels under Voilà keep no IPython history database: with IPython's
default, all of them share one SQLite file (``profile_default/history.sqlite``), and
with 30 and more kernels starting at once some failed with "database is locked"."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from civicnb.serving.voila import voila_command, voila_env

pytestmark = pytest.mark.kernel


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_served_pages_kernel_keeps_its_history_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "a1",
        "metadata": {},
        "outputs": [],
        "source": (
            "print('HIST=' + str(get_ipython().history_manager.enabled))\n"
            # a kernel started from a page, as nbclient and civicnb's warm kernel start
            # theirs (a new locality's pages from the home page, a report): it must live
            "from jupyter_client.manager import start_new_kernel\n"
            "km, kc = start_new_kernel(kernel_name='python3',\n"
            "    extra_arguments=['--HistoryManager.hist_file=:memory:'])\n"
            "kc.execute_interactive('print(1)', timeout=60)\n"
            "kc.stop_channels(); km.shutdown_kernel(now=True)\n"
            "print('NESTED=' + 'ok')"
        ),
    }
    nb = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / "page.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    ipython = tmp_path / "ipython"
    env = dict(os.environ)
    env.update(
        IPYTHONDIR=str(ipython),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    port = _free_port()
    cmd = voila_command(folder, port=port, python=sys.executable)
    log = tmp_path / "voila.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            env=voila_env(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/voila/render/page.ipynb"
        deadline = time.monotonic() + 120
        html = ""
        while time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                with urllib.request.urlopen(url, timeout=60) as resp:
                    html = resp.read().decode("utf-8", "replace")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        assert "HIST=False" in html, log.read_text(errors="replace")[-3000:]
        assert "NESTED=ok" in html, log.read_text(errors="replace")[-3000:]
        assert not (ipython / "profile_default" / "history.sqlite").exists()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
