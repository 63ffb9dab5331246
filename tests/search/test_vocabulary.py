"""The words the search forgives: read from published content once for every process (the shared cache), again
when published content changes."""

import pytest

from portal.search import vocabulary
from tests.factories import OrganisationFactory, ServiceFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    vocabulary.forget()
    yield
    vocabulary.forget()


def another_process():
    """What a process that never searched yet holds: nothing of its own."""
    vocabulary._cached.update(vocabulary=None, version=None, checked=0.0)


def test_the_words_are_read_once_and_shared_between_processes(django_assert_num_queries):
    OrganisationFactory(name="Quokka Rescue", summary="Rehoming quokkas.")
    assert "quokka" in vocabulary.current()
    another_process()
    with django_assert_num_queries(0):
        assert "quokka" in vocabulary.current()
        assert "quokka" in vocabulary.current()


def test_publishing_a_directory_entry_or_a_page_brings_its_words_in(home_page):
    vocabulary.current()
    organisation = OrganisationFactory(name="Wombat Watch", live=False)
    assert "wombat" not in vocabulary.current()
    organisation.save_revision().publish()
    assert "wombat" in vocabulary.current()
    service = ServiceFactory(organisation=organisation, name="Numbat patrol", live=False)
    service.save_revision().publish()
    assert "numbat" in vocabulary.current()
    page = StandardPageFactory(parent=home_page, title="Platypus pond", live=False)
    assert "platypus" not in vocabulary.current()
    page.save_revision().publish()
    assert "platypus" in vocabulary.current()


def test_a_misspelling_is_looked_up_once_per_vocabulary():
    OrganisationFactory(name="Environmental Health", summary="Noise nuisance.")
    known = vocabulary.current()
    assert known.closest("nuisanse") == ["nuisance"]
    assert ("nuisanse", 1, 0.8, 2) in known._closest
