"""civicnb.voila_app: Voilà whose page templates are compiled once per server."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from civicnb.voila_app import TEMPLATE_CACHE, KeptTemplatesExporter, MemoryBytecodeCache


def _env(folder: Path, cache: jinja2.BytecodeCache) -> jinja2.Environment:
    # synchronous rendering: another test on this worker (Playwright's sync API) may have
    # left an event loop running in this thread, and Jinja's async render would need one
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_templates_compile_once_across_environments_and_again_when_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html.j2").write_text("<p>{{ who }}</p>", encoding="utf-8")
    cache = MemoryBytecodeCache()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: object, **kw: object) -> object:
        compiled.append(source)
        return real(self, source, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    for who in ("Ana", "Bea", "Cai"):  # a new environment per request, as Voilà makes
        out = _env(tmp_path, cache).get_template("page.html.j2").render(who=who)
        assert out == f"<p>{who}</p>"
    assert len(compiled) == 1
    (tmp_path / "page.html.j2").write_text("<b>{{ who }}</b>", encoding="utf-8")
    assert _env(tmp_path, cache).get_template("page.html.j2").render(who="Dan") == "<b>Dan</b>"
    assert len(compiled) == 2  # the source changed: compiled again, not served stale


def test_voilas_exporter_uses_the_shared_cache() -> None:
    exporter = KeptTemplatesExporter(template_name="lab")
    assert exporter.environment.bytecode_cache is TEMPLATE_CACHE
    assert exporter.environment.is_async  # still Voilà's async rendering
