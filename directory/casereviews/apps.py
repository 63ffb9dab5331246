from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseReviewsConfig(AppConfig):
    name = "directory.casereviews"
    label = "casereviews"
    verbose_name = _("ASB Case Reviews")
