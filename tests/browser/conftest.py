"""Playwright driving Debian's Chromium against pytest-django's live_server. Never downloads a browser."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; without this Django's ORM refuses to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine is offline: without these Chromium keeps trying (and failing) to phone home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CONTEXT_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}; it is not installed")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(browser):
    """Factory for pages in fresh contexts; every context it opens is closed after the test."""
    contexts = []

    def make(*, javascript=True, bypass_csp=False):
        context = browser.new_context(java_script_enabled=javascript, bypass_csp=bypass_csp, **CONTEXT_OPTIONS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(request, new_page):
    """A page with the site's CSP enforced. Parametrize indirectly with False to switch JavaScript off."""
    return new_page(javascript=getattr(request, "param", True))


@pytest.fixture
def page_without_js(new_page):
    return new_page(javascript=False)


@pytest.fixture
def axe_page(new_page):
    # The public CSP (script-src 'self', nothing inline) blocks the inline <script> that injects axe-core, so
    # axe runs in a context that ignores CSP. Journey tests use `page`, which keeps the policy in force.
    return new_page(bypass_csp=True)


@pytest.fixture
def demo_site(transactional_db):
    """The demo content, committed so the live_server thread can see it.

    Transactional tests end by flushing every table, which also wipes the rows Wagtail's migrations
    create (locale, root page, root collection), so they are put back before seeding. On SQLite the worker's
    first seeding is kept and copied back for the next test (tests/demo.py).
    """
    from tests.demo import seed_demo_committed

    return seed_demo_committed()


@pytest.fixture
def partner_site(transactional_db, home_page):
    """A site, a published organisation with one service, and a partner who works for it."""
    from tests.directory.partners.dashboard_support import make_partner
    from tests.factories import OrganisationFactory, ServiceFactory, ServiceLocationFactory
    from tests.support import restore_wagtail_roots

    restore_wagtail_roots()
    organisation = OrganisationFactory(name="Westfield Housing Trust", last_reviewed_at=None)
    service = ServiceFactory(organisation=organisation, name="Tenancy support", terms=["housing"])
    ServiceLocationFactory(service=service, name="Civic Centre")
    return organisation, service, make_partner(organisation)
