"""Every address the project writes is percent-encoded by casereviews/urls.py (finding 10 of issue 13)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from casereviews.content.model import Document
from casereviews.urls import document_path, external_url, public_url, query_value, quote_path, review_path


def test_a_file_name_with_hash_question_mark_space_and_accent_is_encoded_and_decodes_back():
    name = "files/report #1 ?é 100%.pdf"
    encoded = quote_path(name)
    assert encoded == "files/report%20%231%20%3F%C3%A9%20100%25.pdf"
    assert unquote(encoded) == name
    assert Document("Report", file=name).href == encoded
    assert public_url("https://reviews.example.org/", document_path("2024-child-a", name)) == \
        f"https://reviews.example.org/reviews/2024-child-a/{encoded}"
    assert urlsplit(public_url("", document_path("2024-child-a", name))).fragment == ""


def test_page_paths_of_plain_slugs_are_unchanged():
    assert review_path("2024-child-a") == "reviews/2024-child-a/"


def test_an_editors_address_is_encoded_once_and_keeps_its_parts():
    assert external_url("https://example.org/a report?x=1&y=\"2\"<b>#part é") == \
        "https://example.org/a%20report?x=1&y=%222%22%3Cb%3E#part%20%C3%A9"
    already = "https://example.org/a%20report?q=a%26b#top"
    assert external_url(already) == already
    assert external_url("https://bücher.example/x") == "https://xn--bcher-kva.example/x"
    assert Document("Panel", url="https://example.org/a b").href == "https://example.org/a%20b"


def test_a_query_value_is_encoded_whole():
    assert query_value("Drugs & alcohol: #1 + more") == "Drugs%20%26%20alcohol%3A%20%231%20%2B%20more"
