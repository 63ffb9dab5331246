"""Query parameters of the Open Referral UK API, read and checked. A bad value raises BadParameter."""

import math
import re
from dataclasses import dataclass
from datetime import datetime, time
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Weekday
from portal.search.words import query_words

from .http import BadParameter, NotFound

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_SEARCH_LENGTH = 200
MAX_AGE_VALUE = 1000
MAX_PROXIMITY_METRES = 1_000_000
SLUG = re.compile(r"^[-a-z0-9_]{1,120}$")
MAX_PAGE = 1_000_000
# RFC 3339 times as the specification's `format: time` and its schedules write them: HH:MM or HH:MM:SS (with a
# fraction), then Z, an offset (+01:00, +0100, +01) or nothing (the hub's local time).
TIME = re.compile(
    r"^(?P<clock>(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)"
    r"(?P<offset>Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$",
    re.IGNORECASE,
)
WHOLE_NUMBER = re.compile(r"^\d{1,9}$")
INTEGER = re.compile(r"^[-+]?\d+$")
# A BYDAY part of an RFC 5545 rule, as in the specification's schedules: a day code, perhaps after the
# occurrence in a month ("2MO", "-1FR"), which a weekly opening on that day always covers.
BYDAY = re.compile(r"^(?:[-+]?(?:[1-4]?\d|5[0-3]))?(?P<code>[A-Z]{2})$")
DECIMAL = re.compile(r"^\d{1,6}(\.\d{1,6})?$")
OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
POSTCODE = re.compile(rf"^(?P<outward>{OUTWARD})(?P<inward>[0-9][A-Z]{{2}})?$")
DAY_NAMES = {label.lower(): code for code, label in zip(Weekday.values, Weekday.names, strict=True)}


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Postcode:
    """A UK postcode, or only its outward code (the district, e.g. "CA28")."""

    outward: str
    inward: str = ""

    @property
    def full(self):
        return self.outward + self.inward

    def __str__(self):
        return f"{self.outward} {self.inward}".strip()


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    taxonomy_term: str = ""
    taxonomy: UUID | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    days: tuple = ()
    postcode: Postcode | None = None
    proximity: float | None = None
    service_area: str = ""

    @property
    def narrows_services(self):
        ages = self.minimum_age or self.maximum_age is not None
        return bool(self.taxonomy_term or self.taxonomy or ages or self.has_schedule or self.service_area)

    @property
    def has_schedule(self):
        return bool(self.days or self.start_time or self.end_time)


def _value(query, name):
    return query.get(name, "").strip()


def _typed_value(query, name):
    """The value of a parameter the specification types as a number or a time, or None if it is not given: an
    empty one is no number or time, and is refused like any other."""
    return _value(query, name) if name in query else None


def _integer(query, name):
    """Any whole number the specification's `integer` allows (huge ones are read as +/- 10**12), or None."""
    raw = _typed_value(query, name)
    if raw is None:
        return None
    if not INTEGER.match(raw):
        raise BadParameter(name, _("%(name)s must be a whole number.") % {"name": name})
    digits = raw.lstrip("+-")
    if len(digits) > 12:
        return -(10**12) if raw.startswith("-") else 10**12
    return int(raw)


def read_paging(query):
    """Pages count from 1: page 0 (a client counting from 0) or below is the first page, and a page above
    MAX_PAGE is served as MAX_PAGE (past the last: empty). per_page 0 or below is the default size, and anything
    above MAX_PER_PAGE is served as MAX_PER_PAGE."""
    page = _integer(query, "page")
    per_page = _integer(query, "per_page")
    return Paging(
        page=1 if page is None or page < 1 else min(page, MAX_PAGE),
        per_page=DEFAULT_PER_PAGE if per_page is None or per_page < 1 else min(per_page, MAX_PER_PAGE),
    )


def read_uuid(raw, *, parameter=None):
    """A UUID from a query parameter (bad value: 400) or from the path (bad value: 404, as for an unknown id)."""
    try:
        return UUID(raw)
    except (ValueError, TypeError, AttributeError):
        if parameter:
            raise BadParameter(parameter, _("%(name)s must be an id (a UUID).") % {"name": parameter}) from None
        raise NotFound(_("There is nothing with this id.")) from None


def _age(query, name, rounding):
    raw = _typed_value(query, name)
    if raw is None:
        return None
    if not DECIMAL.match(raw) or float(raw) > MAX_AGE_VALUE:
        raise BadParameter(name, _("%(name)s must be an age in years, 0 or more.") % {"name": name})
    return rounding(float(raw))


