"""The MkDocs adapter: a thin layer that hands MkDocs what the ``casereviews`` package works out.

- on_config: read and check reviews/ (every problem at once, as a PluginError), fix the reference time, and
  build the public site and its page list once for this build; add the Markdown extension that wraps a
  briefing's sections;
- on_files: add each generated page (outside the nav) and each published document file;
- on_env: give the templates the package's formatting filters;
- on_page_context: give each page template the model objects it shows;
- on_post_build: write the outputs made from the same public site, then the Pagefind search index.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from casereviews import outputs  # noqa: E402
from casereviews.build import Build, BuildError  # noqa: E402
from casereviews.document_search import document_records  # noqa: E402
from casereviews.outputs.search_index import write_search_index  # noqa: E402
from casereviews.present import FILTERS  # noqa: E402
from casereviews.search import JINJA_FILTERS as SEARCH_FILTERS  # noqa: E402
from casereviews.sections import SectionsExtension  # noqa: E402

log = logging.getLogger("mkdocs.hooks.reviews")
_current: Build | None = None


def on_config(config):
    global _current
    gc.unfreeze()  # a previous build's objects (mkdocs serve) may be collected again
    root = Path(config.config_file_path).resolve().parent
    try:
        _current = Build.prepare(root, config.extra.get("reviews"), config.site_url)
    except BuildError as err:
        raise PluginError(str(err)) from None
    # The content and public site live until the build ends: kept out of the garbage collector's full passes,
    # which otherwise walk these millions of objects again and again while the pages render (a tenth of a large
    # build). on_post_build hands them back once the outputs are written.
    gc.freeze()
    log.info("Reviews: %s", _current.summary())
    if _current.documents_summary():
        log.info("Documents: %s", _current.documents_summary())  # info, not a warning: --strict is for the content
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    return config


def on_files(files, config):
    for spec in _current.pages:
        files.append(File.generated(config, spec.src_uri, content=spec.markdown(),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    for uri, path in _current.site.document_files():
        files.append(File.generated(config, uri, abs_src_path=path))
    return files


def on_env(env, config, files):
    env.filters.update(FILTERS)
    env.filters.update(SEARCH_FILTERS)  # search_record (partials/pagefind.html), search_facets (search.html)
    return env


def on_page_context(context, page, config, nav):
    context["reviews_site"] = _current.site
    spec = _current.by_uri.get(page.file.src_uri)
    if spec is not None:
        context.update(spec.context)
    return context


def on_post_build(config):
    try:
        outputs.write_all(_current.site, Path(config.site_dir), config)
        # Last: it reads the finished pages, and adds the pages of published documents as records of their own.
        log.info("Search: %s", write_search_index(Path(config.site_dir), document_records(_current.site)))
    except outputs.OutputError as err:
        raise PluginError(str(err)) from None
    finally:
        gc.unfreeze()  # after the outputs, which are made from the same objects
