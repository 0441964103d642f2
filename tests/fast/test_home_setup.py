"""The home page's set-up, driven without a browser: create a locality from the form
(the same path as ``civicnb new``), its refusals changing nothing, and the report and
workbook to take away."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import db_dump
from widget_helpers import walk

from civicnb.api import export_locality, new_locality
from civicnb.records import Locality, Side
from civicnb.workshop.attendance import default_stakeholder_groups
from civicnb.workspace import Workspace

pytest.importorskip("ipywidgets")
import ipywidgets as W

from civicnb.ui.context import DownloadButton, LiveStatus
from civicnb.ui.home.context import HomeContext
from civicnb.ui.home.create import CreateSection, create_section
from civicnb.ui.home.setup import SetupPanel, setup_panel
from civicnb.ui.home.takeaway import ReportRun, TakeawaySection, takeaway_section

FRAMEWORKS = Path(__file__).resolve().parents[1] / "data" / "frameworks"


class Calls:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> None:
        self.n += 1


def _ctx(ws: Workspace, lang: str = "en", **kwargs: Any) -> tuple[HomeContext, Calls]:
    calls = Calls()
    return HomeContext(ws, lang, refresh=calls, **kwargs), calls


def _state(ws: Workspace) -> tuple[list[str], dict[str, bytes], set[str]]:
    folder = ws.frameworks_dir
    files = {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}
    pages = ws.root / "localities"
    return db_dump(ws.root), files, {p.name for p in pages.iterdir()} if pages.is_dir() else set()


def _upload(name: str, content: bytes) -> tuple[dict[str, Any], ...]:
    return (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def _html(w: Any) -> str:
    return " ".join(str(x.value) for x in walk(w) if isinstance(x, W.HTML))


def _form(ctx: HomeContext) -> CreateSection:
    section = create_section(ctx)
    assert isinstance(section, CreateSection)
    return section


def test_the_form_creates_a_locality_with_two_cso_organisations(ws: Workspace) -> None:
    ctx, refreshed = _ctx(ws, facilitator="Ana")
    form = _form(ctx)
    form.place.value = "Floridablanca"
    form.orgs[Side.LA].value = "Secretaría de Planeación\nConcejo\n"
    form.orgs[Side.CSO].value = "Asociación de Sordos\n\n  Red de Mujeres  \n"
    form.groups.value = "Young people\nOlder people"
    form.k.value = 3
    form.country.value = "Colombia"
    form.button.click()
    assert form.status.kind == "ok", form.status.text
    assert "Floridablanca is ready" in form.status.text
    with ws.open_store() as store:
        loc = store.get_locality("floridablanca")
        cso = [o.name for o in store.organisations(loc.id, Side.CSO)]
        la = [o.name for o in store.organisations(loc.id, Side.LA)]
        (first,) = store.rounds(loc.id)
        groups = sorted(a.group for a in store.attendance(first.id))
        recorders = {a.recorded_by for a in store.attendance(first.id)}
    assert recorders == {"Ana"}  # the key's holder set them up
    assert sorted(cso) == ["Asociación de Sordos", "Red de Mujeres"]
    assert sorted(la) == ["Concejo", "Secretaría de Planeación"]
    assert groups == ["Older people", "Young people"]
    assert (loc.min_group, loc.country, loc.edition) == (3, "Colombia", "pamphlet")
    assert (ws.locality_dir("floridablanca") / "start.ipynb").is_file()
    assert 'href="floridablanca/start.ipynb?lang=en"' in form.result.value
    assert 'href="floridablanca/facilitator.ipynb?lang=en"' in form.result.value
    assert refreshed.n == 1
    assert not form.button.disabled and form.place.value == ""


def test_the_button_is_disabled_and_creating_is_announced_while_it_works(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, _ = _ctx(ws)
    form = _form(ctx)
    form.place.value = "Girón"
    seen: list[tuple[bool, str, str]] = []

    def pages(ws_: Workspace, loc: Locality) -> None:
        seen.append((form.button.disabled, form.status.text, form.status.kind))

    monkeypatch.setattr("civicnb.execution.instantiate.instantiate_locality", pages)
    form.button.click()
    assert seen == [(True, "Creating… (this takes a few seconds)", "saving")]
    assert isinstance(form.status, LiveStatus) and form.status.kind == "ok"


def test_a_duplicate_name_says_so_and_changes_nothing(ws: Workspace) -> None:
    new_locality("Villaflor", workspace=ws, notebooks=False)
    before = _state(ws)
    ctx, refreshed = _ctx(ws, "es")
    form = _form(ctx)
    form.place.value = " Villaflor"
    form.orgs[Side.CSO].value = "Red"
    form.button.click()
    assert form.status.kind == "error"
    assert form.status.text == (
        "No se creó: ya existe una localidad llamada Villaflor. Elija otro nombre."
    )
    assert _state(ws) == before and refreshed.n == 0 and form.result.value == ""
    assert form.place.value == " Villaflor"  # kept, to be corrected


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "bad.yaml",
            (FRAMEWORKS / "bad_yaml.yaml").read_bytes(),
            "the framework file is not valid: bad.yaml: line",
        ),
        ("bad.yaml", (FRAMEWORKS / "bad_id.yaml").read_bytes(), "the framework file is not valid"),
        ("big.yaml", b"#" * (2 * 1024 * 1024 + 1), "at most 2,097,152 bytes"),
        ("notes.txt", b"id: x", "must end in .yaml, .yml or .json"),
    ],
)
def test_a_bad_upload_says_why_and_changes_nothing(
    ws: Workspace, name: str, content: bytes, words: str
) -> None:
    before = _state(ws)
    ctx, refreshed = _ctx(ws)
    form = _form(ctx)
    form.place.value = "Lebrija"
    form.edition.value = "own"
    form.upload.value = _upload(name, content)
    form.button.click()
    assert form.status.kind == "error" and words in form.status.text, form.status.text
    assert "\n" not in form.status.text and form.status.text.startswith("Not created: ")
    assert "civicnb-upload-" not in form.status.text  # the server's folders stay unsaid
    assert _state(ws) == before and refreshed.n == 0


def test_no_upload_with_my_own_framework_is_refused(ws: Workspace) -> None:
    before = _state(ws)
    form = _form(_ctx(ws)[0])
    form.place.value = "Lebrija"
    form.edition.value = "own"
    form.button.click()
    assert "choose the framework file" in form.status.text
    assert _state(ws) == before


def test_an_uploaded_framework_is_used(ws: Workspace) -> None:
    form = _form(_ctx(ws)[0])
    assert form.upload_box.layout.display == "none"
    form.edition.value = "own"
    assert form.upload_box.layout.display == ""
    form.place.value = "Lebrija"
    form.upload.value = _upload("mine.yaml", (FRAMEWORKS / "minimal.yaml").read_bytes())
    form.button.click()
    assert form.status.kind == "ok", form.status.text
    with ws.open_store() as store:
        assert store.get_locality("lebrija").edition == "transport_access"
    assert (ws.frameworks_dir / "transport_access.yaml").is_file()


@pytest.mark.parametrize("k", [0, 101, -5])
def test_a_bad_k_says_so_and_changes_nothing(ws: Workspace, k: int) -> None:
    before = _state(ws)
    form = _form(_ctx(ws)[0])
    form.place.value = "Lebrija"
    form.k.value = k
    form.button.click()
    assert form.status.kind == "error"
    assert form.status.text == (
        "Not created: the small-number threshold k must be a whole number from 1 to 100."
    )
    assert _state(ws) == before


def test_a_duplicate_organisation_is_refused(ws: Workspace) -> None:
    before = _state(ws)
    form = _form(_ctx(ws)[0])
    form.place.value = "Lebrija"
    form.orgs[Side.CSO].value = "Red de Mujeres\nred de mujeres"
    form.button.click()
    assert form.status.kind == "error" and "given twice" in form.status.text
    assert _state(ws) == before


def test_names_are_shown_as_text(ws: Workspace) -> None:
    form = _form(_ctx(ws)[0])
    form.place.value = "Ciudad <img src=x onerror=alert(1)>"
    form.button.click()
    assert form.status.kind == "ok", form.status.text
    assert "<img" not in form.result.value and "&lt;img" in form.result.value


def test_the_spanish_form_and_its_default_groups(ws: Workspace) -> None:
    form = _form(_ctx(ws, "es")[0])
    assert form.place.description == "Nombre de la localidad"
    assert form.groups.value.splitlines() == list(default_stakeholder_groups("es"))
    form.language.value = "en"  # untouched defaults follow the locality's language
    assert form.groups.value.splitlines() == list(default_stakeholder_groups("en"))
    form.groups.value = "Jóvenes"
    form.language.value = "es"  # edited: kept
    assert form.groups.value == "Jóvenes"
    hints = _html(form)
    assert "Secretaría de Planeación" in hints and "Asociación de Sordos" in hints


# --- make the report and take it away ------------------------------------------------


def _fake_report(files: tuple[str, ...], error: str = "") -> Any:
    """A runner that writes report files as ``civicnb report`` would, stepping."""
    calls: list[int] = []

    def run(ws: Workspace, locality: Locality, step: Any) -> ReportRun:
        folder = ws.root / "reports" / locality.slug
        folder.mkdir(parents=True, exist_ok=True)
        calls.append(1)
        step(2)
        if error:
            return ReportRun(error=error)
        out = {}
        for kind in files:
            path = folder / f"Baseline.{kind}"
            path.write_bytes(f"{kind} of {locality.name}".encode())
            out[kind] = path
        return ReportRun(files=out)

    run.calls = calls  # type: ignore[attr-defined]
    return run


def _buttons(w: Any) -> dict[str, DownloadButton]:
    return {b.label: b for b in walk(w) if isinstance(b, DownloadButton)}


def test_the_report_is_made_with_progress_then_offered(ws: Workspace) -> None:
    new_locality("Villaflor", workspace=ws, notebooks=False)
    ctx, _ = _ctx(ws)
    section = TakeawaySection(ctx, runner=_fake_report(("ipynb", "html", "pdf")))
    row = section.rows["villaflor"]
    assert set(_buttons(section)) == {"Workbook (JSON)", "Workbook (Excel)"}
    assert row.progress.layout.display == "none"
    steps: list[tuple[int, str]] = []
    row.status.observe(lambda c: steps.append((row.progress.value, c["new"])), names="text")
    row.button.click()
    assert [s for s, _ in steps] == [1, 2, 3]
    assert steps[0][1].startswith("Step 1 of 3: running the report notebook of Villaflor")
    assert steps[1][1].startswith("Step 2 of 3")
    assert steps[2][1] == "Step 3 of 3: the report of Villaflor is ready. Download it below."
    assert row.progress.value == 3 and row.progress.layout.display == ""
    buttons = _buttons(section)
    assert {"Report (HTML)", "Report (PDF)", "Report notebook (.ipynb, with the data)"} <= set(
        buttons
    )
    assert buttons["Report (PDF)"]._provider() == b"pdf of Villaflor"
    assert buttons["Report (HTML)"].filename == "villaflor-Baseline.html"


def test_without_chromium_the_page_says_there_is_no_pdf(ws: Workspace) -> None:
    new_locality("Villaflor", workspace=ws, notebooks=False)
    section = TakeawaySection(_ctx(ws)[0], runner=_fake_report(("ipynb", "html")))
    row = section.rows["villaflor"]
    row.button.click()
    assert "No PDF: this server has no Chromium" in row.status.text
    assert "Report (PDF)" not in _buttons(section)


def test_a_failed_report_says_why(ws: Workspace) -> None:
    new_locality("Villaflor", workspace=ws, notebooks=False)
    runner = _fake_report((), error="the report of 'villaflor' failed in cell 3")
    section = TakeawaySection(_ctx(ws, "es")[0], runner=runner)
    row = section.rows["villaflor"]
    row.button.click()
    assert row.status.kind == "error"
    assert row.status.text == (
        "No se pudo generar el informe: the report of 'villaflor' failed in cell 3"
    )
    assert row.progress.bar_style == "danger" and not row.button.disabled


def test_the_workbook_downloads_are_the_export(ws: Workspace, tmp_path: Path) -> None:
    new_locality("Villaflor", workspace=ws, organisations={Side.CSO: ["Red"]}, notebooks=False)
    buttons = _buttons(takeaway_section(_ctx(ws)[0]))
    got = json.loads(buttons["Workbook (JSON)"]._provider())
    exported = json.loads(export_locality("villaflor", workspace=ws, out=tmp_path).read_bytes())
    for doc in (got, exported):
        doc.pop("exported_at", None)
    assert got == exported and got["organisations"][0]["name"] == "Red"
    xlsx = buttons["Workbook (Excel)"]._provider()
    assert xlsx[:2] == b"PK" and buttons["Workbook (Excel)"].filename == "villaflor.xlsx"


def test_a_temporary_session_says_the_download_is_the_only_copy(ws: Workspace) -> None:
    new_locality("Villaflor", workspace=ws, notebooks=False)
    assert "the only copy" in _html(takeaway_section(_ctx(ws, temporary=True)[0]))
    assert "the only copy" not in _html(takeaway_section(_ctx(ws)[0]))
    assert "la única copia" in _html(takeaway_section(_ctx(ws, "es", temporary=True)[0]))


# --- the panel ------------------------------------------------------------------------


def test_the_panel_heads_its_sections_in_order_and_redraws_them(ws: Workspace) -> None:
    ctx, refreshed = _ctx(ws)
    panel = setup_panel(ctx)
    assert isinstance(panel, SetupPanel)
    html = _html(panel)
    assert html.index("<h2>Create a locality</h2>") < html.index(
        "<h2>Make the report and take it away</h2>"
    )
    form = next(s for s in panel.sections if isinstance(s, CreateSection))
    take = next(s for s in panel.sections if isinstance(s, TakeawaySection))
    assert take.rows == {} and "No locality yet" in _html(take)
    form.place.value = "Lebrija"
    form.button.click()
    assert refreshed.n == 1  # the home page's public list
    assert list(take.rows) == ["lebrija"]  # and the other sections


def test_the_spanish_panel(ws: Workspace) -> None:
    html = _html(setup_panel(_ctx(ws, "es", temporary=True)[0]))
    assert "<h2>Crear una localidad</h2>" in html
    assert "<h2>Generar el informe y llevárselo</h2>" in html
    assert "sesión temporal" in html
