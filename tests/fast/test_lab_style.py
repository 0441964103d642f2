"""civicnb's page style inside JupyterLab (civicnb.lab_style): the template's rules,
scoped to the output area of a civicnb page, never to Lab's own page."""

from __future__ import annotations

import re

from civicnb.lab_style import LAB_SCOPE, lab_stylesheet, rescope


def _selectors(css: str) -> list[str]:
    inner = re.sub(r"@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    found = []
    for prelude in re.findall(r"([^{}]+)\{[^{}]*\}", inner):
        prelude = re.sub(r"^\s*@media[^{]*\{", "", prelude.strip())
        found += [s.strip() for s in prelude.split(",") if s.strip()]
    return found


def test_every_rule_is_scoped_to_civicnb_never_to_the_whole_page() -> None:
    css = lab_stylesheet()
    selectors = _selectors(css)
    assert len(selectors) > 100  # the template's rules are all there
    assert all(
        s.startswith((f".{LAB_SCOPE}", ".civicnb-", "#rendered_cells")) for s in selectors
    ), [s for s in selectors if not s.startswith((f".{LAB_SCOPE}", ".civicnb-", "#rendered_cells"))]
    # the colours and fonts of the page, for civicnb's output area only
    assert re.search(rf"\.{LAB_SCOPE} \{{\s*--civicnb-text: #1a1a1a;", css)
    assert f".{LAB_SCOPE} .civicnb-nav a" in css
    assert "@media (forced-colors: active)" in css  # kept, rewritten inside


def test_rescope_drops_whole_page_selectors_and_keeps_the_rest() -> None:
    css = """
    /* a comment { with braces } */
    :root, body.civicnb { --x: 1; }
    html { font-size: 100%; }
    body.civicnb .a, .civicnb-b { color: red; }
    @media (max-width: 30rem) { html, body.civicnb h1 { font-size: 2rem; } }
    @keyframes civicnb-spin { to { transform: rotate(360deg); } }
    """
    out = rescope(css)
    assert "html" not in out and ":root" not in out and "body" not in out
    assert ".civicnb-in-lab { --x: 1; }" in out
    assert ".civicnb-in-lab .a, .civicnb-b { color: red; }" in out
    assert "@media (max-width: 30rem) {\n.civicnb-in-lab h1 { font-size: 2rem; }" in out
    assert "@keyframes civicnb-spin { to { transform: rotate(360deg); } }" in out
