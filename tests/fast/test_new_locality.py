"""api.new_locality with organisations, expected groups and k: checked before anything
is written, written in one transaction; a failure leaves the store and the workspace's
frameworks byte for byte as they were (``civicnb new`` and the home page share it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import db_dump

from civicnb.api import new_locality
from civicnb.errors import CivicnbError, ConflictError, FrameworkError, InputError
from civicnb.records import Side
from civicnb.workshop.attendance import default_stakeholder_groups
from civicnb.workspace import Workspace

FRAMEWORKS = Path(__file__).resolve().parents[1] / "data" / "frameworks"


def _snapshot(ws: Workspace) -> tuple[list[str], dict[str, bytes]]:
    folder = ws.frameworks_dir
    files = {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}
    return db_dump(ws.root), files


def test_organisations_groups_and_k_are_written(ws: Workspace) -> None:
    loc = new_locality(
        "Floridablanca",
        workspace=ws,
        language="es",
        organisations={
            Side.LA: ["Secretaría de Planeación", "Concejo"],
            "cso": [" Asociación de Sordos ", "", "Red de Mujeres"],
        },
        expected_groups=["Jóvenes", "Personas mayores"],
        min_group=3,
        notebooks=False,
    )
    with ws.open_store() as store:
        stored = store.get_locality(loc.slug)
        assert stored.min_group == 3 and stored.language == "es"
        orgs = {(o.side, o.name) for o in store.organisations(loc.id)}
        assert orgs == {
            (Side.LA, "Secretaría de Planeación"),
            (Side.LA, "Concejo"),
            (Side.CSO, "Asociación de Sordos"),
            (Side.CSO, "Red de Mujeres"),
        }
        (first,) = store.rounds(loc.id)
        assert first.label == "Línea de base"
        groups = store.attendance(first.id)
        assert sorted(a.group for a in groups) == ["Jóvenes", "Personas mayores"]
        assert all(a.expected and not a.present for a in groups)


def test_default_groups_are_in_the_localitys_language(ws: Workspace) -> None:
    loc = new_locality("Girón", workspace=ws, language="es", notebooks=False)
    with ws.open_store() as store:
        (first,) = store.rounds(loc.id)
        found = {a.group for a in store.attendance(first.id)}
        assert store.organisations(loc.id) == []
        assert store.get_locality(loc.slug).min_group == 5
    assert found == set(default_stakeholder_groups("es"))


def test_the_pages_are_written_after_the_commit(ws: Workspace) -> None:
    loc = new_locality("Piedecuesta", workspace=ws, organisations={Side.CSO: ["A", "B"]})
    assert (ws.locality_dir(loc.slug) / "start.ipynb").is_file()


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"name": "Villaflor"}, ConflictError, "exists already"),
        ({"min_group": 0}, InputError, "between 1 and 100"),
        ({"min_group": 101}, InputError, "between 1 and 100"),
        ({"min_group": "5"}, InputError, "whole number"),
        ({"organisations": {Side.CSO: ["Red", "red "]}}, InputError, "given twice"),
        ({"organisations": {"other": ["Red"]}}, InputError, "side"),
        ({"organisations": {Side.CSO: ["Red"], "cso": ["RED"]}}, InputError, "given twice"),
        ({"organisations": {Side.CSO: "Red"}}, InputError, "list of names"),
        ({"organisations": {"nobody": ["Red"]}}, InputError, "side"),
        ({"organisations": {Side.LA: ["x" * 500]}}, InputError, "longer than"),
        ({"expected_groups": ["Youth", "YOUTH"]}, InputError, "given twice"),
        ({"name": "!!!"}, InputError, "slug"),
        ({"language": "fr"}, InputError, "language must be one of"),
        ({"framework_file": FRAMEWORKS / "bad_yaml.yaml"}, FrameworkError, "bad_yaml.yaml"),
        ({"framework_file": FRAMEWORKS / "bad_id.yaml"}, FrameworkError, "bad_id.yaml"),
    ],
)
def test_a_bad_request_changes_nothing(
    ws: Workspace, kwargs: dict[str, object], error: type[CivicnbError], words: str
) -> None:
    new_locality("Villaflor", workspace=ws, organisations={Side.CSO: ["Red"]}, notebooks=False)
    localities = set((ws.root / "localities").iterdir())
    before = _snapshot(ws)
    args: dict[str, object] = {"name": "Lebrija", "workspace": ws, **kwargs}
    with pytest.raises(error) as info:
        new_locality(**args)  # type: ignore[arg-type]
    assert words in str(info.value) and "\n" not in str(info.value)
    assert _snapshot(ws) == before
    assert set((ws.root / "localities").iterdir()) == localities


def test_a_failed_write_removes_the_framework_it_copied(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store refuses the locality after the framework file was copied: the
    workspace's frameworks are as they were."""
    from civicnb.store import Store

    before = _snapshot(ws)

    def refuse(self: Store, *args: object, **kwargs: object) -> None:
        raise ConflictError("refused by the test")

    monkeypatch.setattr(Store, "import_locality", refuse)
    with pytest.raises(ConflictError, match="refused by the test"):
        new_locality("Lebrija", workspace=ws, framework_file=FRAMEWORKS / "minimal.yaml")
    assert _snapshot(ws) == before


def test_a_custom_framework_is_installed(ws: Workspace, tmp_path: Path) -> None:
    src = tmp_path / "mine.yaml"
    shutil.copy(FRAMEWORKS / "minimal.yaml", src)
    loc = new_locality("Lebrija", workspace=ws, framework_file=src, notebooks=False)
    assert loc.edition == "transport_access"
    assert (ws.frameworks_dir / "transport_access.yaml").read_bytes() == src.read_bytes()
