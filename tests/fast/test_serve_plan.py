"""`civicnb serve`'s plan: what it would run, without running it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.errors import WorkspaceError
from civicnb.serving.serve import plan, pool_sizes
from civicnb.workspace import init_workspace, open_workspace


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    try:
        path = tmp_path_factory.mktemp("serve")
        create_demo(path)
    finally:
        os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
    return path


def test_binds_loopback_with_the_civicnb_template(ws_path: Path, tmp_path: Path) -> None:
    p = plan(open_workspace(ws_path), port=8899, config_dir=tmp_path)
    assert "--Voila.ip=127.0.0.1" in p.command and "--Voila.port=8899" in p.command
    assert "--template=civicnb" in p.command and "--no-browser" in p.command
    assert "--show_tracebacks=False" in p.command
    assert p.urls == {"villaflor": "http://127.0.0.1:8899/voila/render/villaflor/start.ipynb"}
    assert "--preheat_kernel=True" not in p.command  # no participants announced: no pools


def test_the_servers_own_language(ws_path: Path, tmp_path: Path) -> None:
    from civicnb.errors import UsageError

    ws = open_workspace(ws_path)
    assert "--VoilaExporter.language_code=en" in plan(ws, config_dir=tmp_path).command
    # nbconvert takes an ISO 639-1 code: the template makes it the tag pt-BR
    command = plan(ws, config_dir=tmp_path, language="pt").command
    assert "--VoilaExporter.language_code=pt" in command
    with pytest.raises(UsageError):
        plan(ws, config_dir=tmp_path, language="pt-BR")


def test_participants_size_the_preheated_pools(ws_path: Path, tmp_path: Path) -> None:
    p = plan(open_workspace(ws_path), participants=12, config_dir=tmp_path)
    assert "--preheat_kernel=True" in p.command
    config = json.loads((tmp_path / "voila.json").read_text())["VoilaKernelManager"]
    assert config["kernel_pools_config"]["villaflor/start.ipynb"] == {"pool_size": 14}
    assert config["kernel_pools_config"]["villaflor/strand-I.ipynb"] == {"pool_size": 14}
    assert config["kernel_pools_config"]["default"] == {"pool_size": 0}
    assert str(tmp_path) in p.env["JUPYTER_CONFIG_PATH"].split(":")
    assert pool_sizes(0) == {} and pool_sizes(500)["start.ipynb"] == 42


def test_every_participant_page_is_preheated(ws_path: Path, tmp_path: Path) -> None:
    """Strands II-VI and "my summary" took 10-16 s to open on a loaded machine, their
    kernels started cold: every page a participant opens has a pool now."""
    from civicnb.execution.instantiate import page_names

    participant_pages = [n for n in page_names() if n != "facilitator.ipynb"]
    assert len(participant_pages) == 8
    p = plan(open_workspace(ws_path), participants=12, config_dir=tmp_path)
    pools = json.loads((tmp_path / "voila.json").read_text())["VoilaKernelManager"][
        "kernel_pools_config"
    ]
    for page in participant_pages:
        assert pools[f"villaflor/{page}"]["pool_size"] >= 1, page
        assert (ws_path / "localities" / "villaflor" / page).exists()
    assert p.pool_config == pools
    assert "villaflor/facilitator.ipynb" not in pools  # one person, on this computer


def test_preheated_pools_fit_the_machines_memory() -> None:
    """Start and strand I: one kernel per participant (everybody at once); the later
    pages a quarter of that, shrunk to fit half the memory (~75 MB a kernel), never 0."""
    from civicnb.serving.serve import KERNEL_MEMORY, LATER_PAGES

    gib = 2**30
    big = pool_sizes(30, memory=64 * gib)
    assert big["start.ipynb"] == big["strand-I.ipynb"] == 32
    assert all(big[p] == 8 for p in LATER_PAGES)
    assert pool_sizes(12, memory=64 * gib)["summary.ipynb"] == 3
    assert pool_sizes(1, memory=64 * gib)["strand-VI.ipynb"] == 1
    for memory in (4 * gib, 8 * gib, 16 * gib):
        sizes = pool_sizes(30, memory=memory)
        assert all(sizes[p] >= 1 for p in LATER_PAGES)
        later = sum(sizes[p] for p in LATER_PAGES)
        if later > len(LATER_PAGES):  # shrunk no further than needed to fit
            assert sum(sizes.values()) * KERNEL_MEMORY <= memory / 2
    assert pool_sizes(30, memory=16 * gib)["strand-II.ipynb"] < 8


def test_room_network_address_is_printed(ws_path: Path, tmp_path: Path) -> None:
    p = plan(open_workspace(ws_path), host="0.0.0.0", config_dir=tmp_path)
    assert "--Voila.ip=0.0.0.0" in p.command
    assert not p.urls["villaflor"].startswith("http://0.0.0.0")


def test_nothing_to_serve_is_a_clear_error(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "empty")
    with pytest.raises(WorkspaceError, match="civicnb new"):
        plan(ws)


def test_kernels_sockets_in_a_short_folder_voila_removes(ws_path: Path, tmp_path: Path) -> None:
    """Kernels talk over socket files (no TCP port races) in Voilà's own folder of
    connection files, under a short root (socket paths <= 107 bytes), which Voilà
    removes when it stops; a plan makes no folder of its own for them."""
    import os

    p = plan(open_workspace(ws_path), port=8899, config_dir=tmp_path)
    if os.name != "posix":
        pytest.skip("socket files are for POSIX")
    assert "--KernelManager.transport=ipc" in p.command
    (root,) = [
        a.split("=", 1)[1] for a in p.command if a.startswith("--Voila.connection_dir_root=")
    ]
    # voila_xxxxxxxx/kernel-<36-char uuid>-ipc-NN must fit in 107 bytes
    assert os.path.isdir(root) and len(root) + len("/voila_12345678/kernel--ipc-99") + 36 <= 107
    assert p.env.get("JUPYTER_RUNTIME_DIR") == os.environ.get("JUPYTER_RUNTIME_DIR")


def test_the_room_address_is_one_other_devices_can_reach() -> None:
    """Never a loopback or link-local address; a private one (the room's network) first."""
    from civicnb.serving.serve import room_address

    assert room_address(["127.0.0.1", "169.254.3.4", "8.8.4.4", "192.168.1.20"]) == "192.168.1.20"
    assert room_address(["127.0.1.1", "10.0.0.7"]) == "10.0.0.7"
    assert room_address(["127.0.1.1", "169.254.3.4", "0.0.0.0", "bogus"]) is None
    assert room_address([]) is None


def test_all_interfaces_join_at_the_room_address(
    ws_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--host 0.0.0.0: the join link (and so the QR code) names this machine on the
    room's network, never 127.0.0.1 (which used to be printed when the host name
    resolved to a loopback address, as it often does)."""
    import civicnb.serving.serve as serve

    monkeypatch.setattr(serve, "_host_name_addresses", lambda: ["127.0.1.1"])
    monkeypatch.setattr(serve, "_interface_addresses", lambda: ["127.0.0.1", "192.168.4.9"])
    p = plan(open_workspace(ws_path), host="0.0.0.0", port=8899, config_dir=tmp_path)
    assert p.urls["villaflor"] == "http://192.168.4.9:8899/voila/render/villaflor/start.ipynb"
    assert p.env["CIVICNB_PUBLIC_URL"] == "http://192.168.4.9:8899/voila/render"
    assert not p.notes
    # no address found: say so, and that only this computer can open what is printed
    monkeypatch.setattr(serve, "_interface_addresses", lambda: ["127.0.0.1"])
    p = plan(open_workspace(ws_path), host="0.0.0.0", port=8899, config_dir=tmp_path)
    assert any("--public-url" in n and "not found" in n for n in p.notes)
    assert any(n.startswith("Only this computer") for n in p.notes)


def test_loopback_says_only_this_computer_can_join(ws_path: Path, tmp_path: Path) -> None:
    p = plan(open_workspace(ws_path), port=8899, config_dir=tmp_path)
    (note,) = p.notes
    assert note.startswith("Only this computer") and "--host 0.0.0.0" in note


def test_public_url_is_the_join_address(ws_path: Path, tmp_path: Path) -> None:
    from civicnb.errors import UsageError

    p = plan(
        open_workspace(ws_path),
        host="0.0.0.0",
        port=8899,
        config_dir=tmp_path,
        public_url="https://taller.example.org/",
    )
    assert p.urls["villaflor"] == "https://taller.example.org/voila/render/villaflor/start.ipynb"
    assert p.env["CIVICNB_PUBLIC_URL"] == "https://taller.example.org/voila/render"
    assert not p.notes
    for bad in ("javascript:alert(1)", "taller.example.org", "http://x/?a=1", "http://a b/"):
        with pytest.raises(UsageError, match="--public-url"):
            plan(open_workspace(ws_path), config_dir=tmp_path, public_url=bad)


def test_the_facilitators_join_panel_says_when_only_this_computer_can_join(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("ipywidgets")
    from widget_helpers import walk

    from civicnb.ui.context import PageContext
    from civicnb.ui.facilitator import FacilitatorPage
    from civicnb.ui.locality_context import Context

    monkeypatch.setenv("CIVICNB_INTERACTIVE", "1")

    def panel(public: str, lang: str) -> str:
        monkeypatch.setenv("CIVICNB_PUBLIC_URL", public)
        ctx = Context.open("villaflor", str(ws_path), lang, None)
        try:
            page = FacilitatorPage(ctx, PageContext())
            assert page.unlock(ctx.workspace.facilitator_key())
            page.open_section("fac_tab_room")
            room = page.sections["fac_tab_room"]
            return " ".join(str(getattr(w, "value", "")) for w in walk(room))
        finally:
            ctx.store.close()

    local = panel("http://127.0.0.1:8866/voila/render", "en")
    assert "Only this computer can open this address" in local
    assert "Solo esta computadora" in panel("http://localhost:8866/voila/render", "es")
    assert "Only this computer" not in panel("http://192.168.1.20:8866/voila/render", "en")


def test_readiness_is_checked_against_the_server_civicnb_started(tmp_path: Path) -> None:
    """Another server answering on the port does not make civicnb's Voilà ready: only
    the port and pid that Voilà itself writes once it listens do."""
    import http.server
    import subprocess
    import sys
    import threading

    from civicnb.serving.serve import _wait_until_up, port_is_taken

    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    port = other.server_address[1]
    threading.Thread(target=other.serve_forever, daemon=True).start()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert port_is_taken("127.0.0.1", port)
        ready = tmp_path / "ready"
        url = f"http://127.0.0.1:{port}/"
        assert not _wait_until_up(url, child, ready, port, timeout=1.5)
        ready.write_text(f"{port + 1} {child.pid}\n")  # listening elsewhere: not ours
        assert not _wait_until_up(url, child, ready, port, timeout=1)
        ready.write_text(f"{port} {child.pid}\n")
        assert _wait_until_up(url, child, ready, port, timeout=5)
    finally:
        child.kill()
        child.wait()
        other.shutdown()
        other.server_close()
    assert not port_is_taken("127.0.0.1", port)


def test_a_named_address_is_used_for_every_link(ws_path: Path, tmp_path: Path) -> None:
    """--host 192.168.4.9: Voilà listens there only, so the facilitator's link (and the
    readiness probe) use it, not 127.0.0.1 where nothing answers."""
    p = plan(open_workspace(ws_path), host="192.168.4.9", port=8899, config_dir=tmp_path)
    assert p.urls["villaflor"].startswith("http://192.168.4.9:8899/")
    assert p.facilitator_urls["villaflor"].startswith("http://192.168.4.9:8899/")
    assert not p.notes


def test_cli_passes_the_public_url(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import civicnb.serving.serve as serve
    from civicnb.cli import cli

    seen: list[serve.ServePlan] = []

    def fake_run(p: serve.ServePlan, **_kw: object) -> int:
        seen.append(p)
        return 0

    monkeypatch.setattr(serve, "run", fake_run)
    args = ["serve", "-w", str(ws_path), "--port", "8899", "--no-browser"]
    result = CliRunner().invoke(cli, [*args, "--public-url", "http://10.1.2.3:8899"])
    assert result.exit_code == 0, result.output
    assert seen[0].urls["villaflor"] == "http://10.1.2.3:8899/voila/render/villaflor/start.ipynb"
    result = CliRunner().invoke(cli, [*args, "--public-url", "ftp://x"])
    assert result.exit_code != 0 and "--public-url" in f"{result.output}{result.exception}"


def test_voila_waits_for_a_pages_outputs_under_load(ws_path: Path, tmp_path: Path) -> None:
    """nbclient gives up on a cell's outputs after 4 s on the IOPub channel and renders the
    page without them: under the load of dozens of kernels starting at once, strand pages
    came out empty (the crowd test, "Timeout waiting for IOPub output" in Voilà's log).
    The served command raises that wait, and Voilà's executor really takes it."""
    import nbformat
    from voila.app import Voila
    from voila.execute import VoilaExecutor

    from civicnb.execution.kernel_settings import IOPUB_TIMEOUT_SECONDS

    p = plan(open_workspace(ws_path), participants=4, config_dir=tmp_path / "conf")
    app = Voila()
    app.parse_command_line([a for a in p.command[3:] if a.startswith("--")])
    executor = VoilaExecutor(nbformat.v4.new_notebook(), config=app.config)
    assert executor.iopub_timeout == IOPUB_TIMEOUT_SECONDS >= 30
