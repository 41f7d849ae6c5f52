"""Development: `make run` on embedded defaults (SQLite, in-memory channel layer, database search)."""

from config import env

from .base import *  # noqa: F403

DEBUG = env.flag("DEBUG", True)
# Templates being edited show at once; the benchmarks turn the anonymous page cache on to measure it.
PAGE_CACHE_SECONDS = env.integer("PAGE_CACHE_SECONDS", 0)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")  # noqa: S105
# Whitenoise serves straight from the static folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The embedded SQLite file, media and collected static files live in var/ (ignored by git).
(BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
