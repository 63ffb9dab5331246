"""Settings shared by every environment. Values that differ come from portal.env."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str
from portal.search.config import wagtailsearch_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
# ".localhost": each hub of the demo on its own host name (westfield.localhost), which resolves to this machine.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost"])
# How many reverse proxies in front of the site append to X-Forwarded-For (0: trust none).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "home",
    "programmes",
    "bookings",
    "directory",
    "directory.partners",
    "directory.referrals",
    "directory.tasking",
    "directory.casereviews",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, authentication and CSRF work, which a cached public page does not need.
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.staff_access.StaffAccessMiddleware",
    "portal.account_pages.NoStoreAccountPagesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.mfa.UndecryptableSecretMiddleware",
    "portal.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# How long a request waits for a database lock, or for a connection, before it gives up and the person is
# answered "try again" with their answers kept (portal.unavailable), instead of waiting on a busy database.
DATABASE_LOCK_TIMEOUT = env_int("DATABASE_LOCK_TIMEOUT", 5)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)

# SQLite is the embedded default. IMMEDIATE transactions take the write lock at BEGIN,
# so two writers queue on the lock instead of failing half-way with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": DATABASE_LOCK_TIMEOUT,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _pg_options["options"] = f"{_pg_options.get('options', '')} -c lock_timeout={DATABASE_LOCK_TIMEOUT}s".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Work that talks to outside services runs in a worker (`manage.py db_worker`), never in a web request:
# sending emails, and Wagtail's search-index, reference-index and image tasks. The queue is a database table.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hubportal"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages kept in the cache for anonymous visitors and invalidated on every change (portal/pagecache.py):
# at most PAGECACHE_SECONDS old, served while a rebuild holds its PAGECACHE_LOCK_SECONDS lock.
PAGECACHE_ENABLED = env_bool("PAGECACHE_ENABLED", True)
PAGECACHE_SECONDS = env_int("PAGECACHE_SECONDS", 300)
PAGECACHE_LOCK_SECONDS = env_int("PAGECACHE_LOCK_SECONDS", 3)
# The views whose anonymous answers are cached: Wagtail's pages, the site search, the directory, the figures.
PAGECACHE_VIEWS = ["wagtail_serve", "search", "directory:index", "directory:organisation", "residents:figures"]
# Searches answered from the cache are counted in each process and logged together at most this often (seconds).
PAGECACHE_HITS_SECONDS = env_int("PAGECACHE_HITS_SECONDS", 10)
# A CDN or reverse proxy in front (Varnish, nginx): the address Wagtail sends PURGE requests to when a page
# changes (wagtail.contrib.frontend_cache); none by default. Several comma-separated, one per proxy.
FRONTEND_CACHE_PURGE_URLS = env_list("FRONTEND_CACHE_PURGE_URL")
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
    for number, url in enumerate(FRONTEND_CACHE_PURGE_URLS, start=1)
}
# Cache-Control of a cached page: browsers keep it a few seconds (nothing purges them); a shared cache keeps it
# longer only when purges reach it.
PAGECACHE_BROWSER_SECONDS = env_int("PAGECACHE_BROWSER_SECONDS", 5)
PAGECACHE_CDN_SECONDS = env_int("PAGECACHE_CDN_SECONDS", 300 if WAGTAILFRONTENDCACHE else PAGECACHE_BROWSER_SECONDS)

# Search: Wagtail's database index, and a search server's when SEARCH_URL is set (ELASTICSEARCH_* still read).
SEARCH_URLS = env_list("SEARCH_URL") or env_list("ELASTICSEARCH_URL")
WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
    backend=env_str("SEARCH_BACKEND", "elasticsearch9" if SEARCH_URLS else "database"),
    urls=SEARCH_URLS,
    index_prefix=env_str("SEARCH_INDEX_PREFIX") or env_str("ELASTICSEARCH_INDEX_PREFIX", "hubportal_"),
    timeout=env_int("SEARCH_TIMEOUT", env_int("ELASTICSEARCH_TIMEOUT", 10)),
    search_timeout=env_int("SEARCH_QUERY_TIMEOUT", 3),
    retry_seconds=env_int("SEARCH_RETRY_SECONDS", 30),
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "collected-static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every email, the portal's and any library's, goes through the outbox: a request only writes it to the database;
# the task worker delivers it through OUTBOX_DELIVERY_BACKEND, which the environment's EMAIL_BACKEND names.
EMAIL_BACKEND = "portal.outbox.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Local Focus Hub <no-reply@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Local Focus Hub")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILSEARCH_HITS_MAX_AGE = 14
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's default avatar sends each staff member's email hash to gravatar.com, a third party (and the admin's
# CSP would block the image anyway): staff get Wagtail's blank avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]

BOOKING_OFFER_HOURS = env_int("BOOKING_OFFER_HOURS", 48)
BOOKING_REMINDER_DAYS = env_int("BOOKING_REMINDER_DAYS", 3)
BOOKING_CHANGE_QUIET_MINUTES = env_int("BOOKING_CHANGE_QUIET_MINUTES", 5)
BOOKING_RETENTION_MONTHS = env_int("BOOKING_RETENTION_MONTHS", 12)
BOOKING_RATE_LIMIT = env_int("BOOKING_RATE_LIMIT", 20)
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)

# Open Referral UK addresses need a county or nation; the directory does not store one per address.
OPEN_REFERRAL_STATE_PROVINCE = env_str("OPEN_REFERRAL_STATE_PROVINCE", "England")
DIRECTORY_REVIEW_MONTHS = env_int("DIRECTORY_REVIEW_MONTHS", 12)

REFERRAL_REVIEW_DAYS = env_int("REFERRAL_REVIEW_DAYS", 28)
REFERRAL_RETENTION_MONTHS = env_int("REFERRAL_RETENTION_MONTHS", 24)
REPORT_RATE_LIMIT = env_int("REPORT_RATE_LIMIT", 10)
REPORT_MIN_SECONDS = env_int("REPORT_MIN_SECONDS", 5)
CASE_REVIEW_RATE_LIMIT = env_int("CASE_REVIEW_RATE_LIMIT", 5)
# Published figures: a count below this is shown as "fewer than N" (portal/disclosure.py).
FIGURES_SUPPRESSION_THRESHOLD = env_int("FIGURES_SUPPRESSION_THRESHOLD", 5)

SITE_ID = 1

# Accounts: partners sign in by email (django-allauth), by invitation only; hub staff use the same login
# for the Wagtail admin and must have two-factor authentication.
ACCOUNT_ADAPTER = "portal.accounts.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
# How pages and messages name the signed-in person: the name they gave, else their email (never the username
# the invitation made up).
ACCOUNT_USER_DISPLAY = "portal.accounts.display_name"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env_int("ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS", 3)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# allauth's defaults, with failed sign-ins limited harder: per address per minute, per account per 15 minutes.
# allauth reads the client address from REMOTE_ADDR, which TrustedProxyMiddleware has already corrected.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("ACCOUNT_LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/15m/key"),
    "reset_password": env_str("ACCOUNT_RESET_PASSWORD_RATE_LIMIT", "20/m/ip,5/m/key"),
}
MFA_ADAPTER = "portal.mfa.EncryptedMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", WAGTAIL_SITE_NAME)
MFA_TOTP_TOLERANCE = 1
# TOTP secrets and recovery-code seeds are encrypted with a key derived from this (or SECRET_KEY when unset).
# Comma-separated: the first key encrypts, every key decrypts, so keys can be rotated.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEY")
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", True)
PARTNER_INVITATION_DAYS = env_int("PARTNER_INVITATION_DAYS", 7)

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/partners/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Addresses are allauth's (verified before use); Wagtail's account page would change them unverified.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin uses inline scripts and styles and frames its own previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_URL_PREFIXES = ("/admin/",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Search clients log every request at INFO, and their bodies (what people search for) at DEBUG.
        "elastic_transport": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
    },
}
