from directory.choices import PUBLIC_SERVICE_STATUSES, LocationType, ServiceStatus, Weekday

from .entries import Organisation, Service, ServiceContact, ServiceLocation, ServiceSchedule
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
