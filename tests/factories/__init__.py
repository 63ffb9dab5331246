from .pages import HomePageFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, StandardPageFactory
from .programmes import RunFactory, SessionFactory

__all__ = [
    "HomePageFactory",
    "ProgrammeIndexPageFactory",
    "ProgrammePageFactory",
    "RunFactory",
    "SessionFactory",
    "StandardPageFactory",
]
