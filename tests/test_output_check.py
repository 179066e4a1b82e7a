"""Issue 13, finding 5 (output half): every output the build writes is parsed before the build may succeed, and a
malformed one is a clear error naming the file, not a site published with exit 0.

The content check refuses control characters on the way in; these tests put them into the model directly, past
that check, to prove that the outputs are guarded on their own: the real writers write the files, and the real
validator must refuse them.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest
from fixture_content import files
from sitebuild import AS_OF, write_project

from casereviews.clock import parse_moment
from casereviews.content.load import load
from casereviews.content.model import Content
from casereviews.outputs import writers as outputs
from casereviews.outputs.validate import problems, validate_site
from casereviews.problems import OutputError
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings

CONFIG = {"site_url": "https://reviews.example.org/", "site_name": "Reviews"}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> tuple[Content, Settings]:
    root = write_project(tmp_path_factory.mktemp("outputs"), files())
    settings = Settings.from_mapping(root, {"partnership": "P"}, CONFIG["site_url"])
    return load(settings), settings


def write(content: Content, settings: Settings, folder: Path, title: str | None = None) -> Path:
    if title is not None:
        content = replace(content, reviews=tuple(replace(r, title=title) if r.slug == "2024-child-a" else r
                                                 for r in content.reviews))
    site = PublicSite.build(content, parse_moment(AS_OF), settings)
    outputs.write_all(site, folder, CONFIG)
    return folder


def test_the_outputs_of_good_content_pass(content, tmp_path):
    folder = write(*content, tmp_path)
    assert problems(folder) == []
    assert validate_site(folder) == "every XML, JSON, JSON-LD and CSV output parses"


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\ufffe"], ids=["SOH", "ESC", "U+FFFE"])
def test_a_control_or_non_character_that_reached_a_title_never_makes_an_unreadable_feed(content, tmp_path, character):
    """The feed drops what XML 1.0 cannot hold (it used to write it, giving a feed no reader opens, with exit 0);
    and should any writer ever let one through, the output check stops the build, naming the file."""
    folder = write(*content, tmp_path, title=f"Child A{character}: practice review")
    assert problems(folder) == []
    feed = (folder / "feed.xml").read_text(encoding="utf-8")
    assert "Child A: practice review" in feed and character not in feed
    (folder / "feed.xml").write_text(feed.replace("Child A: practice review", f"Child A{character}"),
                                     encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        validate_site(folder)
    assert str(raised.value).startswith(
        "The built site failed its output check, so the build stopped and nothing was published:\n"
        "  feed.xml: is not well-formed XML (not well-formed (invalid token): line ")


def test_a_lone_surrogate_is_a_message_not_a_traceback(content, tmp_path):
    with pytest.raises(OutputError) as raised:
        write(*content, tmp_path, title="Child A\ud800: practice review")
    assert str(raised.value).startswith("The data output could not be written ('utf-8' codec can't encode")


def test_each_kind_of_malformed_output_is_named(content, tmp_path):
    folder = write(*content, tmp_path)
    (folder / "data/reviews.json").write_text('{"reviews": ["a\x01b"]}', encoding="utf-8")
    (folder / "data/reviews.csv").write_text('slug,title\n2024-child-a,"unclosed\n', encoding="utf-8")
    (folder / "data/actions.csv").write_text("a,b\n1,2,3\n", encoding="utf-8")
    (folder / "schema/review.schema.json").write_text("{", encoding="utf-8")
    (folder / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset><url></urlset>", mtime=0))
    (folder / "sitemap.xml").write_text("<html/>", encoding="utf-8")
    page = folder / "reviews/2024-child-a/index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('<html><head>\n<script type="application/ld+json">{"name": "A",}</script></head></html>',
                    encoding="utf-8")
    document = folder / "reviews/2024-child-a/files/editors-own.json"  # an editor's document: not ours to judge
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_text("not json", encoding="utf-8")
    found = problems(folder)
    expected = [  # each file named, with what is wrong; the parser's own words follow
        "sitemap.xml: has the root element html, not {http://www.sitemaps.org/schemas/sitemap/0.9}urlset",
        "sitemap.xml.gz: is not well-formed XML (mismatched tag: line 1",
        "data/reviews.json: is not valid JSON (line 1, column 16: Invalid control character",
        "schema/review.schema.json: is not valid JSON (line 1, column 2: ",
        "data/actions.csv: row 2 has 3 cells, the header 2",
        "data/reviews.csv: is not valid CSV (",
        "reviews/2024-child-a/index.html: has JSON-LD on line 2 that is not valid JSON (line 1, column 14: ",
    ]
    assert len(found) == len(expected), found
    for got, start in zip(found, expected, strict=True):
        assert got.startswith(start), (got, start)


def test_json_ld_of_every_review_page_is_read(content, tmp_path):
    folder = write(*content, tmp_path)
    page = folder / "reviews/x/index.html"
    page.parent.mkdir(parents=True)
    good = json.dumps({"@type": "Report", "name": "A </script"}).replace("<", "\\u003c")
    page.write_text(f'<script type="application/ld+json">{good}</script>', encoding="utf-8")
    assert problems(folder) == []
