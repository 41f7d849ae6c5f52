"""The agenda, event pages, registration, the manager's tools and the iCalendar feeds (Django-routed).

Formats are Wagtail pages (evenements.models); what happens around dated events is here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from evenements import feeds, services
from evenements.forms import AgendaFilterForm, EventForm, FormatRunForm, RegistrationForm
from evenements.models import Event, EventFormatPage
from reseau import access
from reseau.json_ld import json_ld_script
from reseau.models import CafePage

AGENDA_PAGE_SIZE = 30


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    """Upcoming events across the network, filtered by region and café."""
    form = AgendaFilterForm(request.GET or None)
    events = form.filter(Event.objects.upcoming())
    page = Paginator(events, AGENDA_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "evenements/agenda.html",
        {"form": form, "page_obj": page, "events": page.object_list, "query": query.urlencode()},
    )


def _event_or_404(pk: int) -> Event:
    return get_object_or_404(
        Event.objects.select_related("cafe__commune__department__region", "format", "run"), pk=pk
    )


def event_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """An event, its JSON-LD, and the registration form when it takes registrations."""
    event = _event_or_404(pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register(event, **form.cleaned_data)
        except services.RegistrationRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Votre inscription est enregistrée. À bientôt au café !")
            return redirect(event)
        event.refresh_from_db(fields=["seats_taken"])
    show_format = (
        event.format is not None and event.format.live and access.can_see(request.user, event.format)
    )
    return render(
        request,
        "evenements/event_detail.html",
        {
            "event": event,
            "form": form,
            "json_ld": json_ld_script(feeds.event_json_ld(event, request)),
            "show_format": show_format,
            "can_manage": access.manages_cafe(request.user, event.cafe),
            "run": getattr(event, "run", None),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def registrations(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Who registered: for the café's managers and the team only (names and e-mails are personal data)."""
    event = _event_or_404(pk)
    if not access.manages_cafe(request.user, event.cafe):
        raise PermissionDenied
    rows = event.registrations.all()
    return render(
        request,
        "evenements/registrations.html",
        {"event": event, "registrations": rows, "total": rows.aggregate(total=Sum("seats"))["total"] or 0},
    )


def _member_cafes(request: HttpRequest):
    """The cafés the user may act for; members only (visitors are sent to log in by the decorator)."""
    if not access.is_member(request.user):
        raise PermissionDenied
    return access.managed_cafes(request.user)


@login_required
def new_event(request: HttpRequest) -> HttpResponse:
    """Create a dated event; `?format=<id>` pre-fills it from a format (one click from the format page)."""
    cafes = _member_cafes(request)
    formats = access.visible(EventFormatPage.objects.live().order_by("title"), request.user)
    if not cafes.exists():
        return render(request, "evenements/no_cafe.html", status=403)
    event_format = None
    if format_id := request.GET.get("format", "").strip():
        event_format = formats.filter(pk=format_id).first() if format_id.isdigit() else None
        if event_format is None:
            raise Http404("Format introuvable.")
    initial = EventForm.initial_from_format(event_format, timezone.localdate()) if event_format else {}
    form = EventForm(request.POST or None, initial=initial, cafes=cafes, formats=formats)
    if request.method == "POST" and form.is_valid():
        event = services.create_event(form, request.user)
        messages.success(request, "L'évènement est publié dans l'agenda du réseau.")
        return redirect(event)
    return render(
        request,
        "evenements/event_form.html",
        {"form": form, "event_format": event_format},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def new_run(request: HttpRequest) -> HttpResponse:
    """ "We ran it": from a format page (`?format=<id>`) or after a café's event (`?evenement=<id>`)."""
    cafes = _member_cafes(request)
    formats = access.visible(EventFormatPage.objects.live().order_by("title"), request.user)
    if not cafes.exists():
        return render(request, "evenements/no_cafe.html", status=403)
    event = None
    initial: dict = {}
    if event_id := request.GET.get("evenement", "").strip():
        event = (
            get_object_or_404(Event.objects.select_related("cafe", "run"), pk=event_id)
            if event_id.isdigit()
            else None
        )
        if event is None:
            raise Http404("Évènement introuvable.")
        if not access.manages_cafe(request.user, event.cafe):
            raise PermissionDenied
        if hasattr(event, "run"):
            messages.info(request, "Le bilan de cet évènement est déjà enregistré.")
            return redirect(event)
        cafes = CafePage.objects.filter(pk=event.cafe_id)
        initial = {
            "cafe": event.cafe_id,
            "format": event.format_id,
            "date": timezone.localdate(event.start),
            "attendance": event.seats_taken or None,
        }
    elif format_id := request.GET.get("format", "").strip():
        initial = {"format": format_id, "date": timezone.localdate()}
    form = FormatRunForm(request.POST or None, initial=initial, cafes=cafes, formats=formats)
    if request.method == "POST" and form.is_valid():
        run = services.record_run(form, request.user, event)
        if run is not None:
            messages.success(request, "Merci ! Votre bilan s'ajoute à ceux du format.")
            return redirect(run.format.url)
    return render(
        request,
        "evenements/run_form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


def _ics(request: HttpRequest, events, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        feeds.calendar(events, name, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def network_feed(request: HttpRequest) -> HttpResponse:
    return _ics(request, feeds.feed_events(Event.objects.all()), "Réseau 1000 cafés", "reseau-1000-cafes.ics")


@require_GET
def cafe_feed(request: HttpRequest, slug: str) -> HttpResponse:
    cafe = get_object_or_404(CafePage.objects.live(), slug=slug)
    return _ics(request, feeds.feed_events(cafe.events.all()), cafe.title, f"{cafe.slug}.ics")
