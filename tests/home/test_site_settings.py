import pytest
from django.conf import settings as django_settings
from wagtail.models import Site

from home.models import SiteSettings
from portal.models import Hub
from portal.outbox import queue_email
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_banner_and_hub_name_come_from_site_settings(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.hub_name = "Eastshore Hub"
    settings.emergency_banner = "Call 999 if a life is at risk."
    settings.save()
    body = client.get("/").content.decode()
    assert "Eastshore Hub" in body
    assert "Call 999 if a life is at risk." in body


def test_banner_can_be_switched_off(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.show_emergency_banner = False
    settings.save()
    assert "app-emergency-banner" not in client.get("/").content.decode()


def test_cached_settings_are_refreshed_when_saved(home_page):
    site = Site.objects.get()
    SiteSettings.for_site(site)
    SiteSettings.objects.filter(site=site).update(hub_name="Changed behind the cache's back")
    assert SiteSettings.for_site(site).hub_name != "Changed behind the cache's back"
    fresh = SiteSettings.objects.get(site=site)
    fresh.hub_name = "Saved properly"
    fresh.save()
    assert SiteSettings.for_site(site).hub_name == "Saved properly"


def test_footer_links_to_published_pages_only(client, home_page):
    privacy = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy-notice")
    settings = SiteSettings.for_site(Site.objects.get())
    settings.privacy_page = privacy
    settings.save()
    assert 'href="/privacy-notice/"' in client.get("/").content.decode()
    privacy.unpublish()
    assert 'href="/privacy-notice/"' not in client.get("/").content.decode()


def test_emails_sign_off_with_the_hub_name_staff_set(home_page):
    """Emails are sent outside a request, yet say the name staff gave the hub, as its pages do."""
    settings = SiteSettings.for_site(Site.objects.get())
    settings.hub_name = "Eastshore Hub"
    settings.save()
    email = queue_email(to="someone@example.org", template="referral_accepted", context={"reference": "HUB-TEST"})
    assert "Eastshore Hub" in email.body
    assert "Local Focus Hub" not in email.body


def test_emails_before_any_site_use_the_configured_name(db):
    Hub.objects.all().delete()
    Site.objects.all().delete()
    email = queue_email(to="someone@example.org", template="referral_accepted", context={"reference": "HUB-TEST"})
    assert django_settings.WAGTAIL_SITE_NAME in email.body


def settings_url(site):
    return f"/admin/settings/home/sitesettings/{site.pk}/"


def test_a_hub_editor_changes_their_own_hubs_settings_and_not_another_hubs(client, hub, other_hub):
    from tests.factories import hub_editor

    client.force_login(hub_editor(hubs=[hub]))
    assert client.get(settings_url(hub.site)).status_code == 200
    refused = client.post(settings_url(other_hub.site), {"hub_name": "Taken over"})
    assert refused.status_code in (302, 403)
    assert SiteSettings.for_site(other_hub.site).hub_name != "Taken over"
    assert client.get(settings_url(other_hub.site)).status_code in (302, 403)


def test_the_settings_menu_opens_an_editor_on_their_own_hubs_site(client, hub, other_hub):
    from tests.factories import hub_editor

    client.force_login(hub_editor(hubs=[other_hub], username="carrick-editor", email="ce@example.org"))
    response = client.get("/admin/settings/home/sitesettings/")
    assert response.status_code == 302
    assert response["Location"].endswith(settings_url(other_hub.site))
