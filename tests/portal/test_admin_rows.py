"""The admin's inline rows (a run's sessions, a service's locations, opening times and contacts) have a limit, and
a posted row count far beyond it builds no more rows than may be saved before it is refused."""

import pytest
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import get_snippet_models

from directory.models import Service
from directory.models.entries import ROW_LIMITS
from portal.groups import HUB_COORDINATORS
from programmes.models import MAX_SESSIONS, Run
from tests.bookings.data import run_form_data
from tests.factories import OrganisationFactory, ProgrammePageFactory, RunFactory, ServiceFactory, SessionFactory

pytestmark = pytest.mark.django_db

OVERSIZED = ["100000", "99999999999999999999"]


def admin_form(model, data, instance):
    form_class = ObjectList(model.panels).bind_to_model(model).get_form_class()
    return form_class(data, instance=instance, for_user=None)


@pytest.mark.parametrize("count", OVERSIZED)
def test_an_oversized_session_count_on_the_runs_admin_is_refused_clearly(client, staff, programme_index, count):
    run = RunFactory(programme=ProgrammePageFactory(parent=programme_index), capacity=10)
    SessionFactory(run=run)
    client.force_login(staff(HUB_COORDINATORS))
    posted = run_form_data(run, **{"sessions-TOTAL_FORMS": count})

    response = client.post(f"/admin/programmes/run/edit/{run.pk}/", posted)

    assert response.status_code == 200
    assert f"Please submit at most {MAX_SESSIONS} forms" in response.content.decode()
    assert len(response.context["form"].formsets["sessions"].forms) <= MAX_SESSIONS
    assert run.sessions.count() == 1


@pytest.mark.parametrize("count", OVERSIZED)
@pytest.mark.parametrize("relation", list(ROW_LIMITS))
def test_an_oversized_row_count_on_the_service_admin_builds_no_more_rows_than_may_be_saved(relation, count):
    assert Service in get_snippet_models()
    service = ServiceFactory(organisation=OrganisationFactory())
    data = {f"{prefix}-{name}": "0" for prefix in ROW_LIMITS for name in ("TOTAL_FORMS", "INITIAL_FORMS")}
    data[f"{relation}-TOTAL_FORMS"] = count

    form = admin_form(Service, data, service)

    assert not form.is_valid()
    assert len(form.formsets[relation].forms) <= ROW_LIMITS[relation]
    assert form.formsets[relation].non_form_errors()


def test_the_runs_admin_form_has_the_bounded_rows_base():
    form = admin_form(Run, None, Run())
    assert form.formsets["sessions"].max_num == MAX_SESSIONS
