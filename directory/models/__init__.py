from .entries import (
    PUBLIC_SERVICE_STATUSES,
    LocationType,
    Organisation,
    Service,
    ServiceContact,
    ServiceLocation,
    ServiceSchedule,
    ServiceStatus,
    Weekday,
)
from .taxonomy import Area, Taxonomy, TaxonomyTerm

__all__ = [
    "PUBLIC_SERVICE_STATUSES",
    "Area",
    "LocationType",
    "Organisation",
    "Service",
    "ServiceContact",
    "ServiceLocation",
    "ServiceSchedule",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "Weekday",
]
