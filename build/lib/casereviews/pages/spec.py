"""A generated page as the build hands it to MkDocs: its source address, title, template and the data the
template shows. Page makers (one module per kind of page) return these; ``catalogue`` lists the makers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casereviews.publication.site import PublicSite

_YAML_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # where the page pretends to live in docs/, e.g. reviews/2021-child-sam/index.md
    title: str
    template: str
    body: str = ""  # Markdown rendered by MkDocs into page.content
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ()

    def markdown(self) -> str:
        """The page's source as MkDocs reads it: front matter (title, template, description) and body."""
        meta: dict[str, Any] = {"title": self.title, "template": self.template}
        if self.description:
            meta["description"] = " ".join(self.description.split())
        if self.hide:
            meta["hide"] = list(self.hide)
        # JSON is YAML, and the json module writes it some fifteen times faster than PyYAML: this runs per page.
        # YAML reads U+0085, U+2028 and U+2029 as line breaks and folds them away; as escapes they stay the text.
        return f"---\n{json.dumps(meta, ensure_ascii=False).translate(_YAML_BREAKS)}\n---\n\n{self.body}"

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as MkDocs gives it with directory URLs."""
        path = self.src_uri.removesuffix(".md")
        path = path.removesuffix("index")
        return path if not path or path.endswith("/") else path + "/"


PageMaker = Callable[["PublicSite"], Iterable[PageSpec]]
