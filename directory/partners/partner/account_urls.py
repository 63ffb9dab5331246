"""The partner account pages: the invitation link. Included from directory/partners/urls.py."""

from django.urls import path

from . import account_views

urlpatterns = [
    path("invitation/<str:token>/", account_views.accept_invitation, name="accept_invitation"),
]
