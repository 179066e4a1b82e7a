"""Documents: what extraction finds inside PDFs and Word files, the content-hash cache, the check's warnings about
documents readers cannot use, and the build that publishes them, indexes them page by page and never stops on
a broken one. Every unusable document is generated here (a scan made from a picture, an untagged PDF, an
encrypted one, a damaged one, a mislabelled one, an oversized one) rather than committed.
"""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from sitebuild import all_outputs, build_ok, front, review_meta, run_build, write_project

from casereviews.content.doccache import DocumentCache, content_hash
from casereviews.content.documents import MAX_PAGE_CHARS, extract, tidy
from casereviews.outputs.pagefind_order import fix_order
from casereviews.outputs.search_index import _cut
from casereviews.settings import Settings
from casereviews.tools.commands import check
from casereviews_dev.sampledocs import docx, image_pdf, speckled_page, text_pdf

REPO = Path(__file__).resolve().parent.parent
PAGES = [["Overview report", "Introduction to the review."],
         ["Findings", "The panel found that the bruising protocol was not followed."],
         ["Recommendations", "Agencies should share information about carers."]]


def tagged_report() -> bytes:
    """A real tagged PDF with a title and language: one of the demo's reports, printed by Chromium."""
    return (REPO / "reviews/2021-baby-noah/files/overview-report.pdf").read_bytes()


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


UNUSABLE = {
    # file name: (bytes, the check's field, words its message must hold)
    "scan.pdf": (image_pdf([speckled_page(seed=3), speckled_page(seed=4)], title="Scanned letter", language="en"),
                 "text", "no text on 2 of 2 pages"),
    "untagged.pdf": (text_pdf(PAGES, title="Untagged report", language="en-GB"), "tags", "not tagged"),
    "untitled.pdf": (text_pdf(PAGES, language="en-GB"), "title", "no document title"),
    "no-language.pdf": (text_pdf(PAGES, title="No language"), "language", "no document language"),
    "locked.pdf": (encrypted(text_pdf(PAGES, title="Locked", language="en"), "secret"), "file", "password"),
    "restricted.pdf": (encrypted(text_pdf(PAGES, title="Restricted", language="en"), ""), "encryption",
                       "is encrypted"),
    "damaged.pdf": (b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>>\nthis is not the rest of a PDF", "file",
                    "not a valid PDF"),
    "picture.pdf": (b"\x89PNG\r\n\x1a\n" + bytes(200), "file", "looks like a picture"),
    "damaged.docx": (b"PK\x03\x04" + bytes(100), "file", "not a valid Word document"),
    "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "file", "password-protected"),
}


# -- extraction ---------------------------------------------------------------------------------------------

