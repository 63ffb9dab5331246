"""Two-factor authentication (django-allauth's mfa app): secrets encrypted at rest.

allauth stores each TOTP secret and recovery-code seed in ``Authenticator.data`` and passes it through the
adapter's ``encrypt``/``decrypt``. Here they are Fernet tokens (AES-128-CBC with HMAC-SHA256) under a key
derived with HKDF from ``MFA_ENCRYPTION_KEY`` (or SECRET_KEY when that is unset, which production refuses), so
a copy of the database alone gives no one a working second factor.

When no configured key opens a stored secret (the key changed without the old one kept after it), the person
is told so, never shown a server error: on allauth's code forms as a form error, on the pages that read the
secrets to show them (recovery codes, the two-factor overview) as a page of its own.
"""

import base64
import logging
from functools import lru_cache

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.staff_access import is_hub_staff

logger = logging.getLogger(__name__)

HKDF_INFO = b"hubportal mfa secrets v1"


def derive_fernet_key(material):
    """A Fernet key from any secret string: HKDF-SHA256, 32 bytes, url-safe base64."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(material.encode())
    return base64.urlsafe_b64encode(key)


@lru_cache(maxsize=4)
def _cipher(keys):
    return MultiFernet([Fernet(derive_fernet_key(key)) for key in keys])


def cipher():
    """The first key encrypts; every configured key decrypts (rotation)."""
    keys = tuple(settings.MFA_ENCRYPTION_KEYS) or (settings.SECRET_KEY,)
    return _cipher(keys)


class UndecryptableSecret(ValidationError):
    """No configured key opens a stored secret. A ValidationError, so allauth's code forms show it as the
    error of the code field; raised anywhere else it reaches UndecryptableSecretMiddleware."""


class EncryptedMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("The code is not right. Enter the 6-digit code your authenticator app shows now."),
        "cannot_delete_authenticator": _("Staff accounts must keep two-factor authentication."),
        "undecryptable": _(
            "Your authenticator could not be checked. Contact the hub so that they can set up two-factor "
            "authentication for you again."
        ),
    }

    def encrypt(self, text):
        return cipher().encrypt(text.encode()).decode("ascii")

    def decrypt(self, encrypted_text):
        """The secret; a ValidationError (shown on the code form) when no configured key opens it."""
        try:
            return cipher().decrypt(encrypted_text.encode("ascii")).decode()
        except InvalidToken:
            # Nothing about the person: whoever reads the log needs to know the keys changed, not who noticed.
            logger.error(
                "A two-factor secret could not be decrypted with the configured keys: MFA_ENCRYPTION_KEY (or "
                "SECRET_KEY, when that is unset) has changed without the old key kept after the new one."
            )
            raise UndecryptableSecret(self.error_messages["undecryptable"], code="undecryptable") from None

    def can_delete_authenticator(self, authenticator):
        """Staff keep their authenticator app while two factors are required of them."""
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        return not (settings.STAFF_REQUIRE_2FA and is_hub_staff(authenticator.user))


class UndecryptableSecretMiddleware:
    """A page that failed on a secret no key opens (the recovery codes, the two-factor overview) says so and
    who can reset it, instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UndecryptableSecret):
            return None
        # 409, not 500: nothing is broken in the code; the stored secret and the configured keys disagree.
        response = render(request, "mfa/undecryptable.html", status=409)
        # decrypt() logged it once, without the person; Django would log the path as well.
        response._has_been_logged = True
        return response
