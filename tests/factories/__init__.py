from .directory import (
    AreaFactory,
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)
from .pages import HomePageFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, StandardPageFactory
from .programmes import RunFactory, SessionFactory

__all__ = [
    "AreaFactory",
    "HomePageFactory",
    "OrganisationFactory",
    "ProgrammeIndexPageFactory",
    "ProgrammePageFactory",
    "RunFactory",
    "ServiceContactFactory",
    "ServiceFactory",
    "ServiceLocationFactory",
    "ServiceScheduleFactory",
    "SessionFactory",
    "StandardPageFactory",
]
