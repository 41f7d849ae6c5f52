"""Static file storages whose URLs are worked out once per process: `{% static %}` cost about a hundred
function calls each time (quoting, joining, and the manifest's lookup in production), three or four times a
page, for an answer that only changes with a deployment, which restarts the processes."""

from functools import lru_cache

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberedUrlsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = lru_cache(maxsize=512)(self.url)


class StaticFiles(RememberedUrlsMixin, StaticFilesStorage):
    pass


class CompressedManifestStaticFiles(RememberedUrlsMixin, CompressedManifestStaticFilesStorage):
    pass
