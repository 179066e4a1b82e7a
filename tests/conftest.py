from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole run: Playwright's sync API allows one instance per thread, so
    every browser test shares this one rather than starting its own."""
    from playwright.sync_api import sync_playwright
    from sitebuild import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: run scripts/setup --test"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
