import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from home.models import SiteSettings
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    user = get_user_model().objects.create_user(username="p", email="partner@example.org", password="pw-12345678")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("which", ["hub", "other_hub"])
def test_account_emails_come_from_the_hub_whose_site_was_used(
    client, request, hub, other_hub, partner, which, django_capture_on_commit_callbacks, mailoutbox
):
    for each, name in ((hub, "Default Hub"), (other_hub, "Other Hub")):
        settings = SiteSettings.for_site(each.site)
        settings.hub_name = name
        settings.save()
    chosen = request.getfixturevalue(which)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": partner.email}, HTTP_HOST=chosen.site.hostname)
    assert response.status_code == 302
    body = mailoutbox[0].body
    wanted, unwanted = ("Other Hub", "Default Hub") if which == "other_hub" else ("Default Hub", "Other Hub")
    assert wanted in body and unwanted not in body
    assert OutboundEmail.objects.filter(to=partner.email).count() == 1
