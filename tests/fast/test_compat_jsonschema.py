"""civicnb._compat.jsonschema: jsonschema's ``iri`` checker, its parser built when first
used. The same answers as without the stand-in, and nbformat's import no longer builds it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys, time
if {defer}:
    from civicnb._compat.jsonschema import defer_iri_parser
    defer_iri_parser()
t0 = time.process_time()
import nbformat  # as papermill imports it
seconds = time.process_time() - t0
built_at_import = "lark" in sys.modules
import jsonschema
checker = jsonschema.FormatChecker()
values = ["http://example.org/ñandú?q=1#a", "http://exa mple.org/", "no scheme", "urn:x:y"]
answers = [checker.conforms(v, "iri") for v in values]
answers += [checker.conforms(v, "iri-reference") for v in values]
print(json.dumps([answers, built_at_import, "lark" in sys.modules, seconds]))
"""


def _probe(defer: bool) -> tuple[list[bool], bool, bool, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(defer=defer)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    answers, at_import, after_checks, seconds = json.loads(out)
    return answers, at_import, after_checks, seconds


def test_iri_checks_answer_the_same_with_the_parser_built_when_first_used() -> None:
    pytest.importorskip("rfc3987_syntax")
    plain, plain_at_import, _, plain_seconds = _probe(defer=False)
    deferred, at_import, after_checks, seconds = _probe(defer=True)
    # what the stand-in is for: jsonschema builds the IRI parser when imported
    assert plain_at_import, "jsonschema no longer builds the IRI parser at import"
    assert plain == deferred and plain.count(False) >= 2, (plain, deferred)
    assert not at_import and after_checks  # built at the first IRI checked, not before
    assert seconds < plain_seconds, (seconds, plain_seconds)


def test_too_late_changes_nothing() -> None:
    import jsonschema  # noqa: F401  # imported: too late to defer anything

    from civicnb._compat import jsonschema as compat

    before = sys.modules.get(compat.MODULE)
    compat.defer_iri_parser()
    assert sys.modules.get(compat.MODULE) is before
