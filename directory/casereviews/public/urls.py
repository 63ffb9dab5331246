from django.urls import path

from . import figures_views, status_views, views

app_name = "casereviews"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check_answers, name="check"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("status/<str:token>/", status_views.application_status, name="status"),
    path("<slug:step>/", views.question, name="question"),
]

# "What residents are told": the hub's published figures, at their own address (see portal/urls.py).
figures_urlpatterns = [
    path("", figures_views.residents_figures, name="figures"),
    path("case-reviews.csv", figures_views.case_review_figures_csv, name="figures_csv"),
]
