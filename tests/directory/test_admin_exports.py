"""The directory's snippet listings export partners' own words: formulas come out as text, blanks stay blank."""

import pytest

from portal.groups import HUB_EDITORS
from tests.factories import OrganisationFactory, ServiceFactory
from tests.portal.test_exports import HYPERLINK, csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db

ORGANISATIONS_URL = "/admin/snippets/directory/organisation/"
SERVICES_URL = "/admin/snippets/directory/service/"


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(HUB_EDITORS))
    return client


def test_organisation_export_neutralises_formulas_and_leaves_blanks_blank(editor_client):
    OrganisationFactory(name=HYPERLINK, email="", phone="+44 808 157 0192", website="")
    (row,) = csv_rows(editor_client, ORGANISATIONS_URL)
    assert row["Name"] == "'" + HYPERLINK
    assert row["Phone number"] == "'+44 808 157 0192"
    assert row["Email address"] == "" and row["Website"] == ""
    (cell,) = xlsx_cells(editor_client, ORGANISATIONS_URL, "Name")
    assert (cell.data_type, cell.value) == ("s", HYPERLINK)
    (cell,) = xlsx_cells(editor_client, ORGANISATIONS_URL, "Email address")
    assert cell.value is None


def test_service_export_neutralises_the_service_and_its_organisation(editor_client):
    """The service listing of the issue: /admin/snippets/directory/service/?export=csv."""
    ServiceFactory(name=HYPERLINK, organisation=OrganisationFactory(name="@SUM(A1:A9)"), minimum_age=11)
    ServiceFactory(name="-2+3 youth club", minimum_age=None)
    rows = {row["Name"]: row for row in csv_rows(editor_client, SERVICES_URL)}
    assert set(rows) == {"'" + HYPERLINK, "'-2+3 youth club"}
    assert rows["'" + HYPERLINK]["Organisation"] == "'@SUM(A1:A9)"
    assert rows["'" + HYPERLINK]["Youngest age"] == "11"
    assert rows["'-2+3 youth club"]["Youngest age"] == ""
    ages = [cell.value for cell in xlsx_cells(editor_client, SERVICES_URL, "Youngest age")]
    assert sorted(ages, key=str) == [11, None], "numbers stay numbers in XLSX, blanks stay blank"
