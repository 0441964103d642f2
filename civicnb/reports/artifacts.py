"""The page numbers Chromium prints at the pages' feet, marked as artifacts.

Chromium tags what a page's content prints, but not what the page's margin boxes print
(the CSS ``@page { @bottom-right { content: counter(page) } }`` of the report): that
text is outside any marked content, which PDF/UA forbids (ISO 14289-1, 7.1: content is
either in the structure tree or an artifact). :func:`mark_artifacts` wraps each such
``BT`` … ``ET`` block in ``/Artifact BMC`` … ``EMC`` (a screen reader skips it) and
writes the changed content streams as an incremental update (ISO 32000-1, 7.5.6)
appended to the file: the rest of the file stays as Chromium wrote it, and rewriting
the whole document (thousands of structure objects) with pypdf would take seconds.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from civicnb.errors import ReportError

__all__ = ["mark_artifacts", "untagged_text_blocks"]

# the tokens of a content stream that matter here; literal and hex strings, dictionary
# brackets, names and comments are matched whole, so that an operator's letters inside
# them are not taken for an operator
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\()])*\)|<<|>>|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|%[^\r\n]*"
    rb"|(?<![^\s\]>)])(BDC|BMC|EMC|BT|ET)(?![^\s/\[(<%])"
)


def _wrap(data: bytes) -> tuple[bytes, int]:
    """``data`` (a page's content) with each text block outside marked content wrapped
    in ``/Artifact BMC`` … ``EMC``, and how many blocks there were.

    >>> data, n = _wrap(b"q BT <0014> Tj ET Q /P <</MCID 0>> BDC BT (ET) Tj ET EMC")
    >>> n, b" ".join(data.split())
    (1, b'q /Artifact BMC BT <0014> Tj ET EMC Q /P <</MCID 0>> BDC BT (ET) Tj ET EMC')
    """
    out: list[bytes] = []
    depth = 0
    start = 0
    opened = False
    count = 0
    for m in _TOKEN.finditer(data):
        op = m[1]
        if op is None:
            continue
        if op == b"BT" and depth == 0:
            out.append(data[start : m.start()] + b"/Artifact BMC\n")
            start = m.start()
            opened = True
            count += 1
        elif op in (b"BDC", b"BMC"):
            depth += 1
        elif op == b"EMC":
            depth -= 1
        elif op == b"ET" and opened:
            out.append(data[start : m.end()] + b"\nEMC")
            start = m.end()
            opened = False
    out.append(data[start:])
    return b"".join(out), count


def _content_streams(reader: Any) -> list[tuple[int, int, bytes]]:
    """Each page's content streams: (object number, generation, decoded data)."""
    from pypdf.generic import IndirectObject, StreamObject

    found = []
    for page in reader.pages:
        if "/Contents" not in page:
            continue
        contents = page.raw_get("/Contents")
        refs = contents.get_object() if isinstance(contents, IndirectObject) else contents
        for ref in refs if isinstance(refs, list) else [contents]:
            stream = ref.get_object() if isinstance(ref, IndirectObject) else None
            if isinstance(stream, StreamObject):
                found.append((ref.idnum, ref.generation, stream.get_data()))
    return found


def untagged_text_blocks(pdf: Path) -> int:
    """How many text blocks of the PDF's pages are outside any marked content."""
    from pypdf import PdfReader

    return sum(_wrap(data)[1] for _, _, data in _content_streams(PdfReader(pdf)))


def mark_artifacts(pdf: Path) -> int:
    """Mark every text block outside marked content as an artifact, in place; return
    how many content streams changed."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    changed: dict[tuple[int, int], bytes] = {}
    for num, gen, data in _content_streams(reader):
        wrapped, count = _wrap(data)
        if count:
            changed[(num, gen)] = wrapped
    if changed:
        _append_streams(pdf, reader.trailer, changed)
    return len(changed)


def _append_streams(pdf: Path, trailer: Any, streams: dict[tuple[int, int], bytes]) -> None:
    """Replace the objects ``streams`` by an incremental update: the new streams, a
    cross-reference section for them and a trailer pointing back to the last one."""
    original = pdf.read_bytes()
    prev = re.findall(rb"startxref\s+(\d+)", original[-1024:])
    if not prev or b"/XRefStm" in original[-1024:]:
        raise ReportError(f"{pdf.name}: no cross-reference table to add the artifacts to")
    body = bytearray(original if original.endswith(b"\n") else original + b"\n")
    offsets: list[tuple[int, int, int]] = []
    for (num, gen), data in sorted(streams.items()):
        packed = zlib.compress(data)
        offsets.append((num, gen, len(body)))
        body += b"%d %d obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n" % (
            num,
            gen,
            len(packed),
        )
        body += packed + b"\nendstream\nendobj\n"
    xref = len(body)
    body += b"xref\n"
    for num, gen, offset in offsets:
        body += b"%d 1\n%010d %05d n\r\n" % (num, offset, gen)
    keys = [b"/Size %d" % int(trailer["/Size"]), b"/Prev " + prev[-1]]
    for key in ("/Root", "/Info"):
        if key in trailer:
            ref = trailer.raw_get(key)
            keys.append(b"%s %d %d R" % (key.encode(), ref.idnum, ref.generation))
    if "/ID" in trailer:
        first, second = (bytes(part).hex().encode() for part in trailer["/ID"])
        keys.append(b"/ID [<%s> <%s>]" % (first, second))
    body += b"trailer\n<< " + b" ".join(keys) + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    pdf.write_bytes(bytes(body))
