import factory
import wagtail_factories

from home.models import HomePage, StandardPage
from programmes.choices import Audience
from programmes.models import ProgrammeIndexPage, ProgrammePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Test hub"
    slug = "home"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programmes"
    slug = "programmes"

    class Meta:
        model = ProgrammeIndexPage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = "A programme for young people."
    audience = Audience.SCHOOLS
    min_age = 13
    max_age = 16
    image = factory.SubFactory(wagtail_factories.ImageFactory)

    class Meta:
        model = ProgrammePage
