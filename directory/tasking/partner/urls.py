"""Partner tasking pages, mounted under /partners/ in the partners URL namespace."""

from django.urls import path

from . import views as partner_views

urlpatterns = [
    path("tasking/actions/<id:action_id>/", partner_views.update_action, name="tasking_action"),
    path("tasking/meetings/<id:meeting_id>/minutes.odt", partner_views.download_minutes, name="tasking_minutes"),
]
