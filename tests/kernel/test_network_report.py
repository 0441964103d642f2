"""`civicnb network-report`: papermill runs the network report notebook on a small
generated network; the notebook is valid, carries the figures it shows, and renders to
HTML (and PDF when Chromium is there) in which a locality that did not consent is never
named, while its country is."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from civicnb.cli import main
from civicnb.demo.network import generate_network
from civicnb.reports.network_report import NETWORK_METADATA_KEY
from civicnb.reports.report import find_chromium
from civicnb.workspace import init_workspace

pytestmark = [pytest.mark.kernel, pytest.mark.xdist_group("report")]


def test_network_report_to_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = init_workspace(tmp_path / "ws")
    with ws.open_store() as store:
        generate_network(store, ws.framework("pamphlet"), 36, participants=10, seed=5)
        members = store.network_members()
    anonymous = [m for m in members if not m.named]
    asked = anonymous[0]
    out = tmp_path / "out"
    args = ["network-report", "--all", "-o", str(out), "--position", asked.slug]
    args += ["--lang", "es", "--workspace", str(ws.root)]
    chromium = find_chromium()
    if not chromium:
        args.append("--no-pdf")
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert f"posición A: {asked.slug}" in printed

    nb = nbformat.read(out / "network-report.ipynb", as_version=4)
    nbformat.validate(nb)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    data = nb.metadata[NETWORK_METADATA_KEY]
    assert data["localities"] == 36 and [r["localities"] for r in data["rounds"]] == [36, 36]
    assert data["pairs"]["P01"]["level"]["n"] > 30

    html = (out / "network-report.html").read_text(encoding="utf-8")
    assert "<title>civicnb — Informe de la red de alianzas cívicas</title>" in html
    assert "Una red de 36 localidades" in html and "Eje I" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    for m in anonymous:
        assert m.name not in html and m.slug not in html
    assert re.search(r"una localidad de (Brasil|España|Ecuador|Perú|Chile)", html)
    assert f"Posición de la localidad A ({asked.country})" in html
    named_peers = [m for m in members if m.named and m.name in html]
    assert named_peers  # consenting localities are named among the peers
    assert (out / "network-report.ipynb").stat().st_mode & 0o077 == 0

    if chromium:
        pdf = out / "network-report.pdf"
        assert pdf.stat().st_size > 0
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert "Una red de 36 localidades" in text
            for m in anonymous:
                assert m.name not in text
