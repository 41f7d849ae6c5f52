"""Tests: fast hashing, mail kept in memory, media in a throwaway folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="reseau-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="reseau-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "reseau.static_files.StaticFiles"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off, so that a test sees the data it just wrote; tests/reseau/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# Off for the same reason; tests/search/test_search_cache.py turns it on.
SEARCH_CACHE_SECONDS = 0
# Whitenoise serves straight from the static folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Under pytest-xdist each worker gets its own Redis key space: one worker's clean-up never empties another's.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    CACHES["default"]["KEY_PREFIX"] = f"{CACHES['default'].get('KEY_PREFIX', '')}-{_worker}"  # noqa: F405
    if "CONFIG" in CHANNEL_LAYERS["default"]:  # noqa: F405
        CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += f"-{_worker}"  # noqa: F405
