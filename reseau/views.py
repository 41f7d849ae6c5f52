"""Account pages and the health probe."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

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
