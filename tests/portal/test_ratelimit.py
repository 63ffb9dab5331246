"""Hourly per-address limits: counted atomically before the work, given back when the work made nothing."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import RequestFactory

from portal.ratelimit import HourlyLimit, RateLimited
from tests.support import shared_cache

LIMIT = 10
ADDRESS = "192.0.2.10"


@pytest.fixture(params=["locmem", "redis"])
def submissions(request, settings):
    settings.REPORT_RATE_LIMIT = LIMIT
    with shared_cache(request.param):
        yield HourlyLimit("test", "REPORT_RATE_LIMIT")


def request_from(address=ADDRESS):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def submit(submissions, key, address=ADDRESS):
    """Work that succeeds inside a slot; False when the hour's limit refused it."""
    try:
        with submissions.slot(request_from(address), submission_key=key):
            return True
    except RateLimited:
        return False


def fail(submissions, key):
    with pytest.raises(LookupError), submissions.slot(request_from(), submission_key=key):
        raise LookupError("the service refused the submission")


def test_of_a_burst_from_one_address_exactly_the_limit_get_through(submissions):
    attempts = 60
    barrier = threading.Barrier(attempts)

    def attempt(index):
        barrier.wait(timeout=30)
        return submit(submissions, f"burst-{index}")

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        results = list(pool.map(attempt, range(attempts)))

    assert results.count(True) == LIMIT
    assert not submit(submissions, "one-more")
    assert submit(submissions, "elsewhere", address="198.51.100.3"), "another address has its own count"


def test_refused_attempts_take_nothing_and_failed_work_gives_its_slot_back(submissions):
    assert all(submit(submissions, f"made-{index}") for index in range(LIMIT - 1))
    with pytest.raises(LookupError), submissions.slot(request_from(), submission_key="last"):
        refused = [submit(submissions, f"over-{index}") for index in range(3)]
        raise LookupError("the service refused the last submission")

    assert refused == [False, False, False]
    assert [submit(submissions, f"after-{index}") for index in range(2)] == [True, False]


def test_a_slot_given_back_by_a_repeat_is_free_again(submissions):
    for index in range(LIMIT):
        with submissions.slot(request_from(), submission_key=f"repeat-{index}") as slot:
            slot.give_back()

    assert [submit(submissions, f"new-{index}") for index in range(LIMIT + 1)] == [True] * LIMIT + [False]


def test_the_same_submission_key_never_takes_a_second_slot(submissions, settings):
    settings.REPORT_RATE_LIMIT = 1
    with submissions.slot(request_from(), submission_key="double-click"):
        assert submit(submissions, "double-click"), "the second click goes on to find the first one's result"
        assert not submit(submissions, "a-different-report")

    assert submit(submissions, "double-click"), "a later repeat is still not counted"
    assert not submit(submissions, "another-report")


def test_a_key_whose_work_failed_can_be_sent_again_and_counts_once(submissions, settings):
    settings.REPORT_RATE_LIMIT = 1
    fail(submissions, "corrected")

    assert submit(submissions, "corrected")
    assert not submit(submissions, "next")
