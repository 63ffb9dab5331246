import pytest

from ..dashboard_support import make_partner


@pytest.fixture
def partner(client, organisation):
    """A partner of the module's ``organisation``, signed in on ``client``."""
    user = make_partner(organisation)
    client.force_login(user)
    return user
