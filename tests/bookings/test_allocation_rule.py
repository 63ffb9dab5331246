"""The allocation rule on random requests (hypothesis): no school over its cap, no run overbooked, the same seed
gives the same places, every request offered or waiting, and nobody waits who would fit without breaking a cap.
Then the README's worked example, step by step."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from bookings.allocation import FULL, OFFERED, SCHOOL_CAP, Request, allocate, allocation_order, lottery

RULES = ("priority_school", "not_placed_last_run")

request_lists = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=12),
        st.sampled_from(["", "a", "b", "c", "d", "e"]),
        st.sets(st.sampled_from(RULES)),
    ),
    max_size=30,
)


def build(raw):
    return [
        Request(booking=pk, places=places, school=school, matches=tuple(rule for rule in RULES if rule in matches))
        for pk, (places, school, matches) in enumerate(raw, start=1)
    ]


allocations = st.tuples(
    request_lists,
    st.integers(min_value=0, max_value=60),
    st.one_of(st.none(), st.integers(min_value=1, max_value=15)),
    st.integers(min_value=0, max_value=2**62),
    st.sampled_from([(), RULES, RULES[::-1], RULES[:1]]),
)


@settings(max_examples=150, deadline=None)
@given(allocations)
def test_random_requests_keep_every_promise(case):
    raw, capacity, cap, seed, rules = case
    requests = build(raw)
    outcomes = allocate(requests, capacity=capacity, per_school_cap=cap, rules=rules, seed=seed)
    by_booking = {request.booking: request for request in requests}

    assert sorted(outcome.booking for outcome in outcomes) == sorted(by_booking), "every request offered or waiting"
    offered = [by_booking[outcome.booking] for outcome in outcomes if outcome.offered]
    assert sum(request.places for request in offered) <= capacity, "never overbooked"
    given_to = Counter()
    for request in offered:
        if request.school:
            given_to[request.school] += request.places
    assert not cap or all(places <= cap for places in given_to.values()), "no school over its cap"
    waiting = [outcome for outcome in outcomes if not outcome.offered]
    assert [outcome.position for outcome in waiting] == list(range(1, len(waiting) + 1))
    assert all(outcome.position is None for outcome in outcomes if outcome.offered)

    again = allocate(list(reversed(requests)), capacity=capacity, per_school_cap=cap, rules=rules, seed=seed)
    assert again == outcomes, "the same requests and seed give the same places, whatever order they come in"


@settings(max_examples=100, deadline=None)
@given(allocations)
def test_nobody_waits_who_fits_and_the_reason_is_true(case):
    raw, capacity, cap, seed, rules = case
    requests = build(raw)
    outcomes = allocate(requests, capacity=capacity, per_school_cap=cap, rules=rules, seed=seed)
    by_booking = {request.booking: request for request in requests}
    free, given_to = capacity, Counter()
    for outcome in outcomes:
        request = by_booking[outcome.booking]
        fits = request.places <= free
        within_cap = not (cap and request.school and given_to[request.school] + request.places > cap)
        expected = OFFERED if fits and within_cap else FULL if not fits else SCHOOL_CAP
        assert outcome.reason == expected
        if outcome.offered:
            free -= request.places
            given_to[request.school] += request.places


@settings(max_examples=100, deadline=None)
@given(request_lists, st.integers(min_value=0, max_value=2**62))
def test_priority_rules_come_before_the_lottery(raw, seed):
    requests = build(raw)
    ordered, _draw = allocation_order(requests, RULES, seed)
    first_turns = [request for request in ordered if _is_schools_first(request, requests)]
    keys = [tuple(0 if rule in request.matches else 1 for rule in RULES) for request in first_turns]
    assert keys == sorted(keys)


def _is_schools_first(request, requests):
    if not request.school:
        return True
    return request.booking == min(other.booking for other in requests if other.school == request.school)


def test_the_lottery_is_the_seeded_shuffle_of_the_requests_by_id():
    requests = build([(1, "", set())] * 5)

    assert lottery(requests, 7) == lottery(list(reversed(requests)), 7)
    assert sorted(lottery(requests, 7).values()) == [1, 2, 3, 4, 5]
    assert len({tuple(lottery(requests, seed).items()) for seed in range(20)}) > 1, "the seed changes the draw"


def test_the_readme_worked_example():
    """README, Bookings, "Allocating after the booking window": 17 places, at most 6 per school, the rules
    "priority school" then "not placed last run", seed 2027."""
    requests = [
        Request(1, 6, "harbour", ("not_placed_last_run",)),
        Request(2, 4, "hillside", ("priority_school", "not_placed_last_run")),
        Request(3, 5, "westfield", ()),
        Request(4, 3, "harbour", ("not_placed_last_run",)),
        Request(5, 4, "moor", ("not_placed_last_run",)),
    ]

    outcomes = allocate(requests, capacity=17, per_school_cap=6, rules=RULES, seed=2027)

    assert lottery(requests, 2027) == {2: 1, 3: 2, 5: 3, 4: 4, 1: 5}
    assert [(outcome.booking, outcome.reason, outcome.position) for outcome in outcomes] == [
        (2, OFFERED, None),
        (5, OFFERED, None),
        (1, OFFERED, None),
        (3, FULL, 1),
        (4, SCHOOL_CAP, 2),
    ]
