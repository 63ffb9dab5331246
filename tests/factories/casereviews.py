from datetime import timedelta

import factory
from django.utils import timezone

from directory.casereviews.choices import Status
from directory.casereviews.models import CaseReview

from .hubs import the_default_hub


class CaseReviewFactory(factory.django.DjangoModelFactory):
    """An ASB Case Review application waiting for its threshold decision, made directly (the services make them
    through the application journey: ``directory.casereviews.services``)."""

    hub = factory.LazyFunction(the_default_hub)
    status = Status.RECEIVED
    applicant_name = "Sam Applicant"
    contact_email = "applicant@example.org"
    what_happened = "Shouting and drinking outside my home every night."
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))

    class Meta:
        model = CaseReview
