"""Postcodes and distances without a geocoder: the directory's own geocoded locations are the gazetteer."""

import math

from django.db.models import Avg, F, Q, Value
from django.db.models.functions import Length, Replace, Upper

EARTH_RADIUS_METRES = 6_371_008.8
METRES_PER_DEGREE_LATITUDE = 111_320.0
INWARD_CODE_LENGTH = 3


def with_normalised_postcode(locations):
    """Annotate ``compact_postcode``: the location's postcode in capitals without spaces."""
    return locations.annotate(compact_postcode=Upper(Replace(F("postcode"), Value(" "), Value(""))))


def in_district(outward):
    """Locations whose postcode is in the district ``outward`` (CA28 7XY is in CA28, CA2 7XY is not)."""
    return Q(compact_postcode__startswith=outward, compact_postcode_length=len(outward) + INWARD_CODE_LENGTH)


def located_in_district(locations, outward):
    return (
        with_normalised_postcode(locations)
        .annotate(compact_postcode_length=Length("compact_postcode"))
        .filter(in_district(outward))
    )


def centroid(locations, postcode):
    """The mean position of the geocoded ``locations`` with this postcode, else of those in its district.

    Returns (latitude, longitude), or None when the directory has no geocoded location there.
    """
    geocoded = locations.filter(latitude__isnull=False, longitude__isnull=False)
    attempts = []
    if postcode.inward:
        attempts.append(with_normalised_postcode(geocoded).filter(compact_postcode=postcode.full))
    attempts.append(located_in_district(geocoded, postcode.outward))
    for candidates in attempts:
        middle = candidates.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        if middle["latitude"] is not None:
            return float(middle["latitude"]), float(middle["longitude"])
    return None


def distance_metres(origin, latitude, longitude):
    """Great-circle (haversine) distance between ``origin`` (lat, lon) and a point, in metres."""
    lat1, lon1 = map(math.radians, origin)
    lat2, lon2 = math.radians(latitude), math.radians(longitude)
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(min(1.0, a)))


def bounding_box(origin, metres):
    """A latitude/longitude box that holds every point within ``metres`` of ``origin`` (a cheap SQL prefilter)."""
    latitude, longitude = origin
    lat_span = metres / METRES_PER_DEGREE_LATITUDE
    lon_span = metres / (METRES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return Q(
        latitude__gte=latitude - lat_span,
        latitude__lte=latitude + lat_span,
        longitude__gte=longitude - min(lon_span, 180),
        longitude__lte=longitude + min(lon_span, 180),
    )


def nearest(located_rows, origin, metres):
    """(pk, distance) for rows of (pk, latitude, longitude) within ``metres`` of ``origin``, nearest first."""
    distances = [(pk, distance_metres(origin, float(lat), float(lon))) for pk, lat, lon in located_rows]
    return sorted(((pk, d) for pk, d in distances if d <= metres), key=lambda row: (row[1], row[0]))
