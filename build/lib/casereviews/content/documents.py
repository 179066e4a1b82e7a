"""What is inside a published document: its text page by page, and what a reader needs to know before opening it.

A PDF is read with pypdfium2 (PDFium, the engine of Chrome's PDF viewer), chosen over pypdf on measured speed and
fidelity (BENCHMARK.md, "Text inside documents"). A Word document (.docx) is a zip of XML files, read with the
standard library: its text is in ``word/document.xml`` and its title and language in ``docProps/core.xml`` and
``word/styles.xml``, which is all this needs, so no second library.

Nothing here raises on a bad document. A file that cannot be read comes back with ``error`` saying why, so the
check can name it and the build can publish it without indexing it. Every input is bounded: files over
``MAX_READ_BYTES`` are not opened, a Word document's XML is read up to ``MAX_XML_BYTES``, and each page keeps at
most ``MAX_PAGE_CHARS`` characters.
"""

from __future__ import annotations

import mimetypes
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

# Bump when what is extracted changes, so cached results from an older version are extracted again.
EXTRACTOR_VERSION = 1
MAX_READ_BYTES = 300 * 1024 * 1024
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_PAGE_CHARS = 30_000
MAX_DOCX_CHARS = 1_000_000  # a Word document is one record: a very long one is cut here
# A page with fewer visible characters than this has no real text layer (a scan may carry a stray page number).
MIN_PAGE_CHARS = 20
PDF, DOCX = "pdf", "docx"
EXTRACTED_KINDS = {".pdf": PDF, ".docx": DOCX}

_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class DocumentText:
    """A document as extraction found it. ``pages`` holds each page's text (a Word document has no fixed pages,
    so its whole text is one entry); ``page_count`` is None when the file does not say (Word without app.xml).
    ``tagged`` is None where tagging does not apply (Word documents carry their structure in their XML)."""

    kind: str
    pages: tuple[str, ...] = ()
    page_count: int | None = None
    tagged: bool | None = None
    title: str = ""
    language: str = ""
    encrypted: bool = False
    error: str = ""  # why the document could not be read; empty when it was
    notes: tuple[str, ...] = field(default=())  # e.g. that a page was cut short

    @property
    def readable(self) -> bool:
        return not self.error

    @property
    def pages_without_text(self) -> int:
        return sum(1 for p in self.pages if len(p) - p.count(" ") - p.count("\n") < MIN_PAGE_CHARS)

    @property
    def scanned(self) -> bool:
        """No text layer: most pages carry no text (a scan, or a picture of text), so screen readers and search
        find nothing."""
        return self.readable and bool(self.pages) and self.pages_without_text * 2 > len(self.pages)

    def to_json(self) -> dict:
        return {"kind": self.kind, "pages": list(self.pages), "page_count": self.page_count, "tagged": self.tagged,
                "title": self.title, "language": self.language, "encrypted": self.encrypted, "error": self.error,
                "notes": list(self.notes)}

    @classmethod
    def from_json(cls, data: dict) -> DocumentText:
        """The inverse of ``to_json``; raises ValueError (or TypeError) on anything that is not its output."""
        pages = data["pages"]
        count = data["page_count"]
        tagged = data["tagged"]
        if not (isinstance(data["kind"], str) and isinstance(pages, list) and all(isinstance(p, str) for p in pages)
                and (count is None or (isinstance(count, int) and not isinstance(count, bool)))
                and tagged in (None, True, False) and isinstance(data["encrypted"], bool)
                and all(isinstance(data[k], str) for k in ("title", "language", "error"))
                and isinstance(data["notes"], list) and all(isinstance(n, str) for n in data["notes"])):
            raise ValueError("not a cached document text")
        return cls(kind=data["kind"], pages=tuple(pages), page_count=count, tagged=tagged, title=data["title"],
                   language=data["language"], encrypted=data["encrypted"], error=data["error"],
                   notes=tuple(data["notes"]))


