"""Write the trimmed copy of Material's stylesheet that every page links (overrides/main.html, block styles).

Material's main and palette stylesheets, as MkDocs copied them into the site, are cut to what the built pages and
the site's scripts use (casereviews/trimcss.py) and written as one file: one render-blocking request of about
70 KB instead of two of 149 KB.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .outputs import OutputError
from .trimcss import Usage, minify, trim

MATERIAL_CSS = "assets/stylesheets/material.css"  # the address overrides/main.html links
PRINT_CSS = "assets/print.css"  # the print rules, linked with media="print" (overrides/main.html)


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


def write_material_css(site_dir: Path, usage: Usage, project_css: Iterable[Path]) -> None:
    """Write the trimmed Material stylesheet, and the site's own stylesheets (``project_css``, relative to the
    site folder) again without comments and indentation."""
    project_css = [site_dir / p for p in (*project_css, PRINT_CSS)]
    styles = site_dir / "assets" / "stylesheets"
    sheets = [_one(styles, "main.*.min.css"), _one(styles, "palette.*.min.css")]
    scripts = [*(site_dir / "assets" / "javascripts").glob("bundle.*.min.js"), *(site_dir / "assets").glob("*.js")]
    for script in scripts:
        usage.add_script(script.read_text(encoding="utf-8"))
    own = "".join(p.read_text(encoding="utf-8") for p in project_css if p.is_file())
    css = trim((p.read_text(encoding="utf-8") for p in sheets), usage, own)
    (site_dir / MATERIAL_CSS).write_text(css, encoding="utf-8")
    for path in project_css:
        if path.is_file() and path.suffix == ".css":
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
