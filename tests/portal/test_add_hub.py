import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home.models import HomePage, SiteSettings
from portal.hubs import hub_for_site
from programmes.models import ProgrammeIndexPage

pytestmark = pytest.mark.django_db


def add(**options):
    defaults = {"name": "Eden", "hostname": "eden.localhost", "port": 8000}
    call_command("add_hub", **(defaults | options))


def test_add_hub_builds_a_site_its_pages_groups_and_settings(client, hub):
    add(hub_name="Eden Local Focus Hub", phone="01632 962000", email="eden.hub@example.org")
    site = Site.objects.get(hostname="eden.localhost", port=8000)
    assert not site.is_default_site
    new_hub = hub_for_site(site)
    assert (new_hub.name, new_hub.slug) == ("Eden", "eden")
    assert new_hub.editors_group.name == "Eden hub editors" and new_hub.staff_group.name == "Eden hub staff"
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"about", "privacy-notice", "accessibility-statement", "contact", "programmes"} <= slugs
    assert ProgrammeIndexPage.objects.child_of(home).exists()
    settings = SiteSettings.for_site(site)
    assert (settings.hub_name, settings.hub_phone, settings.hub_email) == (
        "Eden Local Focus Hub",
        "01632 962000",
        "eden.hub@example.org",
    )
    assert settings.privacy_page and settings.contact_page and settings.accessibility_page
    response = client.get("/", HTTP_HOST="eden.localhost:8000")
    assert response.status_code == 200
    assert "Eden Local Focus Hub" in response.content.decode()
    assert "Eden" not in client.get("/").content.decode(), "the default hub's site is unchanged"


def test_a_taken_host_name_is_refused(hub, other_hub):
    with pytest.raises(CommandError, match="taken"):
        add(hostname=other_hub.site.hostname, port=other_hub.site.port)
    assert not hub_for_site(Site.objects.filter(hostname="eden.localhost").first())


def test_a_taken_name_is_refused(hub, other_hub):
    with pytest.raises(CommandError, match="already exists"):
        add(name=other_hub.name)
    assert not Site.objects.filter(hostname="eden.localhost").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"hostname": "not a host"}, "not a host name"),
        ({"port": 70000}, "out of range"),
        ({"email": "nope"}, "not an email address"),
        ({"name": "!!"}, "letters or digits"),
    ],
)
def test_bad_input_gets_a_clear_error(hub, options, message):
    with pytest.raises(CommandError, match=message):
        add(**options)
    assert not Site.objects.filter(hostname="eden.localhost").exists()
