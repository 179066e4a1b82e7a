"""Development tools, not part of the published package: the benchmark and its synthetic corpus, the sample
documents it and the tests use, and the audit that measures a built site with other people's tools."""
