"""Fixtures for the browser tests: one headless Chromium for all of them, the demo place, a context per person.

Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH); axe-core comes from node_modules
(`npm ci`). Without either the tests skip, saying why, except under CI=true, where they fail.
"""

import os
from pathlib import Path

import pytest

from .support import AXE_PATH, CSP_LISTENER_JS

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium is not at {CHROMIUM} (install it: apt-get install chromium)")
    if not AXE_PATH.exists():
        missing.append("axe-core is not in node_modules (install it: npm ci)")
    return missing


# Both fixtures below last for the browser tests only ("package" scope: this folder), never for the
# whole run: pytest-django runs these among the other live-database tests, and a test that runs after
# them must see neither Chromium's event loop nor the setting that lets the ORM run beside it (the
# `commonweal check` tests run the command as a deployment does, and it refuses that setting).


@pytest.fixture(scope="package", autouse=True)
def _sync_orm_beside_playwright():
    # Playwright's sync API keeps an event loop running in this thread; the
    # tests still call the ORM synchronously, which Django otherwise refuses.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(_sync_orm_beside_playwright):
    if missing := _missing():
        reason = "Browser tests cannot run: " + "; ".join(missing) + "."
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " CI=true, so this is a failure, not a skip.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def riverside(browser, live_server):
    """The demo place, loaded into the test database the live server uses."""
    from .people import load_riverside

    return load_riverside()


@pytest.fixture
def new_context(browser):
    """Open browser contexts (one per person); all closed at the end of the test."""
    contexts = []

    def _new_context(**options):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        context.set_default_timeout(15_000)
        # axe-core in every page from the start, rather than sent over again for each one.
        context.add_init_script(path=str(AXE_PATH))
        # Before any script of the page: a record of what the Content-Security-Policy blocks.
        context.add_init_script(script=CSP_LISTENER_JS)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()
