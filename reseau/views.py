"""Account pages, the health probe, the map outlines, the commune application and manager recruitment."""

import sys
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.gzip import gzip_page

from reseau import recruitment
from reseau.applications import CommuneApplicationForm, commune_label, search_communes, submit_application
from reseau.models import CommuneApplication, ManagerApplication, Member

APPLICATION_SESSION_KEY = "candidature"


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


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a French page, rendered without the database (no request context). A database that cannot
    be reached or is overloaded (Operational/InterfaceError: refused or cut connections, a server starting or
    stopping, timeouts) gives a 503 with Retry-After: the app reconnects by itself once it is back
    (CONN_HEALTH_CHECKS), nobody has to restart it. Other errors, bugs included, stay a 500."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@gzip_page
@cache_control(public=True, max_age=86_400)
def department_outlines(request: HttpRequest) -> FileResponse:
    """The departments' outlines (IGN, simplified) for the maps, served from the reference data."""
    path = settings.GEO_DATA_DIR / "departements.geojson"
    if not path.exists():
        raise Http404("Contours des départements absents.")
    return FileResponse(path.open("rb"), content_type="application/geo+json")


@never_cache
def application(request: HttpRequest) -> HttpResponse:
    """/candidature/: the mayor's form; errors shown next to each field, everything typed kept."""
    if request.method == "POST":
        form = CommuneApplicationForm(request.POST)
        if form.is_spam:
            return redirect("reseau:candidature-merci")
        if form.is_valid():
            stored, _created = submit_application(form)
            request.session[APPLICATION_SESSION_KEY] = stored.pk
            return redirect("reseau:candidature-merci")
    else:
        form = CommuneApplicationForm(initial={"token": uuid.uuid4()})
    return render(
        request,
        "reseau/application_form.html",
        {
            "form": form,
            "max_population": settings.CAFE_MAX_POPULATION,
            "population_year": settings.POPULATION_YEAR,
        },
    )


@never_cache
def application_thanks(request: HttpRequest) -> HttpResponse:
    """Where the form leads: the application this browser just sent, and what happens next."""
    pk = request.session.get(APPLICATION_SESSION_KEY)
    stored = (
        CommuneApplication.objects.select_related("commune__department").filter(pk=pk).first() if pk else None
    )
    return render(request, "reseau/application_thanks.html", {"application": stored})


@cache_control(public=True, max_age=3600)
def commune_suggestions(request: HttpRequest) -> JsonResponse:
    """Real communes for the application form's autocomplete, with their eligibility (small JSON)."""
    communes = search_communes(request.GET.get("q", ""))
    return JsonResponse(
        {
            "communes": [
                {
                    "insee": commune.insee,
                    "label": commune_label(commune),
                    "department": f"{commune.department.name} ({commune.department.code})",
                    "population": commune.population,
                    "eligible": commune.is_eligible,
                }
                for commune in communes
            ],
            "max_population": settings.CAFE_MAX_POPULATION,
        }
    )


RECRUITMENT_SESSION_KEY = "candidature-gerant"


@never_cache
def positions(request: HttpRequest) -> HttpResponse:
    """/devenir-gerant/: the cafés looking for their manager, on a map and in a list, filtered by region."""
    context = recruitment.positions_context(request, reverse("reseau:devenir-gerant-candidater"))
    return render(request, "reseau/recruitment/positions.html", context)


@never_cache
def manager_application(request: HttpRequest) -> HttpResponse:
    """/devenir-gerant/candidater/: no account needed; errors next to each field, everything typed kept."""
    if request.method == "POST":
        form = recruitment.ManagerApplicationForm(request.POST, request.FILES)
        if form.is_spam:
            return redirect("reseau:devenir-gerant-merci")
        if form.is_valid():
            stored, _created = recruitment.submit_application(form)
            request.session[RECRUITMENT_SESSION_KEY] = stored.pk
            return redirect("reseau:devenir-gerant-merci")
    else:
        form = recruitment.ManagerApplicationForm(
            initial={"token": uuid.uuid4(), "positions": request.GET.getlist("poste")}
        )
    return render(
        request,
        "reseau/recruitment/application_form.html",
        {"form": form, "cv_max_mb": settings.RECRUITMENT_CV_MAX_BYTES // 1_048_576},
    )


@never_cache
def manager_application_thanks(request: HttpRequest) -> HttpResponse:
    """Where the form leads: what this browser just sent (never anyone else's), and what happens next."""
    pk = request.session.get(RECRUITMENT_SESSION_KEY)
    stored = (
        ManagerApplication.objects.prefetch_related("choices__position__cafe").filter(pk=pk).first()
        if pk
        else None
    )
    return render(request, "reseau/recruitment/thanks.html", {"application": stored})
