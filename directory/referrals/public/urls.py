from django.urls import path

from . import status_views
from . import views as report_views

app_name = "referrals"

urlpatterns = [
    path("", report_views.start, name="start"),
    path("check/", report_views.check_answers, name="check"),
    path("confirmation/", report_views.confirmation, name="confirmation"),
    path("status/<str:token>/", status_views.report_status, name="status"),
    path("<slug:step>/", report_views.question, name="question"),
]
