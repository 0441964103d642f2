"""What civicnb relies on in papermill's and nbclient's internals (civicnb._compat.papermill
and civicnb._compat.nbclient) still holds in the installed versions: each test fails when
the upstream behaviour it guards changes, before a batch or an instantiation would."""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, NBClientEngine, NotebookExecutionManager, papermill_engines

from civicnb._compat import nbclient as compat_nbclient
from civicnb._compat import papermill as compat_papermill


def _manager(output_path: str | None = None) -> NotebookExecutionManager:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata.kernelspec = {"name": "python3", "language": "python", "display_name": "P"}
    nb.metadata.papermill = {}  # as papermill.execute_notebook prepares it
    return NotebookExecutionManager(nb, output_path=output_path, progress_bar=False)


# --- papermill ----------------------------------------------------------------------------


def test_the_copied_papermill_method_is_unchanged_upstream() -> None:
    """notebook_client() copies NBClientEngine.execute_managed_notebook: a papermill whose
    method differs must be read again (then renew the recorded hash)."""
    source = inspect.getsource(NBClientEngine.execute_managed_notebook)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    assert digest == compat_papermill.EXECUTE_MANAGED_NOTEBOOK_SHA256, (
        "papermill's NBClientEngine.execute_managed_notebook changed: compare it with "
        "civicnb._compat.papermill.notebook_client, then record the new sha256 " + digest
    )


def test_the_copy_builds_the_client_papermill_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same client arguments as papermill's own engine, for the same engine arguments."""
    built: list[dict[str, Any]] = []

    class Recorder(PapermillNotebookClient):  # type: ignore[misc]
        def __init__(self, nb_man: Any, **kwargs: Any) -> None:
            built.append(kwargs)
            super().__init__(nb_man, **kwargs)

        def execute(self, **kwargs: Any) -> Any:
            return self.nb

    monkeypatch.setattr("papermill.engines.PapermillNotebookClient", Recorder)
    monkeypatch.setattr("papermill.clientwrap.PapermillNotebookClient", Recorder)
    args: dict[str, Any] = {
        "input_path": "in.ipynb",
        "start_timeout": 12,
        "execution_timeout": 34,
        "log_output": True,
        "extra_arguments": ["--x"],
    }
    NBClientEngine.execute_managed_notebook(_manager(), "python3", **args)
    client = compat_papermill.notebook_client(_manager(), "python3", **args)
    assert isinstance(client, Recorder)
    assert built[0] == built[1]
    assert built[0]["timeout"] == 34 and built[0]["startup_timeout"] == 12


def test_papermills_last_save_writes_the_partial_notebook(tmp_path: Path) -> None:
    """Engine.execute_notebook saves in a finally: an output path set when the execution
    raises is where the partial notebook goes (the engine gets none when
    request_save_on_cell_execute=False)."""
    out = tmp_path / "partial.ipynb"

    class Failing(Engine):  # type: ignore[misc]
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            try:
                raise RuntimeError("the kernel died")
            except RuntimeError:
                compat_papermill.save_partial_on_error(nb_man, str(out))
                raise

    nb = _manager().nb
    with pytest.raises(RuntimeError, match="the kernel died"):
        Failing.execute_notebook(nb, "python3", output_path=None, progress_bar=False)
    written = nbformat.read(out, as_version=4)
    assert written.metadata.papermill["end_time"]  # papermill's own final save


def test_a_failing_cell_is_recorded_in_the_notebook() -> None:
    nb_man = _manager()
    nb_man.notebook_start()
    assert not compat_papermill.cell_error_recorded(nb_man)
    nb_man.cell_exception(nb_man.nb.cells[0], cell_index=0, exception=ValueError("x"))
    assert compat_papermill.cell_error_recorded(nb_man)


def test_engines_register_publicly() -> None:
    from civicnb.execution.engine import ENGINE_NAME, engine_class, register_engine

    register_engine()
    assert papermill_engines.get_engine(ENGINE_NAME) is engine_class()


# --- nbclient -----------------------------------------------------------------------------


class _Kernel:
    """A kernel manager and its client that record what nbclient asks of them."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.has_kernel = True
        self.allow_stdin = False

    def client(self) -> Any:
        self.calls.append("km.client")
        raise AssertionError("nbclient started a client of its own")

    def start_kernel(self, **kwargs: Any) -> None:
        self.calls.append("km.start_kernel")

    def shutdown_kernel(self, **kwargs: Any) -> None:
        self.calls.append("km.shutdown_kernel")

    def is_alive(self) -> bool:
        self.calls.append("km.is_alive")
        return True

    def cleanup_resources(self) -> None:
        self.calls.append("km.cleanup_resources")

    def stop_channels(self) -> None:
        self.calls.append("kc.stop_channels")


def test_a_client_given_a_running_kernel_client_uses_it_and_leaves_it_running() -> None:
    kernel = _Kernel()
    client = PapermillNotebookClient(_manager(), km=kernel)
    compat_nbclient.use_running_client(client, kernel)
    with client.setup_kernel():
        assert client.kc is kernel
    assert kernel.calls == []  # no kernel, no client started; nothing stopped
    assert client.kc is kernel and client.km is kernel


def test_a_running_client_needs_its_manager() -> None:
    client = NotebookClient(_manager().nb)
    with pytest.raises(ValueError, match="km="):
        compat_nbclient.use_running_client(client, _Kernel())


def test_the_client_config_reaches_the_client_and_its_kernel_manager(tmp_path: Path) -> None:
    config = compat_nbclient.client_config(123, str(tmp_path / "k"))
    client = PapermillNotebookClient(_manager(), config=config, kernel_name="python3")
    assert client.iopub_timeout == 123
    km = client.create_kernel_manager()
    assert km.transport == "ipc" and km.ip == str(tmp_path / "k")
    plain = NotebookClient(_manager().nb, config=compat_nbclient.client_config(5))
    assert plain.iopub_timeout == 5
    assert plain.create_kernel_manager().transport == "tcp"
