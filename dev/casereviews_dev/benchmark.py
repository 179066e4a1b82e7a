"""The scale benchmark behind ``scripts/bench``: how the real build compares with what MkDocs itself costs.

For each corpus size it measures, in fresh subprocesses:

- the full build: ``mkdocs build`` of a project around a synthetic corpus (``corpus.write_project``), with
  every hook and plugin the repository has; if that build made no ``pagefind/`` folder, Pagefind is run on its
  output and added, so the build always includes a search index;
- the floor: a plain ``mkdocs build`` with the same Material theme and Markdown extensions of the same text as
  ordinary pages outside the nav (no hooks, no plugins, no custom templates), plus Pagefind on that site. Pages
  are written only for what the full build rendered (a briefing page only where the build made one), so the
  floor follows the build as page kinds are added;
- the check: ``scripts/check`` if the repository has one, else ``load.load_with_problems`` in a subprocess.

With documents (``--documents``, see ``corpus._ReportWriter``) it also measures cold extraction (every published
PDF and Word document extracted in one process, no cache: pages per second on one core), builds the site twice
(cold: the extraction cache empty; warm: the cache full) and compares the warm build with the floor, whose plain
site then also carries each document's extracted text as an ordinary page for Pagefind to index.

Times are taken both as wall clock and as CPU (user + system of the process and everything it waited for, from
``wait4``). Targets are judged on CPU time by default because other work on a shared machine inflates wall
time but hardly CPU time; both ratios are printed. The package never imports MkDocs, and nor does this module:
MkDocs and Pagefind run as commands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from casereviews.clock import parse_moment
from casereviews.content.doccache import DocumentCache
from casereviews.content.documents import kind_of
from casereviews.content.load import load_with_problems
from casereviews.pages.register_pages import PAGE_SIZE
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings
from casereviews.statuses import ReviewState
from casereviews_dev.corpus import LenientLoader, make_corpus, write_project

GIB = 1024**3
TARGETS = {"build": 1.2, "growth": 1.1, "check": 0.1, "memory": GIB, "extraction": 200}


@dataclass
class Run:
    """One measured command (or several in sequence)."""

    wall: float = 0.0
    cpu: float = 0.0
    peak_rss: int = 0  # bytes, of the largest single process
    output: str = ""

    def __add__(self, other: Run) -> Run:
        return Run(self.wall + other.wall, self.cpu + other.cpu, max(self.peak_rss, other.peak_rss),
                   self.output + other.output)

    def time(self, metric: str) -> float:
        return self.cpu if metric == "cpu" else self.wall


class CommandFailed(RuntimeError):
    pass


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``cmd`` and return its wall time, CPU time and peak RSS (``wait4`` covers the process and every
    process it waited for, e.g. Pagefind started by a hook)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stdout:
        proc.stdout.close()
    if proc.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited with {proc.returncode}:\n{out[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out)


def output_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# -- the floor ---------------------------------------------------------------------------------------------------

def _review_page(r) -> str:
    lines = [f"# {r.title}", "", f"- Type: {r.review_type.label}", f"- Published: {r.published:%d %B %Y}",
             f"- Partnership: {r.partnership}"]
    if r.age_band:
        lines.append(f"- Age: {r.age_band.label}")
    lines.append("- Themes: " + ", ".join(t.label for t in r.themes))
    if r.agencies:
        lines.append("- Agencies involved: " + ", ".join(a.label for a in r.agencies))
    lines.append("")
    if r.state == "withdrawn":
        lines += ["!!! warning \"This review has been withdrawn\"", "", f"    {r.withdrawn_reason}", ""]
    if r.summary:
        lines += [r.summary, ""]
    lines.append(r.body)
    if r.key_learning:
        lines += ["", "## Key learning", ""] + [f"- {k}" for k in r.key_learning]
    if r.documents:
        lines += ["", "## Documents", ""] + [f"- [{d.title}]({d.href})" for d in r.documents]
    return "\n".join(lines) + "\n"


def _plan_page(r) -> str:
    plan = r.action_plan
    lines = [f"# Action plan: {r.title}", "", f"Monitored by {plan.monitored_by}.", "", plan.body, ""]
    for rec in plan.recommendations:
        lines += [f"## {rec.id}", "", rec.text, "", f"Response: {rec.response}. {rec.response_note}", ""]
        for a in rec.actions:
            lines += [f"### {a.id}", "", a.text, "", f"- Lead: {a.lead.label}", f"- Due: {a.due:%d %B %Y}", ""]
            lines += [f"- {u.date:%d %B %Y}: {u.status}. {u.note} {u.by} {u.evidence}" for u in a.updates]
            lines.append("")
    return "\n".join(lines) + "\n"


def _document_page(review, document, text) -> str:
    """A document's extracted text as an ordinary page: what the floor gives Pagefind for the same words."""
    lines = [f"# {document.title} – {review.title}", ""]
    for number, page in enumerate(text.pages, start=1):
        if page.strip():
            lines += [f"## Page {number}", "", page.replace("\n", " "), ""]
    return "\n".join(lines) + "\n"