def _today():
    return timezone.localdate()


def local_time(raw):
    """``raw`` (see TIME) as a time of day in the hub's local time (TIME_ZONE), or None if it is not one.

    A time with Z or an offset is converted as it falls today, so 09:00:00Z is 09:00 in winter and 10:00 in
    British Summer Time; one without is the hub's local time already."""
    match = TIME.match(raw)
    if match is None:
        return None
    clock = time.fromisoformat(match["clock"][:15])
    offset = (match["offset"] or "").upper()
    if not offset:
        return clock
    if offset != "Z" and len(offset) == 3:
        offset += "00"
    zone = datetime.fromisoformat(f"2000-01-01T00:00{offset}").tzinfo
    moment = datetime.combine(_today(), clock, tzinfo=zone)
    return timezone.localtime(moment).time().replace(tzinfo=None)


def _time(query, name):
    raw = _typed_value(query, name)
    if raw is None:
        return None
    found = local_time(raw)
    if found is None:
        raise BadParameter(
            name, _("%(name)s must be a time of day such as 09:30, 09:30:00 or 09:30:00Z.") % {"name": name}
        )
    return found


def _days(query):
    """Day codes as the specification's schedules write them (MO to SU, perhaps after an occurrence in a month
    such as 2MO, comma-separated for several) or day names; a service open on any of them matches."""
    raw = _value(query, "day")
    if not raw:
        return ()
    days = []
    for part in raw.split(","):
        word = part.strip()
        match = BYDAY.match(word.upper())
        code = match["code"] if match and match["code"] in Weekday.values else DAY_NAMES.get(word.lower())
        if code is None:
            raise BadParameter(
                "day", _("day must be a day of the week: MO, TU, WE, TH, FR, SA or SU (several comma-separated).")
            )
        if code not in days:
            days.append(code)
    return tuple(days)


def _search(query):
    return " ".join(query_words(_value(query, "search")[:MAX_SEARCH_LENGTH]))


def _taxonomy_term(query):
    raw = _value(query, "taxonomy_term_id")
    if raw and not SLUG.match(raw.lower()):
        read_uuid(raw, parameter="taxonomy_term_id")
    return raw.lower()


def _service_area(query):
    """An area's id or slug, or a hub's slug (every area of that hub)."""
    raw = _value(query, "service_area")
    if raw and not SLUG.match(raw.lower()):
        try:
            UUID(raw)
        except ValueError:
            raise BadParameter(
                "service_area", _("service_area must be an area's id or code, or a hub's code (e.g. carlisle).")
            ) from None
    return raw.lower()


def read_postcode(raw):
    match = POSTCODE.match("".join(raw.split()).upper())
    if match is None:
        raise BadParameter(
            "postcode", _("postcode must be a UK postcode such as CA28 7XY, or a district such as CA28.")
        )
    return Postcode(outward=match["outward"], inward=match["inward"] or "")


def _proximity(query, postcode):
    raw = _value(query, "proximity")
    if not raw:
        return None
    if postcode is None:
        raise BadParameter("proximity", _("proximity needs a postcode to measure from."))
    try:
        metres = float(raw)
    except ValueError:
        metres = math.nan
    if not 0 < metres <= MAX_PROXIMITY_METRES:
        raise BadParameter(
            "proximity", _("proximity must be a distance in metres, up to %(most)d.") % {"most": MAX_PROXIMITY_METRES}
        )
    return metres


def read_service_filters(query, *, places=False):
    """The filters /services and /service_at_locations share; ``places`` adds postcode and proximity."""
    taxonomy = _value(query, "taxonomy_id")
    postcode = read_postcode(_value(query, "postcode")) if places and _value(query, "postcode") else None
    return ServiceFilters(
        search=_search(query),
        taxonomy_term=_taxonomy_term(query),
        taxonomy=read_uuid(taxonomy, parameter="taxonomy_id") if taxonomy else None,
        minimum_age=_age(query, "minimum_age", math.ceil),
        maximum_age=_age(query, "maximum_age", math.floor),
        start_time=_time(query, "start_time"),
        end_time=_time(query, "end_time"),
        days=_days(query),
        postcode=postcode,
        proximity=_proximity(query, postcode) if places else None,
        service_area=_service_area(query),
    )
