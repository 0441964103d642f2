"""The words of the report's HTML document and PDF around its content (their title)."""

from __future__ import annotations

__all__ = ["REPORT_PDF_MESSAGES"]

REPORT_PDF_MESSAGES: dict[str, str] = {
    # the HTML's <title> and the PDF's title; {locality}: its name, {round}: a round's label
    "rpdf_title": "{locality} — {round} — civicnb report",
}