def write_floor(folder: Path, corpus: Path, repo: Path, as_of: str, built: Path, document_cache: Path | None = None
                ) -> Path:
    """A plain MkDocs project of the same text; pages only for what the full build (in ``built``) rendered.
    With ``document_cache`` (the full build's), each readable document's text becomes an ordinary page too."""
    settings = Settings.from_mapping(folder, {"content_dir": str(corpus)})
    content, problems = load_with_problems(settings)
    if problems or content is None:
        raise CommandFailed("the corpus has problems:\n" + "\n".join(map(str, problems[:20])))
    site = PublicSite.build(content, parse_moment(as_of), settings)
    cache = DocumentCache(document_cache) if document_cache else None
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Case reviews\n\nPublished safeguarding case reviews.\n", encoding="utf-8")
    for r in site.reviews:
        page = docs / "reviews" / r.slug
        page.mkdir(parents=True)
        (page / "index.md").write_text(_review_page(r), encoding="utf-8")
        if r.state != ReviewState.PUBLISHED:
            continue
        if r.briefing and (built / "reviews" / r.slug / "briefing" / "index.html").is_file():
            (page / "briefing.md").write_text(f"# Learning briefing: {r.title}\n\n{r.briefing.body}", encoding="utf-8")
        if r.action_plan and (built / "reviews" / r.slug / "action-plan" / "index.html").is_file():
            (page / "action-plan.md").write_text(_plan_page(r), encoding="utf-8")
        for i, d in enumerate(r.documents):
            if d.file:
                target = page / d.file
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(r.folder) / d.file, target)
                text = cache.read(Path(r.folder) / d.file) if cache and kind_of(target) else None
                if text is not None and text.readable and any(text.pages):
                    (page / f"document-{i + 1}.md").write_text(_document_page(r, d, text), encoding="utf-8")
    _floor_register(site, docs, built)
    empty = folder / "no-overrides"  # INHERIT cannot remove custom_dir, so point it at nothing
    empty.mkdir(exist_ok=True)
    base = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=LenientLoader) or {}
    theme = {k: v for k, v in (base.get("theme") or {}).items() if k != "custom_dir"}
    for title, uri in _nav_pages(base.get("nav") or []):
        # The same navigation as the site, so Material renders the same menu into every page: the site's own
        # pages as plain Markdown (no custom template), its generated listings as stubs.
        target, original = docs / uri, repo / base.get("docs_dir", "docs") / uri
        if target.exists() or not uri.endswith(".md"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        text = original.read_text(encoding="utf-8") if original.is_file() else f"# {title}\n"
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        target.write_text(text, encoding="utf-8")
    config: dict[str, Any] = {
        "INHERIT": str(repo / "mkdocs.yml"),  # same theme options and Markdown extensions...
        "site_url": "https://reviews.example.org/",
        "docs_dir": str(docs),
        "site_dir": str(folder / "site"),
        "theme": {**theme, "custom_dir": str(empty)},  # ...but Material's own templates,
        "hooks": [],  # no hooks,
        "plugins": [],  # no plugins,
        "not_in_nav": "/reviews/\n/recommendations/",  # the site's own navigation; the generated pages are outside it
        "extra_css": [],
        "watch": [],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return folder


def _floor_register(site: PublicSite, docs: Path, built: Path) -> None:
    """The register's pages as plain Markdown with the same recommendations, for each one the build made."""
    from casereviews.pages.register_pages import MAKERS

    for spec in (spec for maker in MAKERS for spec in maker(site)):
        if not (built / spec.url / "index.html").is_file():
            continue
        lines = [f"# {spec.title}", "", spec.description, ""]
        for e in spec.context.get("entries", ()):
            lines += [f"## {e.identifier}", "", e.recommendation.text, "",
                      f"- Review: [{e.review.title}](/reviews/{e.review.slug}/), {e.year}",
                      "- Themes: " + ", ".join(t.label for t in e.themes),
                      f"- Response: {e.response_label}", f"- Delivery: {e.delivery_text}", ""]
        for summary in spec.context.get("themes", ()):
            lines.append(f"- {summary.theme.label}: {summary.recommendations} recommendations in {summary.years} "
                         f"years, {summary.first} to {summary.latest}; {summary.repeats} repeats")
        target = docs / spec.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _nav_pages(nav: Any, title: str = "") -> list[tuple[str, str]]:
    """(title, docs path) of every page in an mkdocs.yml ``nav``."""
    if isinstance(nav, str):
        return [] if "://" in nav else [(title or nav, nav)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for key, value in nav.items() for p in _nav_pages(value, str(key))]
    return []


# -- one size ------------------------------------------------------------------------------------------------------

# A hook that takes the register of recommendations out of a build (its pages, its data files and its search
# records), so that the same corpus built with and without it gives the register's cost. Theme, review and plan
# pages keep their recurrence and learning links: those are part of pages the site had before.
WITHOUT_REGISTER = """
import casereviews.outputs.writers as outputs
from casereviews.outputs.permalinks import write_permalinks
from casereviews.outputs.recommendations import write_recommendations


def on_config(config):
    outputs.WRITERS[:] = [w for w in outputs.WRITERS if w not in (write_recommendations, write_permalinks)]
    return config


def on_files(files, config):
    for f in [f for f in files if f.src_uri.startswith("recommendations/")]:
        files.remove(f)
    return files
"""


@dataclass
class RegisterCost:
    """What the register of recommendations adds to a build of the same corpus."""

    without: Run  # the full build without the register
    entries: int  # public recommendations
    pages: int  # register pages (/recommendations/...)
    page_bytes: tuple[int, int, int]  # median, largest, total of those pages
    permalinks: int
    permalink_bytes: int
    data_bytes: int  # recommendations.json + .csv + the filter index
    filter_bytes: int  # /recommendations/register.json, which the instant filters fetch
    model_seconds: float  # working out the register and its page specs, in this process (wall)


@dataclass
class SizeResult:
    n: int
    build: Run
    floor: Run
    check: Run
    check_how: str
    pagefind_added: bool
    build_bytes: int
    build_files: int
    floor_bytes: int
    floor_files: int
    cold_build: Run | None = None  # with documents: the first build, extracting every document
    extraction: Run | None = None  # with documents: cold extraction alone, in one process
    extracted_pages: int = 0
    extraction_cpu: float = 0.0  # CPU seconds of the extraction alone (the process also loads the content)
    documents_line: str = ""
    register: RegisterCost | None = None


_EXTRACT = """
import sys, time
from pathlib import Path
from casereviews.clock import parse_moment
from casereviews.content.documents import extract
from casereviews.content.load import load
from casereviews.settings import Settings
from casereviews.publication.site import PublicSite
site = PublicSite.build(load(Settings.from_mapping(Path(sys.argv[2]), {"content_dir": sys.argv[3]})),
                        parse_moment(sys.argv[4]), Settings.from_mapping(Path(sys.argv[2]), {}))
started = time.process_time()
site.read_documents(extract)
pages = sum(len(t.pages) for t in site.document_texts.values())
print(len(site.document_texts), "documents", pages, "pages", round(time.process_time() - started, 3), "s")
"""


def _env(as_of: str) -> dict[str, str]:
    return {**os.environ, "REVIEWS_AS_OF": as_of, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def pagefind(site: Path, env: dict[str, str]) -> Run:
    return measure([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], site.parent, env)


def run_size(n: int, work: Path, repo: Path, seed: int, as_of: str, log=print, documents: bool = False
             ) -> SizeResult:
    env = _env(as_of)
    corpus, project, floor = work / f"corpus-{n}", work / f"project-{n}", work / f"floor-{n}"
    summary = make_corpus(n, corpus, seed=seed, as_of=as_of, documents=documents)
    write_project(project, corpus, repo)
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = extraction = None
    pages, seconds = 0, 0.0
    if documents:
        log(f"[{n}] corpus: {summary.words} words, {summary.documents} reviews with documents ({summary.document_pages}"
            f" text PDF pages, {summary.scans} scans, {summary.word_files} Word files); cold extraction...")
        extraction = measure([sys.executable, "-c", _EXTRACT, str(repo), str(project), str(corpus), as_of], project,
                             env)
        pages, seconds = int(extraction.output.split()[2]), float(extraction.output.split()[4])
        log(f"[{n}] extracted {extraction.output.strip()}; cold build (empty document cache)...")
        cold = measure([sys.executable, "-m", "mkdocs", "build", "-q"], project, env)
        log(f"[{n}] warm build (document cache full)...")
    else:
        log(f"[{n}] corpus: {summary.words} words; building the site...")
    build = measure([sys.executable, "-m", "mkdocs", "build", "-q"], project, env)
    site = project / "site"
    added = not (site / "pagefind").is_dir()
    if added:
        log(f"[{n}] the build made no pagefind/: running Pagefind on it")
        build = build + pagefind(site, env)
    log(f"[{n}] building the floor...")
    write_floor(floor, corpus, repo, as_of, site, project / ".cache" / "documents" if documents else None)
    shutil.rmtree(floor / "site", ignore_errors=True)
    floor_run = measure([sys.executable, "-m", "mkdocs", "build", "-q"], floor, env)
    floor_run = floor_run + pagefind(floor / "site", env)
    log(f"[{n}] checking...")
    check_script = repo / "scripts" / "check"
    if check_script.is_file():
        check = measure([str(check_script)], project, env)
        last = check.output.strip().splitlines()[-1:] or [""]
        how = f"scripts/check, run in {project.name}/, said: {last[0]}"
    else:
        code = ("import sys; from pathlib import Path;"
                "from casereviews.settings import Settings; from casereviews.content.load import load_with_problems;"
                "c, p = load_with_problems(Settings.from_mapping(Path(sys.argv[2]), {'content_dir': sys.argv[3]}));"
                "print(len(c.reviews) if c else 0, 'reviews', len(p), 'problems'); sys.exit(1 if p else 0)")
        check = measure([sys.executable, "-c", code, str(repo), str(project), str(corpus)], project, env)
        how = f"scripts/check is absent: timed load.load_with_problems in a subprocess ({check.output.strip()})"
    b_bytes, b_files = output_size(site)
    f_bytes, f_files = output_size(floor / "site")
    register = register_cost(n, work, project, corpus, as_of, env, log) if (site / "recommendations").is_dir() \
        else None
    line = ""
    if documents:
        verbose = measure([sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(work / "scratch-site")], project,
                          env)  # not timed: only for its log line of what the cache held
        line = next((x.split("Documents: ", 1)[1] for x in verbose.output.splitlines() if "Documents: " in x), "")
        shutil.rmtree(work / "scratch-site", ignore_errors=True)
    return SizeResult(n, build, floor_run, check, how, added, b_bytes, b_files, f_bytes, f_files, cold, extraction,
                      pages, seconds, line, register)


def register_cost(n: int, work: Path, project: Path, corpus: Path, as_of: str, env: dict[str, str],
                  log=print) -> RegisterCost:
    """Build the same project again without the register, and measure the register's own pages and files."""
    site = project / "site"
    pages = sorted(p.stat().st_size for p in (site / "recommendations").rglob("index.html"))
    permalinks = [p.stat().st_size for p in (site / "recommendation").rglob("index.html")]
    filter_bytes = (site / "recommendations" / "register.json").stat().st_size
    data = sum((site / "data" / name).stat().st_size for name in ("recommendations.json", "recommendations.csv"))
    started = time.perf_counter()
    settings = Settings.from_mapping(project, {"content_dir": str(corpus)})
    content, _ = load_with_problems(settings)
    public = PublicSite.build(content, parse_moment(as_of), settings)
    loaded = time.perf_counter()
    from casereviews.pages.register_pages import MAKERS

    entries = len(public.register.entries)
    specs = [spec for maker in MAKERS for spec in maker(public)]
    for theme in public.themes:
        public.register.recurrence(theme)
    model = time.perf_counter() - loaded
    log(f"[{n}] register: {entries} recommendations, {len(specs)} pages worked out in {model:.2f}s "
        f"(after {loaded - started:.1f}s reading); building again without it...")
    bare = work / f"project-{n}-without-register"
    shutil.rmtree(bare, ignore_errors=True)
    bare.mkdir(parents=True)
    hook = bare / "without_register.py"
    hook.write_text(WITHOUT_REGISTER, encoding="utf-8")
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=LenientLoader)
    config["hooks"] = [*config.get("hooks", []), str(hook)]
    config["site_dir"] = str(bare / "site")
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    without = measure([sys.executable, "-m", "mkdocs", "build", "-q"], bare, env)
    shutil.rmtree(bare / "site", ignore_errors=True)
    return RegisterCost(without, entries, len(pages), (pages[len(pages) // 2], pages[-1], sum(pages)),
                        len(permalinks), sum(permalinks), data + filter_bytes, filter_bytes, model)


# -- report --------------------------------------------------------------------------------------------------------

def _mib(n: int) -> str:
    return f"{n / 1024**2:.0f} MiB"


def report(results: list[SizeResult], metric: str) -> tuple[str, bool]:
    """The printed table and verdicts; True when every target passes."""
    small, large = results[0], results[-1]
    lines = [f"{'reviews':>8} {'build wall':>11} {'build cpu':>10} {'floor wall':>11} {'floor cpu':>10} "
             f"{'ratio wall':>11} {'ratio cpu':>10} {'check cpu':>10} {'check/build':>12} {'peak RSS':>9} "
             f"{'output':>18} {'floor output':>20}"]
    for r in results:
        lines.append(
            f"{r.n:>8} {r.build.wall:>10.1f}s {r.build.cpu:>9.1f}s {r.floor.wall:>10.1f}s {r.floor.cpu:>9.1f}s "
            f"{r.build.wall / r.floor.wall:>10.2f}x {r.build.cpu / r.floor.cpu:>9.2f}x {r.check.cpu:>9.1f}s "
            f"{r.check.time(metric) / r.build.time(metric):>11.3f}x {_mib(r.build.peak_rss):>9} "
            f"{_mib(r.build_bytes) + ', ' + str(r.build_files) + ' files':>18} "
            f"{_mib(r.floor_bytes) + ', ' + str(r.floor_files) + ' files':>20}")
    for r in results:
        if r.extraction is not None and r.cold_build is not None:
            rate = r.extracted_pages / r.extraction_cpu if r.extraction_cpu else 0
            lines.append(f"  [{r.n}] documents: cold extraction of {r.extracted_pages} pages in "
                         f"{r.extraction_cpu:.1f}s CPU ({rate:.0f} pages/s on one core; the process took "
                         f"{r.extraction.wall:.1f}s wall with loading); cold build "
                         f"{r.cold_build.wall:.1f}s wall, {r.cold_build.cpu:.1f}s CPU, peak "
                         f"{_mib(r.cold_build.peak_rss)}; the table's build is the warm one")
            if r.documents_line:
                lines.append(f"  [{r.n}] warm build's log: {r.documents_line}")
        lines.append(f"  [{r.n}] check: {r.check_how}")
        if r.pagefind_added:
            lines.append(f"  [{r.n}] the build made no pagefind/ folder: Pagefind was run on its output and its "
                         "time added to the build")
    size_ratio = large.n / small.n
    growth = large.build.time(metric) / small.build.time(metric)
    floor_growth = large.floor.time(metric) / small.floor.time(metric)
    lines.append(f"growth {small.n} -> {large.n} reviews ({size_ratio:.1f}x): build {growth:.2f}x, floor "
                 f"{floor_growth:.2f}x ({metric} time)")
    verdicts = [
        ("build <= 1.2x floor", large.build.time(metric) / large.floor.time(metric) <= TARGETS["build"],
         f"{large.build.time(metric) / large.floor.time(metric):.2f}x at {large.n}"),
        (f"{size_ratio:.0f}x reviews <= {size_ratio * TARGETS['growth']:.1f}x time",
         growth <= size_ratio * TARGETS["growth"], f"{growth:.2f}x"),
        ("check <= 0.1x build", large.check.time(metric) / large.build.time(metric) <= TARGETS["check"],
         f"{large.check.time(metric) / large.build.time(metric):.3f}x at {large.n}"),
        ("peak memory < 1 GiB", large.build.peak_rss < TARGETS["memory"], f"{_mib(large.build.peak_rss)} at {large.n}"),
    ]
    if large.extraction is not None and large.extraction_cpu:
        rate = large.extracted_pages / large.extraction_cpu
        verdicts.append(("cold extraction >= 200 pages/s on one core", rate >= TARGETS["extraction"],
                         f"{rate:.0f} pages/s at {large.n}"))
    for r in results:
        if r.register is None:
            continue
        g = r.register
        extra = r.build.time(metric) - g.without.time(metric)
        lines.append(
            f"  [{r.n}] register of recommendations: {g.entries} recommendations; build {r.build.cpu:.1f}s cpu / "
            f"{r.build.wall:.1f}s wall with it, {g.without.cpu:.1f}s / {g.without.wall:.1f}s without: "
            f"+{extra:.1f}s {metric} ({extra / g.without.time(metric):+.0%}); worked out in {g.model_seconds:.2f}s")
        lines.append(
            f"  [{r.n}] register pages: {g.pages} of at most {PAGE_SIZE} recommendations each, median "
            f"{g.page_bytes[0] / 1024:.0f} KB, largest {g.page_bytes[1] / 1024:.0f} KB, {_mib(g.page_bytes[2])} in "
            f"all; {g.permalinks} recommendation pages ({_mib(g.permalink_bytes)}); data files "
            f"{_mib(g.data_bytes)}, of which the filters' register.json {g.filter_bytes / 1024:.0f} KB")
    lines.append(f"targets (judged on {metric} time):")
    for name, ok, value in verdicts:
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {name}: {value}")
    return "\n".join(lines), all(ok for _, ok, _ in verdicts)
