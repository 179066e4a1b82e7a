"""Write the trimmed copy of Material's stylesheet that every page links (overrides/main.html, block styles).

Material's main and palette stylesheets, as MkDocs copied them into the site, are cut to what the built pages and
the site's scripts use (casereviews/trimcss.py) and written as one file: one render-blocking request of about
70 KB instead of two of 149 KB.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .outputs import OutputError
from .trimcss import Usage, trim

MATERIAL_CSS = "assets/stylesheets/material.css"  # the address overrides/main.html links


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise OutputError(f"expected one {pattern} from Material in {folder}, found {len(found)}: "
                          "is mkdocs-material installed as requirements.txt pins it?")
    return found[0]


def write_material_css(site_dir: Path, usage: Usage, project_css: Iterable[Path]) -> None:
    styles = site_dir / "assets" / "stylesheets"
    sheets = [_one(styles, "main.*.min.css"), _one(styles, "palette.*.min.css")]
    scripts = [*(site_dir / "assets" / "javascripts").glob("bundle.*.min.js"), *(site_dir / "assets").glob("*.js")]
    for script in scripts:
        usage.add_script(script.read_text(encoding="utf-8"))
    own = "".join(p.read_text(encoding="utf-8") for p in project_css if p.is_file())
    css = trim((p.read_text(encoding="utf-8") for p in sheets), usage, own)
    (site_dir / MATERIAL_CSS).write_text(css, encoding="utf-8")
