"""The outputs stage: files written after MkDocs has rendered the pages, each a function of the public site and
the site folder (the data files, feeds, schemas, sharing card, permalinks; the search index, the trimmed
stylesheets and the checks of what was written). ``writers.WRITERS`` lists the ones every build writes."""
