from django.core.exceptions import ImproperlyConfigured

from portal.checks import account_protocol_problem, base_url_problem, cache_problem, mfa_key_problem
from portal.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False

_INSECURE_MARKERS = ("insecure", "changeme", "change-me", "dev-only", "test-only")


def _require_secret_key(value):
    if not value:
        raise ImproperlyConfigured("Production needs SECRET_KEY set to a long random value.")
    if len(value) < 50 or len(set(value)) < 5 or any(marker in value.lower() for marker in _INSECURE_MARKERS):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for production: use at least 50 random characters, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))'."
        )
    return value


SECRET_KEY = _require_secret_key(env_str("SECRET_KEY"))

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

if not env_bool("STAFF_REQUIRE_2FA", True):
    raise ImproperlyConfigured("Production requires two-factor authentication for staff: unset STAFF_REQUIRE_2FA.")
STAFF_REQUIRE_2FA = True
if any(len(key) < 32 for key in MFA_ENCRYPTION_KEYS):  # noqa: F405
    raise ImproperlyConfigured("MFA_ENCRYPTION_KEY needs at least 32 random characters per key.")

# Base settings fall back to what one machine needs (memory cache, links to 127.0.0.1); production refuses them.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL")
for _problem in (
    mfa_key_problem(MFA_ENCRYPTION_KEYS),  # noqa: F405
    cache_problem(CACHES),  # noqa: F405
    base_url_problem(WAGTAILADMIN_BASE_URL),
    account_protocol_problem(ACCOUNT_DEFAULT_HTTP_PROTOCOL),  # noqa: F405
):
    if _problem:
        raise ImproperlyConfigured(_problem)
