"""Settings for marac, driven by environment variables.

SQLite is the zero-set-up default; DATABASE_URL switches to PostgreSQL. MARAC_ENV=production hardens the
deployment and refuses to start with the development secret key.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.getenv(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


MARAC_ENV = os.getenv("MARAC_ENV", "development")
PRODUCTION = MARAC_ENV == "production"

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
SECRET_KEY = os.getenv("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# The same bar as Django's deployment check (security.W009): long, varied, and not a generated placeholder.
if PRODUCTION and (
    SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured("MARAC_ENV=production needs its own random SECRET_KEY of at least 50 characters.")

# Demo only: this code passes the second sign-in step for every user (`make demo` sets 000000).
MARAC_DEMO_OTP_CODE = os.getenv("MARAC_DEMO_OTP_CODE", "").strip()
if PRODUCTION and MARAC_DEMO_OTP_CODE:
    raise ImproperlyConfigured("MARAC_DEMO_OTP_CODE is for the demo only and cannot be set when MARAC_ENV=production.")

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "marac.accounts.apps.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "marac",
    "marac.accounts",
    "marac.audit",
    "marac.access",
    "marac.agencies",
    "marac.people",
    "marac.risk",
    "marac.referrals",
    "marac.meetings",
    "marac.actions",
    "marac.idva",
    "marac.governance",
    "marac.circulation",
    "marac.notifications",
    "marac.transfers",
    "marac.pathways",
    "marac.incidents",
    "marac.linkage",
    "marac.duplicates",
    "marac.perpetrators",
    "marac.rfgv",
    "marac.matac",
    "marac.reports",
    "marac.duties",
    "marac.rights",
    "marac.glossary",
    "marac.api",
    "marac.webhooks",
    "marac.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "marac.access.middleware.ActorMiddleware",
    # Needs the actor (whose locality has a language) and must come before anything that writes a message.
    "marac.accounts.languages.LanguageMiddleware",
    "marac.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "marac.accounts.middleware.TwoFactorMiddleware",
    # Last, as django-axes asks: it turns a lock-out flagged during the request into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marac.urls"
WSGI_APPLICATION = "marac.wsgi.application"
ASGI_APPLICATION = "marac.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marac" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marac.access.context_processors.actor",
                "marac.navigation.nav_items",
                "marac.governance.context_processors.governance",
            ],
        },
    },
]
FORM_RENDERER = "marac.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.getenv("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The API's rate limits are counted in the cache. "memory" counts in each process alone, right for one process;
# "database" keeps the counts in a table every process and machine shares (made once by `manage.py createcachetable`).
MARAC_CACHE = os.getenv("MARAC_CACHE", "memory").strip()
if MARAC_CACHE == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "marac_cache"}}
elif MARAC_CACHE != "memory":
    raise ImproperlyConfigured(f"MARAC_CACHE is memory or database, not {MARAC_CACHE!r}.")
# How many proxies of our own (load balancers, reverse proxies) stand in front of the application: each adds the
# address it was reached from to X-Forwarded-For, and the client's address is read there (marac.access.middleware).
try:
    MARAC_TRUSTED_PROXIES = int(os.getenv("MARAC_TRUSTED_PROXIES", "0"))
except ValueError:
    MARAC_TRUSTED_PROXIES = -1
if MARAC_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("MARAC_TRUSTED_PROXIES is the number of proxies in front of marac: 0, 1, 2…")
# Optional: a read replica for the report pages (marac/db_routers.py, docs/operations.md). Off unless set.
MARAC_REPLICA_PATHS = env_list("MARAC_REPLICA_PATHS", "/reports/")
if os.getenv("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"].strip(), conn_max_age=int(os.getenv("CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the replica's tables from the primary's
    DATABASE_ROUTERS = ["marac.db_routers.ReportsToReplicaRouter"]
    # Last but django-axes (which must stay last): after every check of the request, around the view alone.
    MIDDLEWARE.insert(len(MIDDLEWARE) - 1, "marac.db_routers.ReplicaForReportsMiddleware")
# Behind PgBouncer in transaction mode a cursor cannot outlive its transaction: Django's server-side cursors (record
# linkage reads a locality's people through one) are then turned off (docs/operations.md).
if env_bool("MARAC_TRANSACTION_POOLING", False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL compiles a query to machine code (JIT) once its estimated cost passes `jit_above_cost`: on the national
# benchmark that spent 300 ms compiling a search that then ran in 60, and slowed the MATAC ranking (docs/operations.md).
# Its planner also prices a read at random 4 times a read in sequence, a default from spinning disks: that made it read
# all 15,600 actions of an agency to find its 500 not done rather than use their index (docs/operations.md). 1.1 suits
# a database on SSD or in memory; an empty value leaves the server's own.
_RANDOM_PAGE_COST = os.getenv("MARAC_POSTGRES_RANDOM_PAGE_COST", "1.1").strip()
try:
    if _RANDOM_PAGE_COST and not 0 < float(_RANDOM_PAGE_COST) < float("inf"):  # refuses "nan" too
        raise ValueError
except ValueError:
    raise ImproperlyConfigured(
        f"MARAC_POSTGRES_RANDOM_PAGE_COST is a positive number (1.1 for SSD), not {_RANDOM_PAGE_COST!r}."
    ) from None
for _database in DATABASES.values():
    if _database["ENGINE"] != "django.db.backends.postgresql":
        continue
    _session = [] if env_bool("MARAC_POSTGRES_JIT", False) else ["-c jit=off"]
    if _RANDOM_PAGE_COST:
        _session.append(f"-c random_page_cost={_RANDOM_PAGE_COST}")
    if _session:
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = " ".join([_options.get("options", ""), *_session]).strip()

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user name is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CSRF_FAILURE_VIEW = "marac.refusals.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Two-factor sign-in (django-otp): an authenticator app (TOTP) for every user, and single-use backup codes.
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "marac")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
MARAC_BACKUP_CODE_COUNT = 10

# Lock-out (django-axes): five failures, password or second step, for one user name from one address lock that
# pair out for 30 minutes. Keyed by both, so nobody can lock a colleague out from elsewhere by guessing.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "marac.accounts.views.locked_out_page"
AXES_CLIENT_IP_CALLABLE = "marac.access.middleware.client_ip"
# A correct password is only half of signing in: the second step resets the failures once it passes.
AXES_RESET_ON_SUCCESS = False
# Sign-ins are in our own audit trail; axes keeps only the failures it needs to lock people out.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Sign out after this many minutes without a request; a locality's own `idle_timeout_minutes` wins.
MARAC_IDLE_TIMEOUT_MINUTES = int(os.getenv("MARAC_IDLE_TIMEOUT_MINUTES", "30"))

LANGUAGE_CODE = "en-gb"
# Each language named in itself, so that whoever cannot read the current one still finds their own.
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
# One catalogue for the whole project: most strings are in project templates shared by every app, and translators
# work best on a single file per language.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "marac" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.getenv("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Everything comes from our own origin; no inline script or style anywhere (the QR code and charts are SVG markup).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# E-mail notices (marac.notifications) carry no personal data: they say that something is waiting in the
# application and link to it. Development prints them to the console; tests collect them in memory.
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.getenv("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.getenv("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "")
# Links in notices point here: the address people use to reach the application, without a trailing slash.
MARAC_SITE_URL = os.getenv("MARAC_SITE_URL", "").rstrip("/")
if PRODUCTION and not (DEFAULT_FROM_EMAIL and MARAC_SITE_URL):
    raise ImproperlyConfigured(
        "MARAC_ENV=production needs DEFAULT_FROM_EMAIL (the address notices come from) and MARAC_SITE_URL "
        "(the address their links point to)."
    )
DEFAULT_FROM_EMAIL = DEFAULT_FROM_EMAIL or "marac@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MARAC_SITE_URL = MARAC_SITE_URL or "http://127.0.0.1:8000"

# The REST API (marac.api, docs/api.md): bearer tokens of agencies' systems, or the pages' own signed-in session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "marac.api.authentication.ApiTokenAuthentication",
        "marac.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["marac.api.permissions.ScopeAndRulebook"],
    "DEFAULT_THROTTLE_CLASSES": ["marac.api.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_client": os.getenv("MARAC_API_RATE_PER_CLIENT", "600/minute"),
        "api_user": os.getenv("MARAC_API_RATE_PER_USER", "120/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "marac.api.schema.ApiSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "marac API",
    "DESCRIPTION": "Referrals, incidents and their imports, cases, actions, meetings and research, and people search "
    "for police and agency systems. See docs/api.md.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "marac.referrals.models.CaseStatus",
        "ActionStatusEnum": "marac.actions.models.ActionStatus",
        "MeetingStatusEnum": "marac.meetings.models.MeetingStatus",
        "ImportStatusEnum": "marac.incidents.models.ImportStatus",
    },
}
# A token's lifetime when issued, and how long a rotated token keeps working beside its replacement.
MARAC_API_TOKEN_LIFETIME_DAYS = int(os.getenv("MARAC_API_TOKEN_LIFETIME_DAYS", "90"))
MARAC_API_ROTATION_OVERLAP_HOURS = int(os.getenv("MARAC_API_ROTATION_OVERLAP_HOURS", "24"))
# Webhooks (marac.webhooks, docs/webhooks.md): how long a receiver has to answer, how many attempts a delivery gets,
# and the first wait between them (doubled after each failure).
MARAC_WEBHOOK_TIMEOUT_SECONDS = int(os.getenv("MARAC_WEBHOOK_TIMEOUT_SECONDS", "10"))
MARAC_WEBHOOK_MAX_ATTEMPTS = int(os.getenv("MARAC_WEBHOOK_MAX_ATTEMPTS", "12"))
MARAC_WEBHOOK_RETRY_BASE_SECONDS = int(os.getenv("MARAC_WEBHOOK_RETRY_BASE_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # django-axes narrates every sign-in at INFO; its warnings (failures, lock-outs) are the part worth keeping.
    "loggers": {"axes": {"level": os.getenv("AXES_LOG_LEVEL", "WARNING")}},
}
