"""The demo's hub staff who take the steps its history is made of (data/hubs.json: a coordinator per hub)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.groups import HUB_COORDINATORS
from portal.hubs import default_hub

from .data import load


def demo_coordinator(hub=None):
    """The coordinator of ``hub`` (default: the default hub) who sends the demo's invitations and triages its
    referrals: in the coordinators' role group and the hub's staff group. It has no password: nobody signs in as
    them."""
    hub = hub or default_hub()
    facts = next((f for f in load("hubs")["hubs"] if f["slug"] == hub.slug), None)
    facts = facts["coordinator"] if facts else load("people")["coordinator"]
    User = get_user_model()
    user, created = User.objects.get_or_create(username=facts["username"], defaults=facts)
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS), hub.staff_group)
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached per instance
