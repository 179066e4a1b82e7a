"""The national-scale site of test_audit.py: 2,000 synthetic reviews written and built as at sitebuild.AS_OF, in
a process of its own.

tests/conftest.py starts this when the run begins (if the scale test is among the tests selected), at a lower
priority, so that the longest build of the suite (about a minute) uses the time the other tests leave the
machine's other core idle; the test then waits for it. Run as ``python tests/scale_build.py FOLDER``: it writes
FOLDER/reviews, FOLDER/project (its mkdocs.yml) and FOLDER/site.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sitebuild import AS_OF, REPO, build_into

from casereviews_dev.corpus import make_corpus, write_project

REVIEWS = 2000


def main(root: Path) -> None:
    make_corpus(REVIEWS, root / "reviews", seed=1, as_of=AS_OF)
    config = write_project(root / "project", root / "reviews", REPO)
    build_into(root / "site", config.parent)


def stop(signum, frame) -> None:
    """Stopped (the test run ended first): stop the build and Pagefind too, the whole process group."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.killpg(0, signal.SIGTERM)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    main(Path(sys.argv[1]))
