from django.urls import path

from . import status_views

app_name = "referrals"

urlpatterns = [
    path("status/<str:token>/", status_views.report_status, name="status"),
]
