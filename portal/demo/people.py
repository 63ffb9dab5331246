"""The demo's hub staff who take the steps its history is made of (data/people.json)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.groups import HUB_COORDINATORS

from .data import load


def demo_coordinator():
    """The hub coordinator who sends the demo's invitations and triages its referrals. It has no password:
    nobody signs in as them."""
    User = get_user_model()
    facts = load("people")["coordinator"]
    user, created = User.objects.get_or_create(username=facts["username"], defaults=facts)
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached per instance
