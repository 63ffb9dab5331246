"""Each demo hub's public pages through its own host name show that hub, and pass axe."""

from urllib.parse import urlsplit

import pytest

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

HUBS = {"westfield": "Westfield Local Focus Hub", "carrick": "Carrick Local Focus Hub"}
PATHS = ["/", "/programmes/future-pathways/", "/directory/", "/report/"]


@pytest.mark.parametrize("slug", HUBS)
def test_each_hub_shows_its_own_name_on_its_own_host(axe_page, live_server, demo_site, slug):
    port = urlsplit(live_server.url).port
    other = next(name for other_slug, name in HUBS.items() if other_slug != slug)
    for path in PATHS:
        url = f"http://{slug}.localhost:{port}{path}"
        response = axe_page.goto(url)
        assert response.status == 200, url
        text = axe_page.content()
        assert HUBS[slug] in text, url
        assert other not in text, url
        assert_no_axe_violations(axe_page, url)
