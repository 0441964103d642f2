"""`civicnb serve`'s plan: what it would run, without running it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.errors import WorkspaceError
from civicnb.serve import plan, pool_sizes
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


def test_participants_size_the_preheated_pools(ws_path: Path, tmp_path: Path) -> None:
    p = plan(open_workspace(ws_path), participants=12, config_dir=tmp_path)
    assert "--preheat_kernel=True" in p.command
    config = json.loads((tmp_path / "voila.json").read_text())["VoilaKernelManager"]
    assert config["kernel_pools_config"]["villaflor/start.ipynb"] == {"pool_size": 14}
    assert config["kernel_pools_config"]["villaflor/strand-I.ipynb"] == {"pool_size": 14}
    assert config["kernel_pools_config"]["default"] == {"pool_size": 0}
    assert str(tmp_path) in p.env["JUPYTER_CONFIG_PATH"].split(":")
    assert pool_sizes(0) == {} and pool_sizes(500)["start.ipynb"] == 42


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
    (root,) = [a.split("=", 1)[1] for a in p.command if a.startswith("--Voila.connection_dir_root=")]
    # voila_xxxxxxxx/kernel-<36-char uuid>-ipc-NN must fit in 107 bytes
    assert os.path.isdir(root) and len(root) + len("/voila_12345678/kernel--ipc-99") + 36 <= 107
    assert p.env.get("JUPYTER_RUNTIME_DIR") == os.environ.get("JUPYTER_RUNTIME_DIR")
