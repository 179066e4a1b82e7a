"""A Python-Markdown extension that wraps a briefing's numbered sections in ``<section>`` elements.

A seven-minute briefing is printed for team meetings, and the print stylesheet keeps each section on one sheet;
the questions for practitioners are set apart in a box. Both need an element around each section. The briefing
page marks each section's ``##`` heading with a ``data-section`` attribute (through ``attr_list``) holding the
classes its wrapper gets; this tree processor then moves every element from that heading up to the next marked
heading into a ``<section>``.

Wrapping the parsed tree costs next to nothing. The alternative, raw ``<section markdown="1">`` blocks read by
``md_in_html``, made Python-Markdown parse each briefing's HTML blocks a second time: a third more time per
briefing, and half a second of a 2,000-review build. Pages without marked headings are left exactly as they are.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

MARK = "data-section"  # on a heading: the classes of the section it opens


class SectionWrapper(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        children = list(root)
        if not any(child.get(MARK) is not None for child in children):
            return
        section: etree.Element | None = None
        kept: list[etree.Element] = []
        for child in children:
            css = child.attrib.pop(MARK, None)
            if css is not None:
                section = etree.Element("section", {"class": css})
                section.text = section.tail = "\n"
                kept.append(section)
            if section is None:
                kept.append(child)
            else:
                section.append(child)
        root[:] = kept


class SectionsExtension(Extension):
    """Registered by the MkDocs hook for every page; it acts only on pages with marked headings."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After attr_list (8) has turned "{data-section=...}" into an attribute; toc (5) finds the headings
        # wherever they are, so it may run before or after.
        md.treeprocessors.register(SectionWrapper(md), "casereviews-sections", 7)