def test_a_tagged_report_gives_its_text_page_by_page_and_its_properties(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(tagged_report())
    text = extract(path)
    assert text.readable and text.tagged is True and not text.encrypted and not text.scanned
    assert text.title.startswith("Baby Noah") and text.language == "en-GB"
    assert text.page_count == len(text.pages) >= 5
    on = [n for n, page in enumerate(text.pages, 1) if "pathway card" in " ".join(page.split())]
    assert len(on) == 1 and on[0] > 1  # the phrase the browser test follows is on one page, not the first


def test_a_generated_text_pdf_keeps_its_words_and_pages(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(text_pdf(PAGES, title="A report", language="en-GB"))
    text = extract(path)
    assert [p.split("\n")[0] for p in text.pages] == ["Overview report", "Findings", "Recommendations"]
    assert "bruising protocol was not followed" in text.pages[1]
    assert (text.tagged, text.title, text.language) == (False, "A report", "en-GB")


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_extraction_never_raises_and_says_what_is_wrong(tmp_path, name):
    data, _field, _words = UNUSABLE[name]
    path = tmp_path / name
    path.write_bytes(data)
    text = extract(path)
    if name in ("locked.pdf", "damaged.pdf", "picture.pdf", "damaged.docx", "locked.docx"):
        assert not text.readable and text.error and not text.pages
    else:
        assert text.readable, text.error


def test_a_scan_has_pages_but_no_text(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(UNUSABLE["scan.pdf"][0])
    text = extract(path)
    assert text.scanned and text.page_count == 2 and text.pages_without_text == 2


def test_a_word_document_gives_its_text_title_and_language(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(docx(["First paragraph.", "Second & <last> paragraph."], title="Panel notes",
                          language="en-GB"))
    text = extract(path)
    assert text.pages == ("First paragraph.\nSecond & <last> paragraph.",)
    assert (text.kind, text.title, text.language, text.tagged) == ("docx", "Panel notes", "en-GB", None)


def test_a_word_document_with_an_entity_bomb_is_refused_not_expanded(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        '<w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", bomb)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    text = extract(path)
    assert not text.readable or sum(len(p) for p in text.pages) <= 1_000_000


def test_a_page_is_cut_at_the_bound():
    assert len(tidy("word " * 20_000)) == MAX_PAGE_CHARS
    assert tidy("  a \t b  \n\n\n  c\r\n") == "a b\n\nc"


# -- the cache ----------------------------------------------------------------------------------------------

def test_the_cache_extracts_a_content_once_whatever_its_name(tmp_path):
    folder = tmp_path / "cache"
    (tmp_path / "a.pdf").write_bytes(text_pdf(PAGES, title="A"))
    first = DocumentCache(folder)
    text = first.read(tmp_path / "a.pdf")
    assert (first.extracted, first.hits) == (1, 0)
    (tmp_path / "moved.pdf").write_bytes((tmp_path / "a.pdf").read_bytes())
    second = DocumentCache(folder)
    assert second.read(tmp_path / "moved.pdf") == text
    assert (second.extracted, second.hits) == (0, 1)


def test_a_replaced_file_is_extracted_again(tmp_path):
    folder = tmp_path / "cache"
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf([["first version"]]))
    DocumentCache(folder).read(path)
    path.write_bytes(text_pdf([["second version"]]))
    cache = DocumentCache(folder)
    assert "second version" in cache.read(path).pages[0] and cache.extracted == 1


@pytest.mark.parametrize("damage", ["not json", "truncated", "other hash", "old version", "wrong shape", "missing"])
def test_a_damaged_or_missing_cache_entry_is_rebuilt_never_trusted(tmp_path, damage):
    folder = tmp_path / "cache"
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(PAGES, title="A"))
    good = DocumentCache(folder).read(path)
    entry = DocumentCache(folder).entry(content_hash(path))
    data = json.loads(entry.read_text())
    if damage == "not json":
        entry.write_bytes(b"\x00\xff garbage")
    elif damage == "truncated":
        entry.write_text(entry.read_text()[:40])
    elif damage == "other hash":
        entry.write_text(json.dumps({**data, "sha256": "0" * 64, "text": {**data["text"], "pages": ["forged"]}}))
    elif damage == "old version":
        entry.write_text(json.dumps({**data, "version": -1, "text": {**data["text"], "pages": ["stale"]}}))
    elif damage == "wrong shape":
        entry.write_text(json.dumps({**data, "text": {**data["text"], "pages": "forged"}}))
    else:
        entry.unlink()
    cache = DocumentCache(folder)
    assert cache.read(path) == good and cache.extracted == 1
    assert cache.rebuilt == (0 if damage == "missing" else 1)
    assert DocumentCache(folder).read(path) == good  # and the entry was written again
    assert json.loads(entry.read_text())["sha256"] == content_hash(path)


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(PAGES))
    assert "Findings" in DocumentCache(blocker).read(path).pages[1]


def test_the_cache_folder_is_a_setting_and_ignored_by_git(tmp_path):
    assert Settings.from_mapping(tmp_path, {}).document_cache == tmp_path / ".cache/documents"
    assert Settings.from_mapping(tmp_path, {"document_cache": "build/doc-text"}).document_cache == \
        tmp_path / "build/doc-text"
    assert Settings.from_mapping(tmp_path, {"document_cache": ""}).document_cache is None
    assert "/.cache/" in (REPO / ".gitignore").read_text().split()


# -- scripts/check ------------------------------------------------------------------------------------------

def unusable_project(root: Path, **extra) -> Path:
    files: dict[str, str | bytes] = {f"2024-child-a/files/{name}": data for name, (data, _f, _w) in UNUSABLE.items()}
    files["2024-child-a/files/large.pdf"] = tagged_report() + b"%" + b"padding" * 40_000  # 380 KB
    files["2024-child-a/files/good.pdf"] = tagged_report()
    documents = [{"title": name, "file": f"files/{name}"} for name in [*UNUSABLE, "large.pdf", "good.pdf"]]
    files["2024-child-a/index.md"] = front(review_meta(title="Child A: practice review", documents=documents),
                                           "## What happened\n\nText.\n")
    # 0.2 MB: large.pdf is over it and every other file under it
    return write_project(root, files, extra={"document_size_limit_mb": 0.2, **extra})


def run_check(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = check(["--as-of", "2026-11-26", "-f", str(root / "mkdocs.yml"), *args], out=out)
    return code, out.getvalue()


def test_check_warns_about_each_kind_of_unusable_document_by_its_path(tmp_path):
    root = unusable_project(tmp_path)
    code, output = run_check(root)
    assert code == 0, output
    lines = output.splitlines()
    for name, (_data, field, words) in UNUSABLE.items():
        rel = f"reviews/2024-child-a/files/{name}:1: {field}: "
        assert any(line.startswith(f"warning: {rel}") and words in line for line in lines), (name, output)
    assert any(line.startswith("warning: reviews/2024-child-a/files/large.pdf:1: size: ") and "0.2 MB" in line
               for line in lines), output
    assert not any("good.pdf" in line for line in lines), output
    assert lines[-1].startswith("All clear") and "with warnings about 11 documents" in lines[-1]


def test_the_size_limit_defaults_to_20_mb(tmp_path):
    assert Settings.from_mapping(tmp_path, {}).document_size_limit_mb == 20
    assert Settings.from_mapping(tmp_path, {"document_size_limit_mb": 5}).document_size_limit_mb == 5


@pytest.mark.parametrize("how", ["option", "setting"])
def test_strict_documents_makes_the_warnings_errors(tmp_path, how):
    root = unusable_project(tmp_path, **({"strict_documents": True} if how == "setting" else {}))
    code, output = run_check(root, *(["--strict-documents"] if how == "option" else []))
    assert code == 1, output
    assert "reviews/2024-child-a/files/scan.pdf:1: text: has no text" in output
    assert not any(line.startswith("warning:") for line in output.splitlines())
    assert output.splitlines()[-1].startswith("1") and "problems in 1" in output.splitlines()[-1]


def test_documents_of_a_draft_are_not_checked_and_an_embargoed_review_is(tmp_path):
    scan = UNUSABLE["scan.pdf"][0]
    files: dict[str, str | bytes] = {
        "2024-draft/index.md": front({"status": "draft", "title": "Draft", "documents": [
            {"title": "Scan", "file": "files/scan.pdf"}]}),
        "2024-draft/files/scan.pdf": scan,
        "2026-later/index.md": front(review_meta(title="Later", published="2027-01-01",
                                                 documents=[{"title": "Scan", "file": "files/scan.pdf"}])),
        "2026-later/files/scan.pdf": scan,
    }
    code, output = run_check(write_project(tmp_path, files))
    assert code == 0 and "reviews/2026-later/files/scan.pdf:1: text:" in output and "2024-draft" not in output


# -- the build ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = unusable_project(tmp_path_factory.mktemp("documents"),
                            accessible_contact="the business unit at units@example.org")
    site = build_ok(root)
    return root, site, all_outputs(site)


def test_a_build_publishes_every_document_even_broken_ones(built):
    _root, site, _outputs = built
    for name in [*UNUSABLE, "large.pdf", "good.pdf"]:
        assert (site / "reviews/2024-child-a/files" / name).is_file(), name


class _DocumentItems(HTMLParser):
    """The text of each <li> of the page's documents list, by the name of the file it links to."""

    def __init__(self):
        super().__init__()
        self.items: dict[str, str] = {}
        self.current: str | None = None
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.depth += 1
        href = dict(attrs).get("href") or ""
        if tag == "a" and self.depth and "files/" in href and self.current is None:
            self.current = href.rsplit("/", 1)[-1]

    def handle_endtag(self, tag):
        if tag == "li" and self.depth:
            self.depth -= 1
            if self.current:
                self.items[self.current] = " ".join("".join(self.parts).split())
            self.current, self.parts = None, []

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def test_the_review_page_gives_pages_and_a_notice_for_a_scan(built):
    _root, site, _outputs = built
    parser = _DocumentItems()
    parser.feed((site / "reviews/2024-child-a/index.html").read_text())
    items = parser.items
    assert "(PDF, " in items["good.pdf"] and "8 pages)" in items["good.pdf"]
    assert "2 pages)" in items["scan.pdf"]
    assert "scanned image without text" in items["scan.pdf"]
    assert "contact the business unit at units@example.org" in items["scan.pdf"]
    assert "scanned image" not in items["good.pdf"] and "scanned image" not in items["damaged.pdf"]


def _fragments(outputs, bundle):
    fragments = {}
    for name, text in outputs.items():
        if name.startswith(f"{bundle}/fragment/"):
            fragment = json.loads(text[text.index("{"):])  # after Pagefind's signature
            fragments[fragment["url"]] = fragment
    return fragments


def test_the_index_holds_each_readable_document_with_a_section_per_page(built):
    _root, site, outputs = built
    fragments = _fragments(outputs, "pagefind-documents/1")
    # The documents have a bundle of their own, which pagefind/bundles.json names; the pages' bundle holds none.
    assert not any("/files/" in url for url in _fragments(outputs, "pagefind"))
    assert json.loads(outputs["pagefind/bundles.json"]) == {"bundles": ["pagefind", "pagefind-documents/1"]}
    good = fragments["/reviews/2024-child-a/files/good.pdf"]
    assert [a["id"] for a in good["anchors"]] == [f"page={n}" for n in range(1, 9)]  # sub-results: #page=N
    assert "pathway card" in " ".join(good["content"].split())
    assert good["meta"]["title"] == "good.pdf – Child A: practice review"
    assert good["filters"]["kind"] == ["Document"] and good["filters"]["theme"] == ["Neglect"]
    assert "/reviews/2024-child-a/files/untagged.pdf" in fragments
    for unreadable in ("locked.pdf", "damaged.pdf", "picture.pdf", "damaged.docx", "locked.docx", "scan.pdf"):
        assert f"/reviews/2024-child-a/files/{unreadable}" not in fragments, unreadable


def test_a_strict_build_stops_on_documents_readers_cannot_use(tmp_path):
    result = run_build(unusable_project(tmp_path, strict_documents=True))
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "strict_documents is on" in output and "reviews/2024-child-a/files/scan.pdf:1: text:" in output
    assert "Traceback" not in output


def test_a_warm_build_reads_every_document_from_the_cache(built):
    root, _site, _outputs = built
    result = run_build(root, args=("-v",))
    assert result.returncode == 0, result.stderr
    line = next(x for x in (result.stdout + result.stderr).splitlines() if "Documents:" in x)
    assert " 0 extracted (0 pages)" in line and "12 documents looked inside: 12 found in" in line


# -- the benchmark corpus -----------------------------------------------------------------------------------

def test_the_benchmark_corpus_gains_reports_scans_and_word_files(tmp_path):
    from casereviews.content.load import load_with_problems
    from casereviews_dev.corpus import make_corpus

    plain = make_corpus(40, tmp_path / "plain", seed=2)
    summary = make_corpus(40, tmp_path / "c", seed=2, documents=True)
    assert summary.words == plain.words  # the documents come from a random stream of their own
    assert summary.document_pages > 0 and summary.scans + summary.word_files > 0
    content, problems = load_with_problems(Settings.from_mapping(tmp_path, {"content_dir": str(tmp_path / "c")}))
    assert problems == []
    reports = [extract(p) for p in sorted((tmp_path / "c").glob("*/files/overview-report.pdf"))]
    with_text = [r for r in reports if not r.scanned]
    assert with_text and all(20 <= r.page_count <= 60 and r.readable for r in with_text)
    assert sum(len(r.pages) for r in with_text) == summary.document_pages
    assert any(r.scanned for r in reports) == (summary.scans > 0)


# -- the index in bundles of bounded size -------------------------------------------------------------------

def test_pages_and_documents_are_split_into_bundles_by_what_pagefind_reads(tmp_path):
    """Each bundle gets pages (their HTML) or documents (their text) until search_bundle_mb would be passed;
    pagefind/bundles.json names every bundle, each is a whole Pagefind bundle in a fixed order, and no page or
    document is in two bundles."""
    files: dict[str, str | bytes] = {}
    for n, day in enumerate(["2024-03-12", "2023-05-01", "2025-01-20"]):
        words = [[f"Report {n}", f"The panel found uniquemarker{n} in the notes."]]
        files[f"2024-child-{n}/index.md"] = front(review_meta(
            title=f"Child {n}: practice review", published=day,
            documents=[{"title": f"Report {n}", "file": "files/report.pdf"}]), "## What happened\n\nText.\n")
        files[f"2024-child-{n}/files/report.pdf"] = text_pdf(words, title=f"Report {n}", language="en-GB")
    # 100 bytes: less than any page's HTML or any document's, so each is a bundle of its own.
    site = build_ok(write_project(tmp_path, files, extra={"search_bundle_mb": 0.0001}))
    outputs = all_outputs(site)
    bundles = json.loads(outputs["pagefind/bundles.json"])["bundles"]
    pages = [b for b in bundles if not b.startswith("pagefind-documents/")]
    assert bundles == [*pages, "pagefind-documents/1", "pagefind-documents/2", "pagefind-documents/3"]
    assert pages == ["pagefind", "pagefind-pages/2", "pagefind-pages/3"]
    found = {}
    for n in (1, 2, 3):
        fragments = _fragments(outputs, f"pagefind-documents/{n}")
        assert len(fragments) == 1 and not set(fragments) & set(found)
        found.update(fragments)
    page_urls = [url for bundle in pages for url in _fragments(outputs, bundle)]
    assert sorted(page_urls) == [f"/reviews/2024-child-{n}/" for n in range(3)]  # each page once
    for bundle in bundles:
        entry = json.loads((site / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["en"] and (site / bundle / "wasm.en.pagefind").is_file()
        before = {p: p.read_bytes() for p in (site / bundle).rglob("*") if p.is_file()}
        fix_order(site / bundle)  # already in a fixed order: nothing changes
        assert {p: p.read_bytes() for p in (site / bundle).rglob("*") if p.is_file()} == before
    assert found["/reviews/2024-child-2/files/report.pdf"]["filters"]["kind"] == ["Document"]
    assert "uniquemarker2" in found["/reviews/2024-child-2/files/report.pdf"]["content"]
    assert not list(tmp_path.glob("**/.search-*"))  # the pages and texts given to Pagefind are gone


def test_a_bundle_takes_what_fits_under_the_limit_and_never_nothing():
    assert [[name for name, _ in group] for group in _cut([("a", 50), ("b", 50), ("c", 50)], 110)] == [["a", "b"],
                                                                                                       ["c"]]
    assert [[name for name, _ in group] for group in _cut([("big", 500), ("c", 5)], 110)] == [["big"], ["c"]]
    assert list(_cut([], 110)) == []


def test_the_bundle_setting_defaults_to_40_mb(tmp_path):
    assert Settings.from_mapping(tmp_path, {}).search_bundle_mb == 40
    assert Settings.from_mapping(tmp_path, {"search_bundle_mb": 8}).search_bundle_mb == 8
