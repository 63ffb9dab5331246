"""Audit trails in the admin: wagtail-modeladmin's history views check no permission of their own, so the hub's
registrations ask what the inspect view asks."""

import pytest

from directory.partners.models import Invitation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(make_run, add_booking):
    return add_booking(make_run(), school_name="Westfield Academy")


def history_url(instance):
    meta = instance._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/history/{instance.pk}/"


@pytest.fixture
def records(booking, staff):
    invitation = Invitation.objects.create(email="new@example.org", organisation=OrganisationFactory())
    return {"booking": booking, "run": booking.run, "invitation": invitation}


@pytest.mark.parametrize(
    ("name", "outsider"),
    [("booking", "Hub editors"), ("run", "Hub editors"), ("invitation", "Hub safeguarding leads")],
)
def test_staff_cannot_read_the_audit_trail_of_records_they_cannot_see(client, staff, records, name, outsider):
    instance = records[name]
    client.force_login(staff(outsider))
    response = client.get(history_url(instance))
    assert response.status_code in (302, 403)
    assert str(instance) not in response.content.decode()


@pytest.mark.parametrize("name", ["booking", "run", "invitation"])
def test_a_coordinator_reads_the_audit_trail(client, staff, records, name):
    client.force_login(staff("Hub coordinators"))
    assert client.get(history_url(records[name])).status_code == 200
