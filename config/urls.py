"""URLs: the Django-routed sections first, then Wagtail serves every page (see docs/ARCHITECTURE.md)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

handler500 = "reseau.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("reseau.account_urls")),
    path("", include("reseau.urls")),
    path("", include("producteurs.urls")),
    path("", include("recettes.urls")),
    path("", include("evenements.urls")),
    path("", include("forum.urls")),
    path("", include("consultations.urls")),
    path("", include("search.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^media/(?!(?:{'|'.join(settings.PRIVATE_MEDIA_DIRS)})/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]
