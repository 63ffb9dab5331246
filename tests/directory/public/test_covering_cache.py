"""Which organisations a hub lists is read once and kept in the shared cache until a directory row changes."""

import pytest

from directory.search import covering_slugs
from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_covering_slugs_are_cached_until_a_directory_row_changes(hub, other_hub, django_assert_num_queries):
    here = ServiceFactory(organisation=OrganisationFactory(slug="here"), areas=[AreaFactory(hub=hub)])
    ServiceFactory(organisation=OrganisationFactory(slug="there", hubs=[other_hub]), areas=[AreaFactory(hub=other_hub)])
    assert covering_slugs(hub) == {"here"}
    with django_assert_num_queries(0):
        assert covering_slugs(hub) == {"here"}
    ServiceFactory(organisation=OrganisationFactory(slug="new"))  # no area: it covers every hub
    assert covering_slugs(hub) == {"here", "new"}
    here.areas.set([AreaFactory(hub=other_hub)])
    here.save()
    assert covering_slugs(hub) == {"new"}
    assert covering_slugs(other_hub) == {"here", "there", "new"}
