"""Small PDF and Word files written with the standard library alone: the benchmark corpus's documents, the test
fixtures' documents (text that must or must not reach the search index, and documents a reader cannot use),
and the demo's scanned letter.

They are deliberately plain: a text PDF uses the standard Helvetica font (not embedded), has no structure tree
(untagged) and carries a document title and language only when asked, so a fixture can leave either out. A
"scan" is pages of greyscale pictures and no text at all, which is what a scanner gives a partnership.
The demo's realistic reports are printed by Chromium instead (scripts/make-demo-documents), which writes tagged
PDFs with embedded fonts.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

A4 = (595, 842)  # points
_LINE = 14
_TOP = 770
_LEFT = 72


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 near enough): anything else becomes '?'."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_value(text: str) -> bytes:
    """A document-information string: UTF-16BE with its byte-order mark, so any title survives."""
    raw = "\ufeff".encode("utf-16-be") + text.encode("utf-16-be")
    return b"<" + raw.hex().encode() + b">"


@dataclass(frozen=True)
class Image:
    """A greyscale picture: ``pixels`` is width * height bytes, one per pixel, row by row from the top."""

    width: int
    height: int
    pixels: bytes


class _Writer:
    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        return self.add(b"")

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def stream(self, data: bytes, extra: bytes = b"", compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 6)
            extra += b"/Filter/FlateDecode"
        return self.add(b"<<" + extra + b"/Length " + str(len(data)).encode() + b">>stream\n" + data
                        + b"\nendstream")

    def finish(self, catalog: int, info: int | None) -> bytes:
        out = BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode())
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        trailer = f"trailer\n<</Size {len(self.objects) + 1}/Root {catalog} 0 R".encode()
        if info:
            trailer += f"/Info {info} 0 R".encode()
        out.write(trailer + f">>\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


def _document(writer: _Writer, page_bodies: list[tuple[bytes, bytes]], title: str, language: str) -> bytes:
    """Pages (content stream id reference, resources) under one page tree, with the catalogue and information."""
    tree = writer.reserve()
    kids = []
    for content, resources in page_bodies:
        kids.append(writer.add(b"<</Type/Page/Parent " + f"{tree} 0 R".encode()
                               + f"/MediaBox[0 0 {A4[0]} {A4[1]}]".encode()
                               + b"/Resources" + resources + b"/Contents " + content + b">>"))
    writer.set(tree, b"<</Type/Pages/Count " + str(len(kids)).encode() + b"/Kids["
               + b" ".join(f"{k} 0 R".encode() for k in kids) + b"]>>")
    catalog_body = b"<</Type/Catalog/Pages " + f"{tree} 0 R".encode()
    if language:
        catalog_body += b"/Lang" + _pdf_string(language)
    catalog = writer.add(catalog_body + b">>")
    info = writer.add(b"<</Title" + _info_value(title) + b"/Producer(casereviews sampledocs)>>") if title else None
    return writer.finish(catalog, info)


def text_pdf(pages: Sequence[Sequence[str]], title: str = "", language: str = "", compress: bool = True) -> bytes:
    """A PDF whose page i shows the lines ``pages[i]`` in 11-point Helvetica, one line per entry. Uncompressed
    (``compress=False``), its words can be found in its bytes, as the leak test looks for them."""
    writer = _Writer()
    font = writer.add(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>")
    resources = b"<</Font<</F1 " + f"{font} 0 R".encode() + b">>>>"
    bodies = []
    for lines in pages or [[]]:
        ops = [b"BT /F1 11 Tf", f"{_LINE} TL {_LEFT} {_TOP} Td".encode()]
        for line in lines:
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"ET")
        content = writer.stream(b"\n".join(ops), compress=compress)
        bodies.append((f"{content} 0 R".encode(), resources))
    return _document(writer, bodies, title, language)


def image_pdf(images: Sequence[Image], title: str = "", language: str = "") -> bytes:
    """A scan: each page one greyscale picture filling the page, and no text layer."""
    writer = _Writer()
    bodies = []
    for image in images:
        picture = writer.stream(image.pixels, b"/Type/XObject/Subtype/Image/Width " + str(image.width).encode()
                                + b"/Height " + str(image.height).encode()
                                + b"/ColorSpace/DeviceGray/BitsPerComponent 8")
        content = writer.stream(f"q {A4[0]} 0 0 {A4[1]} 0 0 cm /Im0 Do Q".encode())
        bodies.append((f"{content} 0 R".encode(), b"<</XObject<</Im0 " + f"{picture} 0 R".encode() + b">>>>"))
    return _document(writer, bodies, title, language)


def speckled_page(width: int = 248, height: int = 351, seed: int = 1) -> Image:
    """A page-sized picture of grey 'print' lines on off-white paper, as a cheap stand-in for a scanned page."""
    rows = []
    state = seed or 1
    for y in range(height):
        printed = 30 < y < height - 30 and (y // 4) % 3 == 0
        row = bytearray(width)
        for x in range(width):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            ink = printed and 20 < x < width - 20 and (state >> 16) % 5 != 0
            row[x] = 60 if ink else 235 + (state >> 24) % 20
        rows.append(bytes(row))
    return Image(width, height, b"".join(rows))


def docx(paragraphs: Sequence[str], title: str = "", language: str = "en-GB", compress: bool = True) -> bytes:
    """A minimal Word document (Office Open XML) with these paragraphs, and a title and language when given.
    Stored without compression (``compress=False``), its words can be found in its bytes."""
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{w}">'
                f"<w:body>{body}</w:body></w:document>")
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            + (f"<dc:title>{escape(title)}</dc:title>" if title else "")
            + (f"<dc:language>{escape(language)}</dc:language>" if language else "")
            + "</cp:coreProperties>")
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.'
             'org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
             'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
             'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/'
             'vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/></Relationships>')
    out = BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as z:
        for name, text in (("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document),
                           ("docProps/core.xml", core)):
            # A fixed date in each entry: the same words give the same bytes (reproducible builds and corpora).
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text, compress_type=method)
    return out.getvalue()
