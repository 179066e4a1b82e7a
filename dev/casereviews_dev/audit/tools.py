"""Runners for the measuring tools nobody on this project wrote, each installed by ``scripts/setup --test``:

- the Nu HTML Checker (npm ``vnu-jar``, run with Debian's Java);
- pa11y 9 with HTML_CodeSniffer at WCAG 2 AA (npm ``pa11y``, through scripts/lib/pa11y-pages.cjs);
- Lighthouse 12 (npm ``lighthouse``), mobile and desktop presets.

Both browsers are Debian's /usr/bin/chromium (CHROME_PATH); neither npm package has a browser of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]  # dev/casereviews_dev/audit/tools.py
NODE_BIN = REPO / "node_modules" / ".bin"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_RUNNER = REPO / "scripts" / "lib" / "pa11y-pages.cjs"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


class ToolMissing(Exception):
    """A measuring tool is not installed; the message says how to install it."""


def _env() -> dict[str, str]:
    return {**os.environ, "CHROME_PATH": CHROME, "PUPPETEER_SKIP_DOWNLOAD": "1",
            "PUPPETEER_EXECUTABLE_PATH": CHROME}


# -- Nu HTML Checker ----------------------------------------------------------------------------------------------

# Errors that come from Material for MkDocs' own base.html, which no small override can change (the inputs are
# written outside any template block). Each is (message start, text the offending markup contains).
KNOWN_MATERIAL_ERRORS = (
    ("Attribute “autocomplete” is only allowed when the input type is", 'id="__drawer"'),
    ("Attribute “autocomplete” is only allowed when the input type is", 'id="__search"'),
)


@dataclass(frozen=True)
class HtmlError:
    file: str  # path from the site folder
    line: int
    message: str
    extract: str

    @property
    def known_material(self) -> bool:
        return any(self.message.startswith(m) and marker in self.extract for m, marker in KNOWN_MATERIAL_ERRORS)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{' '.join(self.extract.split())[:120]}]"


def nu_check(site: Path) -> tuple[list[HtmlError], int]:
    """Every error the Nu HTML Checker finds in the site's HTML files, and how many files it checked."""
    if not VNU_JAR.exists():
        raise ToolMissing("the Nu HTML Checker is missing: run scripts/setup --test (npm vnu-jar)")
    files = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             "--exit-zero-always", *files],
                            capture_output=True, text=True, timeout=1800)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        raise ToolMissing(f"the Nu HTML Checker did not answer: {result.stderr[-500:]}") from None
    site_prefix = site.resolve().as_uri()
    errors = []
    for m in messages:
        if m.get("type") != "error":
            continue
        url = m.get("url", "")
        rel = url[len(site_prefix):].lstrip("/") if url.startswith(site_prefix) else url
        errors.append(HtmlError(rel, int(m.get("lastLine", 0)), m.get("message", ""), m.get("extract", "")))
    return errors, len(files)


# -- pa11y --------------------------------------------------------------------------------------------------------

def pa11y(addresses: list[str]) -> dict[str, list[dict]]:
    """pa11y's errors (HTML_CodeSniffer, WCAG2AA) for each address."""
    if not (REPO / "node_modules" / "pa11y").exists():
        raise ToolMissing("pa11y is missing: run scripts/setup --test (npm pa11y)")
    result = subprocess.run(["node", str(PA11Y_RUNNER), *addresses], capture_output=True, text=True,
                            timeout=300 + 60 * len(addresses), env=_env(), cwd=REPO)
    if result.returncode != 0:
        raise ToolMissing(f"pa11y failed: {result.stderr[-800:]}")
    return json.loads(result.stdout)


# -- Lighthouse ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LighthouseRun:
    address: str
    preset: str  # "mobile" or "desktop"
    performance: int
    accessibility: int
    best_practices: int
    seo: int
    fcp_ms: float
    lcp_ms: float
    cls: float
    tbt_ms: float
    bytes: int  # total transferred
    failed: tuple[str, ...]  # ids of the accessibility, best-practice and SEO audits that failed


def lighthouse(address: str, preset: str = "mobile") -> LighthouseRun:
    binary = NODE_BIN / "lighthouse"
    if not binary.exists():
        raise ToolMissing("Lighthouse is missing: run scripts/setup --test (npm lighthouse)")
    args = [str(binary), address, "--output=json", "--output-path=stdout", "--quiet",
            f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo",
            "--max-wait-for-load=60000"]
    if preset == "desktop":
        args.append("--preset=desktop")
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, env=_env())
    if result.returncode != 0 or not result.stdout.strip():
        raise ToolMissing(f"Lighthouse failed on {address}: {result.stderr[-800:]}")
    report = json.loads(result.stdout)
    cats = report["categories"]
    audits = report["audits"]

    def score(key: str) -> int:
        value = cats[key]["score"]
        return -1 if value is None else round(value * 100)

    def numeric(key: str) -> float:
        return float(audits.get(key, {}).get("numericValue") or 0)

    failed = []
    for key in ("accessibility", "best-practices", "seo"):
        for ref in cats[key]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{key}:{ref['id']}")
    return LighthouseRun(address, preset, score("performance"), score("accessibility"), score("best-practices"),
                         score("seo"), numeric("first-contentful-paint"), numeric("largest-contentful-paint"),
                         numeric("cumulative-layout-shift"), numeric("total-blocking-time"),
                         int(numeric("total-byte-weight")), tuple(failed))


def versions() -> dict[str, str]:
    """The versions of the tools, for the audit's header."""
    out = {}
    for name in ("lighthouse", "pa11y", "vnu-jar", "axe-core"):
        pkg = REPO / "node_modules" / name / "package.json"
        if pkg.exists():
            out[name] = json.loads(pkg.read_text(encoding="utf-8"))["version"]
    try:
        chrome = subprocess.run([CHROME, "--version"], capture_output=True, text=True, timeout=30).stdout
        out["chromium"] = re.sub(r"[^\d.]", "", chrome.split()[1]) if chrome else "?"
    except (OSError, IndexError):
        out["chromium"] = "missing"
    return out
