import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only; production refuses such keys)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once (after commit, for emails) so tests read mail.outbox; tests/portal/test_worker.py uses the
# database queue and the real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PAGECACHE_HITS_SECONDS = 0  # searches served from the page cache are logged at once
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.database"}}
MEDIA_ROOT = BASE_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A file, not SQLite's in-memory database: concurrency tests need real connections from several threads.
# One file per test process, so parallel runs (and xdist workers) never share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"hubportal-test-{os.getpid()}.sqlite3")
    }
# Staff two-factor enforcement stays on in tests: staff fixtures get an activated authenticator instead.
STAFF_REQUIRE_2FA = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
