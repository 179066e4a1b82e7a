"""Turn a folder of safeguarding reviews (Markdown with front matter) into the data a website is made from.

The package never imports MkDocs: the hooks in ``hooks/`` adapt it to MkDocs, and ``scripts/`` use it directly.
The way through is ``load`` (read and check) -> ``PublicSite.at(time)`` (only what is public) -> ``pages``.
"""
