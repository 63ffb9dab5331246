import pytest

from tests.factories import OrganisationFactory, ProgrammePageFactory, ServiceFactory


@pytest.fixture
def content(programme_index):
    """Pages and a directory entry, indexed in the database as they are saved."""
    ProgrammePageFactory(parent=programme_index, title="Canoeing residential", image=None)
    ProgrammePageFactory(parent=programme_index, title="Climbing club", image=None)
    organisation = OrganisationFactory(name="Canoeing Trust", slug="canoeing-trust")
    ServiceFactory(organisation=organisation, name="Canoeing sessions")
    OrganisationFactory(name="Climbing Wall", slug="climbing-wall")
