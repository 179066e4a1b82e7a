"""The pages stage: each generated page as a spec with its template and the data that template shows, and the
small helpers that make those data safe and readable (escaping, structured data, search metadata)."""
