"""Secrets in links and the references people read out: one way to make, store and find each.

A link's token is 256 random bits (or derived by HMAC from a submission key, so a repeated submission finds the
same one); only its SHA-256 is stored, and a lookup compares digests in constant time. A reference is random, not
a sequence, in an alphabet that survives being read out on the phone.
"""

import base64
import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L or U (U is misheard as V and W): easy to read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# Longer than any token this site makes: a longer one is refused before it is hashed.
MAX_TOKEN_LENGTH = 128


def new_token():
    """A 256-bit secret for a private link."""
    return secrets.token_urlsafe(32)


def derived_token(purpose, key):
    """The token for ``key`` (a secret, random submission key) under SECRET_KEY: the same key derives the same
    token, and nobody without SECRET_KEY can."""
    digest = salted_hmac(purpose, key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token, digest):
    return bool(token and digest) and hmac.compare_digest(hash_token(token), digest)


def find_by_token(queryset, field, token):
    """The one object of ``queryset`` whose ``field`` holds the digest of ``token``, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    digest = hash_token(token)
    found = queryset.filter(**{field: digest}).first()
    if found is None or not hmac.compare_digest(getattr(found, field), digest):
        return None
    return found


def new_reference(prefix, *groups):
    """A random reference such as ``BK-7KQ2M9XD`` (groups 8) or ``HUB-7KQ2-M9XD`` (groups 4, 4)."""
    parts = ["".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length)) for length in groups]
    return "-".join([prefix, *parts])
