"""Documents a reader cannot use: scans without text, untagged PDFs, no title or language, encrypted, damaged or
mislabelled files, and files too large for a phone on mobile data.

Public bodies must publish accessible documents (the Public Sector Bodies Accessibility Regulations 2018), and
many partnerships' PDFs are scans nobody can search or hear. Each finding is a warning that names the document
file: the document is still published (a damaged one is published but not indexed). A partnership that wants the
rule enforced sets ``strict_documents: true`` (or runs ``scripts/check --strict-documents``), and the warnings
become errors that stop the check and the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casereviews.content.documents import DOCX, PDF, DocumentText, kind_of
from casereviews.content.model import Content, Document, Review
from casereviews.problems import Problem
from casereviews.publication.rule import review_state
from casereviews.settings import Settings
from casereviews.statuses import ReviewState, ReviewStatus

MB = 1024 * 1024


@dataclass(frozen=True)
class Checked:
    """One document file of one review, with what was found inside it (None for kinds not looked inside)."""

    review: Review
    document: Document
    path: Path
    text: DocumentText | None


def to_be_published(content: Content, at: datetime) -> Iterator[Review]:
    """Reviews whose documents are public at ``at`` or will be when an embargo lifts: a document warning must be
    seen on the pull request, not on the morning a strict build fails because an embargo has ended."""
    for review in content.reviews:
        state = review_state(review, at)
        if state == ReviewState.PUBLISHED or (state == ReviewState.HIDDEN and review.status == ReviewStatus.PUBLISHED):
            yield review


def check_documents(reviews: Iterator[Review] | tuple[Review, ...], read: Callable[[Path], DocumentText]
                    ) -> list[Checked]:
    out = []
    for review in reviews:
        for document in review.documents:
            if document.file:
                path = Path(review.folder) / document.file
                out.append(Checked(review, document, path, read(path) if kind_of(path) else None))
    return out


def warnings(checked: list[Checked], settings: Settings) -> list[Problem]:
    out: list[Problem] = []
    for item in checked:
        out += document_warnings(item, settings)
    return sorted(out)


def _rel(path: Path, settings: Settings) -> str:
    try:
        return path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def document_warnings(item: Checked, settings: Settings) -> list[Problem]:
    """What a reader of this document would run into, each as a problem naming the document file."""
    rel = _rel(item.path, settings)
    out: list[Problem] = []

    def warn(field: str, message: str) -> None:
        out.append(Problem(rel, 1, field, message))

    limit = settings.document_size_limit_mb
    size = item.document.size or 0
    if size > limit * MB:
        warn("size", f"is {size / MB:.1f} MB, over the {limit:g} MB a reader on a phone should be asked to download: "
                     "save it with smaller pictures, or split it into parts")
    text = item.text
    if text is None:
        return out
    name = "PDF" if text.kind == PDF else "Word document"
    if text.error:
        warn("file", f"{text.error}. It is published, but search cannot look inside it and readers may not be able "
                     f"to open it: save it again from the original as a {name}")
        return out
    if text.encrypted:
        warn("encryption", "is encrypted: some screen readers and tools cannot open an encrypted file; save it "
                           "again without a password or security settings")
    if text.scanned:
        warn("text", f"has no text on {text.pages_without_text} of {len(text.pages)} page"
                     f"{'s' if len(text.pages) != 1 else ''}: it is a scan or a picture of text, which screen readers "
                     "cannot read and search cannot find. Publish the original document saved as a PDF; the review "
                     "page tells readers how to ask for an accessible version meanwhile")
    if text.kind == PDF and text.tagged is False:
        warn("tags", "is not tagged for accessibility (it has no structure tree), so screen readers cannot tell its "
                     "headings, lists and tables apart: save it again with the option to create a tagged, "
                     "accessible PDF switched on")
    if not text.title:
        where = "File > Properties" if text.kind == DOCX else "the document properties (File > Properties)"
        warn("title", f"has no document title in its properties: screen readers and browser tabs show the file name "
                      f"instead. Set the title in {where} and save it again")
    if not text.language:
        warn("language", "has no document language, so screen readers may read it with the wrong voice: set the "
                         "language (e.g. English (United Kingdom)) and save it again")
    for note in text.notes:
        warn("text", note)
    return out
