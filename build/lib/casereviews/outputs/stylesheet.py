"""Write the trimmed copy of Material's stylesheet that every page links (overrides/main.html, block styles).

Material's main and palette stylesheets, as MkDocs copied them into the site, are cut to what the built pages and
the site's scripts use (casereviews/outputs/trimcss.py) and written as one file: one render-blocking request of about
70 KB instead of two of 149 KB.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from casereviews.outputs.trimcss import Usage, minify, trim
from casereviews.problems import OutputError

MATERIAL_CSS = "assets/stylesheets/material.css"  # the address overrides/main.html links
SITE_CSS = "assets/site.css"  # the project's stylesheet (docs/assets/site.css), linked by overrides/main.html
PRINT_CSS = "assets/print.css"  # the print rules, linked with media="print" (overrides/main.html)
# Review pages and learning briefings, the pages most often opened on a phone from a link, link a copy of the
# project's stylesheet cut to the rules those pages use (the register's, the dashboard's and the hub's rules
# are half of it), so that less stands between them and their first paint. Every other page links the whole.
READING_CSS = "assets/site-reading.css"
READING_TEMPLATES = frozenset({"review.html", "briefing.html"})


def site_stylesheet(template: str | None) -> str:
    """The project stylesheet a page made with ``template`` links."""
    return READING_CSS if template in READING_TEMPLATES else SITE_CSS


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise OutputError(f"expected one {pattern} from Material in {folder}, found {len(found)}: "
                          "is mkdocs-material installed as requirements.txt pins it?")
    return found[0]


# Parts of Material that only its script makes, by class prefix, and what switches each on. Their class names are
# in the script, so without this their rules would stay although no page here can show them.
SCRIPT_PARTS = {
    "md-version": "a version selector (extra.version)",
    "md-annotation": "code annotations (feature content.code.annotate)",
    "md-tooltip": "tooltips (feature content.tooltips)",
    "md-search": "Material's search dialog (the search plugin)",
    "md-source": "the repository link (repo_url)",
}


def script_parts_off(features: Iterable[str], plugins: Iterable[str], extra: dict,
                     repo_url: str | None = None) -> tuple[str, ...]:
    """The prefixes of SCRIPT_PARTS this configuration never shows."""
    features = set(features)
    on = {
        "md-version": bool(extra.get("version")),
        "md-annotation": "content.code.annotate" in features,
        "md-tooltip": bool(features & {"content.tooltips", "content.code.annotate"}),
        "md-search": "search" in set(plugins) or "material/search" in set(plugins),
        "md-source": bool(repo_url),
    }
    return tuple(prefix for prefix in SCRIPT_PARTS if not on[prefix])


def write_material_css(site_dir: Path, usage: Usage, extra_css: Iterable[Path] = (),
                       reading: Usage | None = None) -> None:
    """Write the trimmed Material stylesheet; the project's stylesheet cut to what the reading pages use
    (``reading``: the pages that link READING_CSS); and the project's own stylesheets (SITE_CSS, PRINT_CSS and
    any ``extra_css`` of the configuration, relative to the site folder) again without comments and
    indentation."""
    project_css = [site_dir / p for p in dict.fromkeys((SITE_CSS, PRINT_CSS, *extra_css))]
    styles = site_dir / "assets" / "stylesheets"
    sheets = [_one(styles, "main.*.min.css"), _one(styles, "palette.*.min.css")]
    scripts = [*(site_dir / "assets" / "javascripts").glob("bundle.*.min.js"), *(site_dir / "assets").glob("*.js")]
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        usage.add_script(text)
        if reading is not None:
            reading.add_script(text)
    own = "".join(p.read_text(encoding="utf-8") for p in project_css if p.is_file())
    css = trim((p.read_text(encoding="utf-8") for p in sheets), usage, own)
    (site_dir / MATERIAL_CSS).write_text(css, encoding="utf-8")
    site_css = site_dir / SITE_CSS
    if site_css.is_file():
        # Custom properties the project sets for Material (--md-accent-fg-color) are read by Material's rules:
        # kept whenever the trimmed Material stylesheet refers to them.
        cut = trim([site_css.read_text(encoding="utf-8")], reading if reading is not None else usage, css)
        (site_dir / READING_CSS).write_text(cut, encoding="utf-8")
    for path in project_css:
        if path.is_file() and path.suffix == ".css":
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
