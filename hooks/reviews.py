"""The MkDocs adapter: a thin layer that hands MkDocs what the ``casereviews`` package works out.

- on_config: read and check reviews/ (every problem at once, as a PluginError), fix the reference time, and
  build the public site and its page list once for this build; add the Markdown extension that wraps a
  briefing's sections;
- on_files: add each generated page (outside the nav) and each published document file;
- on_env: give the templates the package's formatting filters;
- on_page_markdown: escape each page's title and description for HTML, since Material prints them unescaped;
- on_page_context: give each page template the model objects it shows;
- on_post_page: take the templates' indentation out of each page, and note the classes it uses, for the trimmed
  copy of Material's stylesheet;
- on_post_build: write the outputs made from the same public site, Material's trimmed stylesheet, then the
  Pagefind search index, then check that every output parses;
- on_startup, on_config, on_build_error, on_shutdown: ``mkdocs build`` writes into a staging folder beside the
  site folder, which replaces the site folder only when the whole build has succeeded (strict mode's warnings
  included), so a failed build leaves the previous site as it was. ``mkdocs serve`` builds into its own
  temporary folder as usual.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.utils import missing
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from casereviews.build import Build
from casereviews.hub.build import HubBuild
from casereviews.hub.config import is_hub
from casereviews.outputs import staging
from casereviews.outputs.document_search import document_records
from casereviews.outputs.search_index import write_search_index
from casereviews.outputs.stylesheet import READING_CSS, script_parts_off, site_stylesheet, write_material_css
from casereviews.outputs.trimcss import Usage
from casereviews.outputs.validate import validate_site
from casereviews.outputs.writers import write_all
from casereviews.pages.escaping import escape_page_meta
from casereviews.pages.filters import JINJA_FILTERS, JINJA_GLOBALS
from casereviews.pages.htmlspace import compact
from casereviews.pages.sections import SectionsExtension
from casereviews.problems import ReviewsError

log = logging.getLogger("mkdocs.hooks.reviews")
STAGED_COMMANDS = ("build", "gh-deploy")


@dataclass
class HookState:
    """What the hook keeps between MkDocs' events, for one run of ``mkdocs build``, ``gh-deploy`` or ``serve``
    (MkDocs loads a hook as a module, so this is the module's one piece of state, named as such)."""

    current: Build | HubBuild | None = None  # a HubBuild when mkdocs.yml sets extra.reviews.hub (a hub)
    usage: Usage = field(default_factory=Usage)  # the classes the built pages use, for Material's trimmed stylesheet
    reading: Usage = field(default_factory=Usage)  # the classes review and briefing pages use, for their cut
    # The staged build (see on_startup): the command MkDocs runs, whether it is --dirty, the real site folder, the
    # folder being built into, whether the build got to its end without an error, and MkDocs' configuration.
    command: str | None = None
    dirty: bool = False
    site_dir: Path | None = None
    staging: Path | None = None
    built: bool = False
    config: Any = None


state = HookState()

def on_startup(command, dirty):
    state.command, state.dirty = command, dirty


def _stage(config) -> None:
    """Point MkDocs at a fresh staging folder beside the site folder (``mkdocs build`` and ``gh-deploy`` only:
    ``serve`` already builds into a temporary folder of its own, and a ``--dirty`` build reuses the site folder)."""
    state.built = False
    if state.command not in STAGED_COMMANDS or state.dirty:
        return
    if state.staging is not None:  # a second build in the same run: drop what the first left
        staging.discard(state.staging)
    state.site_dir = Path(config.site_dir)
    state.staging = staging.staging_dir(state.site_dir)
    state.config = config
    config.site_dir = str(state.staging)


def on_build_error(error):
    state.built = False
    if state.staging is not None:
        staging.discard(state.staging)
        state.staging = None
        if state.config is not None:
            state.config.site_dir = str(state.site_dir)


def on_shutdown():
    """The end of the MkDocs run: put a finished build in place of the site folder, or drop an unfinished one."""
    if state.staging is None:
        return
    try:
        if state.built and state.staging.is_dir():
            try:
                staging.put_in_place(state.staging, state.site_dir)
            except OSError as err:
                log.error("The site was built in %s but could not replace %s (%s): the previous site is still "
                          "there; free the folder and build again.", state.staging, state.site_dir, err.strerror or err)
                raise SystemExit(1) from None
            log.info("Site written to %s", state.site_dir)
        else:
            staging.discard(state.staging)
    finally:
        state.staging = None
        if state.config is not None:
            state.config.site_dir = str(state.site_dir)  # gh-deploy reads it after the build


def on_config(config):
    state.usage = Usage(script_off=script_parts_off(config.theme.get("features") or [], config.plugins.keys(),
                                               config.extra, config.repo_url))
    state.reading = Usage(script_off=state.usage.script_off)
    gc.unfreeze()  # a previous build's objects (mkdocs serve) may be collected again
    root = Path(config.config_file_path).resolve().parent
    extra = config.extra.get("reviews")
    try:
        if is_hub(extra):  # a hub: the same site made from the harvest snapshot (casereviews/hub/)
            state.current = HubBuild.prepare(root, extra, config.site_url, site_name=config.site_name)
            for problem in state.current.problems:  # only in a snapshot edited by hand: scripts/harvest keeps none
                log.warning("Snapshot: %s (not shown)", problem)
        else:
            state.current = Build.prepare(root, extra, config.site_url, config_file=Path(config.config_file_path))
    except ReviewsError as err:
        raise PluginError(str(err)) from None
    # The content and public site live until the build ends: kept out of the garbage collector's full passes,
    # which otherwise walk these millions of objects again and again while the pages render (a tenth of a large
    # build). on_post_build hands them back once the outputs are written.
    gc.freeze()
    log.info("Reviews: %s", state.current.summary())
    if state.current.documents_summary():
        log.info("Documents: %s", state.current.documents_summary())  # info, not a warning: --strict is for the content
    _stage(config)
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    return config


def on_files(files, config):
    for spec in state.current.pages:
        files.append(File.generated(config, spec.src_uri, content=spec.markdown(),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    taken = {f.src_uri for f in files} | {f.dest_uri for f in files}
    if isinstance(state.current, HubBuild):
        for uri, path in state.current.asset_files(taken):
            files.append(File.generated(config, uri, abs_src_path=path))
        return files
    for uri, path in state.current.site.document_files():
        # check.document_file_problem already keeps documents away from pages; this guards against a page made
        # later at a document's address, so a document can never replace a page (or a page a document).
        if uri in taken:
            raise PluginError(f"{uri}: a document would take the address of a page of the site; "
                              "move the document into the review's files/ folder under another name")
        files.append(File.generated(config, uri, abs_src_path=path))
    return files


class NamedUndefined(jinja2.Undefined):
    """A name a template prints or loops over that nothing defined: an error in the build's log (shown with -q too),
    not the empty text Jinja prints by default. A field missing from an object (``page.meta.x``) stays quiet, as
    Material's templates expect; so does a name only tested (``{% if x is defined %}``)."""

    # Names Material's nav-item.html prints on purpose before (or without) setting them.
    MATERIAL_OPTIONAL = frozenset({"hidden", "indeterminate", "checked"})

    def _warn(self) -> None:
        if self._undefined_obj is missing and self._undefined_name not in self.MATERIAL_OPTIONAL:
            log.error("A template uses '%s', which no page data defines: it would print as nothing",
                      self._undefined_name)

    def __str__(self) -> str:
        self._warn()
        return ""

    def __iter__(self):
        self._warn()
        return iter(())


def on_env(env, config, files):
    env.undefined = NamedUndefined
    env.filters.update(JINJA_FILTERS)  # dates, addresses, structured data, search metadata (pages/filters.py)
    env.globals.update(JINJA_GLOBALS)  # paths: the site's fixed pages (urls.SitePaths)
    return env


def on_page_markdown(markdown, page, config, files):
    escape_page_meta(page.meta)  # every page: Material's base.html prints page.meta.title and description raw
    # The sitemap's <lastmod> (MkDocs writes page.update_date there, and the gzip copy's time from the latest
    # one): the day the page's content last changed, not the day of the build, so a build is reproducible.
    page.update_date = state.current.lastmod(page.file.src_uri, page.meta.get("template"))
    return markdown


def on_page_context(context, page, config, nav):
    context["reviews_site"] = state.current.site
    context["site_stylesheet"] = site_stylesheet(page.meta.get("template"))
    spec = state.current.by_uri.get(page.file.src_uri)
    if spec is not None:
        context.update(spec.context)
    return context


def on_post_page(output, page, config):
    output = compact(output)
    state.usage.add_page(output)
    if READING_CSS in output:
        state.reading.add_page(output)
    return output


def on_post_template(output, template_name, config):
    output = compact(output)  # 404.html
    state.usage.add_page(output)
    return output


def on_post_build(config):
    try:
        if isinstance(state.current, HubBuild):  # a hub: its sharing card and its search over the harvested records
            write_material_css(Path(config.site_dir), state.usage, config.extra_css, state.reading)
            log.info("Search: %s", state.current.write_outputs(Path(config.site_dir)))
        else:
            write_all(state.current.site, Path(config.site_dir), config)
            write_material_css(Path(config.site_dir), state.usage, config.extra_css, state.reading)
            # Then search: it reads the finished pages, and adds the text of published documents.
            log.info("Search: %s", write_search_index(Path(config.site_dir), document_records(state.current.site),
                                                      state.current.settings.search_bundle_mb))
        log.info("Outputs: %s", validate_site(Path(config.site_dir)))  # last: it reads every file written
    except ReviewsError as err:
        raise PluginError(str(err)) from None
    finally:
        gc.unfreeze()  # after the outputs, which are made from the same objects
    state.built = True  # MkDocs may still stop the build after this (strict mode's warnings): on_build_error says so
