"""Hub mode: one national view built from many partnerships' published open data.

A hub is the same generator run a second way. ``scripts/harvest`` fetches each configured partnership site's
``/data/reviews.json`` (and ``actions.csv`` and ``recommendations.json`` when the site publishes them) into a
snapshot folder, checking every file and every record; the build then reads only that snapshot, never the
network, so the same snapshot and ``REVIEWS_AS_OF`` give the same site.

- ``config``: the ``extra.reviews.hub`` settings, checked, with messages naming the setting;
- ``records``: what a harvested file must be (version, JSON Schema, links to the source's own site, sizes);
- ``harvest``: bounded fetching (timeout, size limit, retries, a User-Agent) and writing the snapshot;
- ``snapshot``: reading the snapshot back, each file checked again (a snapshot is data from other sites);
- ``model``: the hub's public view (the one publication rule of the hub) and its indexes;
- ``pages``: the hub's pages; ``search``: its Pagefind records and filters; ``build``: the hook's entry point.

Nothing here imports MkDocs.
"""
