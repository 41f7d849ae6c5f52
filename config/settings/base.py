"""Settings shared by every environment; dev, test and production start from here."""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

SECRET_KEY = env.get("SECRET_KEY")
DEBUG = env.flag("DEBUG", False)
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# The network's own apps, in the order their demo content is loaded (see reseau.demo).
LOCAL_APPS = [
    "reseau",
    "producteurs",
    "recettes",
    "evenements",
    "forum",
    "ressources",
    "consultations",
    "search",
]

INSTALLED_APPS = [
    "daphne",
    *LOCAL_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "reseau.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' copies of Wagtail pages (reseau.page_cache), below the security headers.
    "reseau.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

# Django's widget templates, with the plain widgets written by Python (reseau/form_renderer.py).
FORM_RENDERER = "reseau.form_renderer.QuickWidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "reseau.context_processors.network",
                "forum.context_processors.forum",
            ],
        },
    },
]

# Content-Security-Policy on every response: scripts and styles from our own origin only (a nonce for the
# rare inline script), nothing embeddable elsewhere. Wagtail's admin relies on inline scripts and styles and
# gets its own, looser policy (reseau.middleware.ADMIN_CSP).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {"default": env.database(str(BASE_DIR / "var" / "db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.redis_url()
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache with one connection pool per process, not one per websocket (reseau.cache).
            "BACKEND": "reseau.cache.SharedPoolRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "reseau"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Pub/sub: one PUBLISH per broadcast, fanned out inside each worker (docs/ARCHITECTURE.md, "Chat");
    # channels_redis' layer that can also unsubscribe a closed connection's channel (reseau.channel_layer).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "reseau.channel_layer.PubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env.get("CHANNEL_LAYER_PREFIX", "asgi")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Anonymous visitors' copies of public Wagtail pages live this long at most (0: no page cache); publishing any
# page makes every copy stale at once (reseau.page_cache). Off in development and tests, on in production.
PAGE_CACHE_SECONDS = env.integer("PAGE_CACHE_SECONDS", 120)
# Search answers are kept this long at most (0: not kept), per audience and index version (search.engine). On
# by default only with Redis: a process's own memory would not see another process write the index.
SEARCH_CACHE_SECONDS = env.integer("SEARCH_CACHE_SECONDS", 120 if REDIS_URL else 0)

ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = env.get("ELASTICSEARCH_INDEX", "reseau")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX,
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # French and accent-proof: created by search/migrations/0002_french_full_text.py.
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "fr_unaccent"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Django's ModelBackend, with each request's user read by a query compiled once per process.
AUTHENTICATION_BACKENDS = ["reseau.auth_backend.UserBackend"]
LOGIN_URL = "compte:connexion"
# Pages an editor restricts to signed-in users (Wagtail's "privacy" setting) send visitors to the same page.
WAGTAIL_FRONTEND_LOGIN_URL = "/compte/connexion/"
# Failed logins allowed per account and per address before a lock-out of LOGIN_LOCKOUT_SECONDS.
LOGIN_ATTEMPTS_PER_ACCOUNT = 5
LOGIN_ATTEMPTS_PER_ADDRESS = 20
LOGIN_LOCKOUT_SECONDS = 15 * 60
# Behind the production front server, the visitor's address is the last one of X-Forwarded-For.
USE_X_FORWARDED_FOR = env.flag("USE_X_FORWARDED_FOR", False)
LOGIN_REDIRECT_URL = "compte:profil"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "reseau.static_files.StaticFiles"},
}
STATIC_ROOT = BASE_DIR / "var" / "static"
# Leaflet comes from npm (package.json, pinned) and is served as our own static files, never from a CDN.
STATICFILES_DIRS = [SITE_DIR / "static", ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
SERVE_MEDIA = env.flag("SERVE_MEDIA", True)
# Parts of MEDIA_ROOT served only by views that check who asks (documents, forum attachments): never under
# MEDIA_URL, neither by Django (SERVE_MEDIA) nor by the front server (see README, Déploiement).
PRIVATE_MEDIA_DIRS = ("documents", "forum")
# Files that must never have a public URL (candidates' CVs): outside MEDIA_ROOT, served by checked views only.
PRIVATE_MEDIA_ROOT = Path(env.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Réseau 1000 cafés <ne-pas-repondre@1000cafes.invalid>")

WAGTAIL_SITE_NAME = "Réseau 1000 cafés"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar in the admin: it would tell a third party who works there, and the admin's CSP blocks it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "odt", "ods", "docx", "xlsx", "txt"]
# Documents are checked by content (reseau.uploads) and always served through Wagtail's view, which asks
# reseau.access (members-only unless in the public collection) and sends them inert; never from MEDIA_URL.
# A contract's documents also follow their contract (ressources.wagtail_hooks).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "reseau.document_form.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# The reference geography (see ../shared/data/README.md); the import command takes another path or URL.
GEO_DATA_DIR = Path(env.get("GEO_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
# The network's eligibility rule: communes under this many inhabitants (INSEE population municipale).
CAFE_MAX_POPULATION = 3500
POPULATION_YEAR = 2021
# Recruiting café managers (/devenir-gerant/): a candidate living within this distance of a café is "local"
# and listed first; applications older than the retention are anonymised; CVs are PDFs up to this size.
RECRUITMENT_LOCAL_KM = 30
RECRUITMENT_RETENTION_DAYS = 2 * 365
RECRUITMENT_CV_MAX_BYTES = 3 * 1024 * 1024
# The inhabitants' consultations: the confirmation link's life, the communes offered around the café, and
# the flood limits (answers per address, confirmation e-mails per person, per window).
CONSULTATION_CONFIRM_DAYS = 7
CONSULTATION_NEARBY_KM = 12
CONSULTATION_ANSWERS_PER_ADDRESS = 10
CONSULTATION_MAILS_PER_ADDRESS = 3
CONSULTATION_THROTTLE_SECONDS = 3600
# Maps draw the departments' outlines with no tile server; a tile URL, when set, adds a base layer.
MAP_TILE_URL = env.get("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env.get("MAP_TILE_ATTRIBUTION")
if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(env.origin("MAP_TILE_URL", MAP_TILE_URL))
# Where the chat's JavaScript opens its websocket when /ws/ is served by another origin (see README).
WEBSOCKET_URL = env.get("WEBSOCKET_URL")
if WEBSOCKET_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"].append(env.origin("WEBSOCKET_URL", WEBSOCKET_URL))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}