def tidy(text: str, limit: int = MAX_PAGE_CHARS) -> str:
    """Runs of spaces as one space, blank lines as one, no spaces at line ends; at most ``limit`` characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()[:limit]


def kind_of(path: Path) -> str:
    """``pdf`` or ``docx`` for a file whose text is extracted, else ``""``."""
    return EXTRACTED_KINDS.get(path.suffix.lower(), "")


def sniff(head: bytes) -> str:
    """What the first bytes of a file say it is, whatever its name says."""
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # an old .doc, or an encrypted Office file
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "html"
    return ""


_SNIFFED = {"zip": "a zip file", "ole": "an old-style Office file (.doc) or a password-protected Office file",
            "image": "a picture", "html": "a web page", PDF: "a PDF", "": "not a document this site can read"}


def extract(path: Path) -> DocumentText:
    """The text and properties of the PDF or Word document at ``path``; never raises on a bad file."""
    kind = kind_of(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as err:
        return DocumentText(kind, error=f"cannot be read ({err.strerror or err})")
    if size > MAX_READ_BYTES:
        return DocumentText(kind, error=f"is too large to look inside ({size // (1024 * 1024)} MB)")
    found = sniff(head)
    if kind == PDF and found != PDF:
        return DocumentText(kind, error=f"is named .pdf but is not a PDF: it looks like {_SNIFFED[found]}")
    if kind == DOCX and found == "ole":
        return DocumentText(kind, encrypted=True, error="is password-protected (or an old .doc renamed .docx)")
    if kind == DOCX and found != "zip":
        return DocumentText(kind, error=f"is named .docx but is not a Word document: it looks like {_SNIFFED[found]}")
    try:
        return _pdf(path) if kind == PDF else _docx(path)
    except Exception as err:  # noqa: BLE001 - a hostile file may fail in any way; it must never stop the build
        return DocumentText(kind, error=f"cannot be read ({type(err).__name__}: {str(err)[:200]})")


# -- PDF ----------------------------------------------------------------------------------------------------

def _pdf(path: Path) -> DocumentText:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            return DocumentText(PDF, encrypted=True, error="is password-protected, so nobody can open it without "
                                "the password")
        if code == raw.FPDF_ERR_SECURITY:
            return DocumentText(PDF, encrypted=True, error="uses an encryption this site cannot read")
        return DocumentText(PDF, error="is not a valid PDF (it is damaged or incomplete)")
    try:
        encrypted = raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1
        tagged = bool(raw.FPDFCatalog_IsTagged(pdf.raw))
        title = tidy(str(pdf.get_metadata_value("Title") or ""))[:500]
        language = _pdf_language(pdf, raw)
        pages = []
        notes = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()
            if len(text) > MAX_PAGE_CHARS:
                notes.append(f"page {index + 1} holds over {MAX_PAGE_CHARS:,} characters: the rest is not indexed")
            pages.append(tidy(text))
        return DocumentText(PDF, pages=tuple(pages), page_count=len(pages), tagged=tagged, title=title,
                            language=language, encrypted=encrypted, notes=tuple(notes))
    finally:
        pdf.close()


def _pdf_language(pdf, raw) -> str:
    """The catalogue's /Lang, read with PDFium's own call (a UTF-16 string: ask for its length, then read it)."""
    import ctypes

    length = raw.FPDFCatalog_GetLanguage(pdf.raw, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    raw.FPDFCatalog_GetLanguage(pdf.raw, buffer, length)
    return bytes(buffer)[:length - 2].decode("utf-16-le", errors="replace").strip()[:50]


# -- Word (.docx) --------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise ValueError(f"{name} is {info.file_size // (1024 * 1024)} MB of XML, too large to read")
    with archive.open(info) as handle:
        data = handle.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise ValueError(f"{name} is too large to read")
    # The standard library's parser expands no external entities and (with expat 2.4 or later, as Python 3.11
    # ships) refuses the entity-expansion bombs; a Word document needs no DTD at all.
    return ElementTree.fromstring(data)


def _docx(path: Path) -> DocumentText:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return DocumentText(DOCX, error="is not a valid Word document (it is damaged or incomplete)")
    with archive:
        if "EncryptedPackage" in archive.namelist():
            return DocumentText(DOCX, encrypted=True, error="is password-protected")
        document = _xml(archive, "word/document.xml")
        if document is None:
            return DocumentText(DOCX, error="is not a Word document: it has no word/document.xml")
        core = _xml(archive, "docProps/core.xml")
        app = _xml(archive, "docProps/app.xml")
        styles = _xml(archive, "word/styles.xml")
    paragraphs = []
    for paragraph in document.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append(" ")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    text = tidy("\n".join(paragraphs), MAX_DOCX_CHARS)
    title = language = ""
    if core is not None:
        title = tidy(core.findtext(f"{_DC}title") or "")[:500]
        language = (core.findtext(f"{_DC}language") or "").strip()[:50]
    if not language and styles is not None:
        lang = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        language = (lang.get(f"{_W}val") or "").strip()[:50] if lang is not None else ""
    count = None
    if app is not None and (app.findtext(f"{_APP}Pages") or "").strip().isdigit():
        count = int(app.findtext(f"{_APP}Pages").strip())
    return DocumentText(DOCX, pages=(text,), page_count=count, tagged=None, title=title, language=language)


def media_type(file: str | None) -> str | None:
    """A document's media type from its file name (e.g. application/pdf); unknown for a linked document."""
    return mimetypes.guess_type(file)[0] if file else None
