"""Account pages, the health probe and the map outlines."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.gzip import gzip_page

from reseau.models import Member


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).select_related("cafe__commune").first()
    return render(request, "reseau/profile.html", {"member": member})


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the app answers and its database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"statut": "ok"})


@gzip_page
@cache_control(public=True, max_age=86_400)
def department_outlines(request: HttpRequest) -> FileResponse:
    """The departments' outlines (IGN, simplified) for the maps, served from the reference data."""
    path = settings.GEO_DATA_DIR / "departements.geojson"
    if not path.exists():
        raise Http404("Contours des départements absents.")
    return FileResponse(path.open("rb"), content_type="application/geo+json")
