"""One way to make each kind of user: a plain user, hub staff in a group, a superuser, a partner of organisations.

Staff must use two-factor authentication, so ``staff_user``, ``hub_editor``, ``hub_coordinator``,
``safeguarding_lead`` and ``superuser`` give the user an activated authenticator app unless ``totp=False``.
Every user is made with ``create_user`` (its password hashed, its email normalised); the password is
``PASSWORD`` unless given.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from tests.support import activate_totp

from .hubs import the_default_hub
from .partners import PartnerMembershipFactory

PASSWORD = "x"


class UserFactory(factory.django.DjangoModelFactory):
    """A plain user: no group, no membership, no authenticator app.

    ``groups`` takes group names (the groups the migrations create); ``totp=True`` activates an authenticator
    app; the ``superuser`` trait makes a superuser.
    """

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = PASSWORD

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_user(*args, **kwargs)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*(Group.objects.get(name=name) for name in extracted))

    @factory.post_generation
    def totp(user, create, extracted, **kwargs):
        if create and extracted:
            activate_totp(user)


def staff_user(group_name=None, *, totp=True, hubs=None, **fields):
    """A member of hub staff in the role group ``group_name`` (or in none), with an authenticator app, working for
    ``hubs`` (the default hub unless given; editors join each hub's editors' group, everyone else its staff group)."""
    user = UserFactory(groups=[group_name] if group_name else [], totp=totp, **fields)
    for hub in [the_default_hub()] if hubs is None else hubs:
        (hub.editors_group if group_name == HUB_EDITORS else hub.staff_group).user_set.add(user)
    return user


def hub_editor(**fields):
    return staff_user(HUB_EDITORS, **fields)


def hub_coordinator(**fields):
    return staff_user(HUB_COORDINATORS, **fields)


def safeguarding_lead(**fields):
    return staff_user(HUB_SAFEGUARDING_LEADS, **fields)


def superuser(*, totp=True, **fields):
    return UserFactory(superuser=True, totp=totp, **fields)


def partner_of(*organisations, **fields):
    """A partner: a user with a membership of each of ``organisations`` (no group, no authenticator app)."""
    user = UserFactory(**fields)
    for organisation in organisations:
        PartnerMembershipFactory(user=user, organisation=organisation)
    return user
