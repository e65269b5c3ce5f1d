"""Settings shared by every environment. The environment is read here and nowhere else."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("BUNDEL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return default if value is None else [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("BUNDEL_SECRET_KEY", "")
DEBUG = env_bool("BUNDEL_DEBUG", False)
ALLOWED_HOSTS = env_list("BUNDEL_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("BUNDEL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "bundel.shared",
    "bundel.accounts",
    "bundel.registry",
    "bundel.membership",
    "bundel.governance",
    "bundel.billing",
    "bundel.catalog",
    "bundel.procurement",
    "bundel.web",
    "bundel.api",
    "bundel.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bundel.web.middleware.DutchFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bundel.web.context_processors.navigation",
            ],
        },
    }
]

# SQLite is the embedded default so that a first run needs no server; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'bundel.sqlite3'}",
        conn_max_age=int(os.environ.get("BUNDEL_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("BUNDEL_STATIC_ROOT", BASE_DIR / "staticfiles"))
# NL Design System (Utrecht) and htmx come from npm (package.json) and are never committed.
STATICFILES_DIRS = [
    ("vendor/utrecht/components", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    ("vendor/utrecht/tokens", BASE_DIR / "node_modules/@utrecht/design-tokens/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("BUNDEL_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Development prints mail on the console; production sets the SMTP backend and its server.
EMAIL_BACKEND = os.environ.get(
    "BUNDEL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("BUNDEL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BUNDEL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("BUNDEL_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BUNDEL_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("BUNDEL_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("BUNDEL_EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")  # with the file backend
DEFAULT_FROM_EMAIL = os.environ.get("BUNDEL_FROM_EMAIL", "Bundel <noreply@bundel.example>")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bundel.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "1200/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bundel API",
    "DESCRIPTION": "The API of Bundel, the operating platform of an ICT purchasing cooperative "
    "of Dutch school boards. A member representative only ever sees its own board.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ImportRunStatusEnum": "bundel.registry.models.ImportRun.Status",
        "ChamberEnum": "bundel.registry.models.ChamberChoices",
        "SizeClassEnum": "bundel.registry.models.SizeClassChoices",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BUNDEL_LOG_LEVEL", "WARNING")},
}

# Staff addresses that hear of applications, notices and settlements.
BUNDEL_STAFF_EMAILS = env_list("BUNDEL_STAFF_EMAILS", ["leden@bundel.example"])

# How long an invitation to become a member representative stays valid.
BUNDEL_INVITATION_VALID_DAYS = int(os.environ.get("BUNDEL_INVITATION_VALID_DAYS", "30"))

# `bundel demo` creates accounts with a published password: never in production.
BUNDEL_DEMO_ALLOWED = env_bool("BUNDEL_DEMO_ALLOWED", True)

# The spec's [setting]s (cooperative.md). Each context's policies.py reads its part into frozen
# dataclasses; an environment may override any value in its own settings module. See ADR 0003.
BUNDEL_POLICIES: dict[str, dict[str, object]] = {
    "registry": {
        # REG-4: school type → sector. DUO's PO files: BAO, SBO, SO, VSO (and the history file's
        # undivided "SO/VSO"); DUO's VO files: VO.
        "sector_of_school_type": {
            "BAO": "PO",
            "SBO": "PO",
            "SO": "PO",
            "VSO": "PO",
            "SO/VSO": "PO",
            "VO": "VO",
        },
        # REG-5: the sector councils' thresholds for a small board (inclusive).
        "small_board_max_students": {"PO": 1000, "VO": 3500},
    },
    "governance": {
        "seats": {"PO_GROOT": 10, "VO_GROOT": 10, "COMBINATIE": 8, "KLEIN": 6},  # GOV-2
        "max_term_years": 4,  # GOV-3
        "max_consecutive_terms": 2,  # GOV-3: one consecutive re-appointment
        "own_chamber_only": True,  # GOV-4
        "chambers_needed": 3,  # GOV-5: of the 4 chambers
        "abstentions_are_votes_cast": False,  # GOV-5
        "max_proxies_per_holder": 2,  # GOV-6
        "executive_board_size": 5,  # GOV-8
        "executive_term_years": 4,  # GOV-8
        "supervisory_board_min": 3,  # GOV-9
        "supervisory_board_max": 5,  # GOV-9
    },
    "billing": {
        # FEE-4: VAT per kind of fee; staff may override each in the billing settings.
        "vat": {
            "membership_fee": {
                "category": "E",
                "percent": "0",
                "exemption_reason": "Ledencontributie, vrijgesteld van btw",
            },
            "purchase_fee": {"category": "S", "percent": "21"},
            "service_fee": {"category": "S", "percent": "21"},
        },
        "payment_term_days": 30,
    },
    "procurement": {
        "intent_horizon_years": 3,  # TEN-1
        "score_decimals": 2,  # TEN-5
        "ocds_prefix": "ocds-bundel-",  # TEN-7: the OCDS id prefix (register one with OCP)
        "ocds_base_uri": "https://bundel.example/ocds/",  # TEN-7: where packages are published
    },
    "membership": {
        "founding_date": "2018-01-01",  # MEM-2: no membership starts before it
        "notice_months": {"member": 12, "cooperative": 6},  # MEM-4
        "eligibility": "students_in_register",  # MEM-1
        "reject_swv": True,  # MEM-1: samenwerkingsverbanden are under review
        "pro_rata": True,  # FEE-1: pro rata by day for a partial year (else the whole year)
        # FEE-1: the default table of bands; staff set a year's own bands as a FeeSchedule.
        "fee_bands": [
            {"max_students": 1000, "amount": "1000.00"},
            {"max_students": None, "amount": "2800.00"},
        ],
    },
}
