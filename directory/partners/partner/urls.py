from django.urls import path

from . import account_views, views

app_name = "partners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/<id:organisation_id>/", views.edit_organisation, name="edit_organisation"),
    path("organisations/<id:organisation_id>/confirm/", views.confirm_details, name="confirm_details"),
    path("organisations/<id:organisation_id>/services/add/", views.add_service, name="add_service"),
    path("organisations/<id:organisation_id>/services/<id:service_id>/", views.edit_service, name="edit_service"),
    path(
        "organisations/<id:organisation_id>/services/<id:service_id>/remove/",
        views.remove_service,
        name="remove_service",
    ),
    path("invitation/<str:token>/", account_views.accept_invitation, name="accept_invitation"),
]
