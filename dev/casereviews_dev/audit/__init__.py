"""The site measured as visitors and other people's tools see it: a GitHub-Pages-like server, a crawl of every
built page, the weight of each page before its first paint, and runners for Lighthouse, pa11y and the Nu HTML
Checker. ``scripts/audit`` prints their figures in one table; tests/test_audit.py holds the deterministic ones.
"""
