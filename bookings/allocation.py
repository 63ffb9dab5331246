"""Allocating a run's places after its booking window: the rule itself, with no database and no clock.

``allocate`` orders the requests, then gives places in that order to each request that fits:

1. per-school caps first: every school's first request comes before any school's second, and a school is never
   given more than the run's per-school cap in total;
2. then the priority rules, in the run's order: a request meeting the first rule comes before one that does not,
   then the second rule among those equal on the first, and so on;
3. then a lottery among equals: ``random.Random(seed)`` shuffles the requests taken in booking id order, so the
   same requests, rules and seed give the same places on any machine.

A request is offered all its places or none (a school's group is not split by the allocation); one that does not
fit goes on the waiting list, in the same order. The result says why for each request.
"""

import random
from collections import Counter
from dataclasses import asdict, dataclass

OFFERED = "offered"
FULL = "full"
SCHOOL_CAP = "school_cap"


@dataclass(frozen=True)
class Request:
    """One request as the allocation sees it: ``school`` is a digest naming the school ("" for a young person)."""

    booking: int
    places: int
    school: str = ""
    matches: tuple = ()

    @classmethod
    def from_dict(cls, data):
        return cls(data["booking"], data["places"], data.get("school", ""), tuple(data.get("matches", ())))

    def as_dict(self):
        return {**asdict(self), "matches": list(self.matches)}


@dataclass(frozen=True)
class Outcome:
    """What one request was given. ``order``: its place in the allocation's order (1 first); ``draw``: its place
    in the lottery; ``position``: its place on the waiting list (None when offered)."""

    booking: int
    reason: str
    order: int
    draw: int
    position: int | None = None

    @property
    def offered(self):
        return self.reason == OFFERED

    def as_dict(self):
        return asdict(self)


def lottery(requests, seed):
    """{booking id: place in the draw (1 first)}: the requests in booking id order, shuffled by ``seed``."""
    drawn = sorted(requests, key=lambda request: request.booking)
    random.Random(seed).shuffle(drawn)  # noqa: S311 - a fair draw anyone can repeat from its seed, not a secret
    return {request.booking: place for place, request in enumerate(drawn, start=1)}


def allocation_order(requests, rules, seed):
    """The requests in the order places are given, with the lottery's draw."""
    draw = lottery(requests, seed)
    turns, seen = {}, Counter()
    for request in sorted(requests, key=lambda request: request.booking):
        turns[request.booking] = seen[request.school] if request.school else 0
        seen[request.school] += 1

    def key(request):
        priorities = tuple(0 if rule in request.matches else 1 for rule in rules)
        return (turns[request.booking], priorities, draw[request.booking])

    return sorted(requests, key=key), draw


def allocate(requests, *, capacity, per_school_cap, rules, seed):
    """The outcome of each of ``requests`` (in the allocation's order) given ``capacity`` free places."""
    ordered, draw = allocation_order(requests, rules, seed)
    free, given, waiting = capacity, Counter(), 0
    outcomes = []
    for order, request in enumerate(ordered, start=1):
        over_cap = per_school_cap and request.school and given[request.school] + request.places > per_school_cap
        if request.places > free:
            reason = FULL
        elif over_cap:
            reason = SCHOOL_CAP
        else:
            reason = OFFERED
        if reason == OFFERED:
            free -= request.places
            given[request.school] += request.places
            outcomes.append(Outcome(request.booking, reason, order, draw[request.booking]))
        else:
            waiting += 1
            outcomes.append(Outcome(request.booking, reason, order, draw[request.booking], waiting))
    return outcomes
