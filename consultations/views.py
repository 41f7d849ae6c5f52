"""/cafes/<slug>/consultation/…: the inhabitants' form (no account), the confirmation link, and the results
for the café's managers (reseau.access.manages_cafe) and for the mayor (a secret read-only link)."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from consultations import services
from consultations.forms import AnswerForm
from consultations.models import Consultation
from consultations.results import consultation_results, csv_rows
from reseau import access, throttle
from reseau.accounts import client_address
from reseau.models import CafePage, Service

FLOOD_MESSAGE = (
    "Trop de réponses envoyées depuis votre connexion en peu de temps. Par sécurité, attendez une heure "
    "avant de réessayer ; si plusieurs personnes du foyer veulent répondre, elles pourront le faire ensuite."
)
MAIL_FLOOD_MESSAGE = (
    "Nous avons déjà envoyé plusieurs messages de confirmation à cette adresse : vérifiez votre messagerie "
    "(et les indésirables) avant de réessayer dans une heure."
)


def cafe_for(slug: str) -> CafePage:
    cafe = CafePage.objects.live().select_related("commune").filter(slug=slug).first()
    if cafe is None:
        raise Http404("Aucun café du réseau à cette adresse.")
    return cafe


def current_consultation(cafe: CafePage) -> Consultation | None:
    """The open consultation, else the latest one that has opened (to say it is closed)."""
    consultations = [
        c for c in cafe.consultations.order_by("-opens_on") if c.opens_on <= timezone.localdate()
    ]
    return next((c for c in consultations if c.is_open()), consultations[0] if consultations else None)


@never_cache
def answer(request: HttpRequest, slug: str) -> HttpResponse:
    """The public consultation page: the form while it is open, a clear French message otherwise."""
    cafe = cafe_for(slug)
    consultation = current_consultation(cafe)
    if consultation is None:
        return render(request, "consultations/none.html", {"cafe": cafe}, status=404)
    status = 200
    form = None
    error = None
    if not consultation.is_open():
        error = services.closed_message(consultation)
        status = 410 if request.method == "POST" else 200
    elif request.method == "POST":
        address_key = f"consultation:ip:{client_address(request)}"
        if throttle.too_many(address_key, settings.CONSULTATION_ANSWERS_PER_ADDRESS):
            form = AnswerForm(request.POST, consultation=consultation)
            error, status = FLOOD_MESSAGE, 429
        else:
            throttle.count(address_key, settings.CONSULTATION_THROTTLE_SECONDS)
            form = AnswerForm(request.POST, consultation=consultation)
            if form.is_spam:
                return redirect("consultations:merci", slug=cafe.slug)
            if form.is_valid():
                mail_key = f"consultation:mail:{services.email_digest(form.cleaned_data['email'])}"
                if throttle.too_many(mail_key, settings.CONSULTATION_MAILS_PER_ADDRESS):
                    error, status = MAIL_FLOOD_MESSAGE, 429
                else:
                    try:
                        services.submit_answer(
                            consultation,
                            form.cleaned_data,
                            form.cleaned_data["email"],
                            request.build_absolute_uri("/")[:-1],
                        )
                    except services.ConsultationError as refused:
                        error, status = str(refused), 409
                    else:
                        throttle.count(mail_key, settings.CONSULTATION_THROTTLE_SECONDS)
                        return redirect("consultations:merci", slug=cafe.slug)
            else:
                status = 400
    else:
        form = AnswerForm(consultation=consultation)
    return render(
        request,
        "consultations/answer_form.html",
        {"cafe": cafe, "consultation": consultation, "form": form, "error": error},
        status=status,
    )


@never_cache
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    cafe = cafe_for(slug)
    return render(
        request,
        "consultations/thanks.html",
        {
            "cafe": cafe,
            "days": settings.CONSULTATION_CONFIRM_DAYS,
        },
    )


@never_cache
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """GET shows a button (mail scanners that open links confirm nothing); POST counts the answer once."""
    cafe = cafe_for(slug)
    try:
        answer = services.answer_for_token(token)
        if answer.consultation.cafe_id != cafe.pk:
            raise services.ConsultationError("Ce lien de confirmation n'est pas celui de ce café.")
        if request.method == "POST":
            answer, newly = services.confirm_answer(token)
            return render(
                request, "consultations/confirmed.html", {"cafe": cafe, "answer": answer, "newly": newly}
            )
    except services.ConsultationError as refused:
        return render(
            request, "consultations/confirm.html", {"cafe": cafe, "error": str(refused)}, status=400
        )
    if answer.confirmed_at is not None:
        return render(
            request, "consultations/confirmed.html", {"cafe": cafe, "answer": answer, "newly": False}
        )
    return render(request, "consultations/confirm.html", {"cafe": cafe, "answer": answer})


def managed_consultation(request: HttpRequest, slug: str, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("cafe"), pk=pk, cafe__slug=slug)
    if not access.manages_cafe(request.user, consultation.cafe):
        raise PermissionDenied("Les résultats sont réservés aux gérant·e·s de ce café et à la mairie.")
    return consultation


def _results_page(request, consultation: Consultation, manager: bool) -> HttpResponse:
    context = consultation_results(consultation)
    context.update(
        cafe=consultation.cafe,
        consultation=consultation,
        manager=manager,
        opened=set(consultation.opened_services.values_list("service_id", flat=True)),
    )
    if manager:
        context["mayor_link"] = request.build_absolute_uri(
            reverse(
                "consultations:resultats-mairie",
                kwargs={
                    "slug": consultation.cafe.slug,
                    "pk": consultation.pk,
                    "key": consultation.results_key,
                },
            )
        )
    return render(request, "consultations/results.html", context)


@never_cache
@login_required
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The café's managers (and the team): results, the mayor's link, CSV, services opened."""
    return _results_page(request, managed_consultation(request, slug, pk), manager=True)


@never_cache
def mayor_results(request: HttpRequest, slug: str, pk: int, key) -> HttpResponse:
    """The same results, read-only, for whoever holds the secret link the manager shared (the mayor)."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("cafe"), pk=pk, cafe__slug=slug, results_key=key
    )
    response = _results_page(request, consultation, manager=False)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def export_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = managed_consultation(request, slug, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.cafe.slug}-{pk}.csv"'
    response.write("\ufeff")  # so that spreadsheets read the accents right
    writer = csv.writer(response, delimiter=";")
    for row in csv_rows(consultation):
        writer.writerow(row)
    return response


@require_POST
@login_required
def mark_opened(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = managed_consultation(request, slug, pk)
    service = Service.objects.filter(pk=request.POST.get("service"), is_base=False).first()
    if service is None:
        messages.error(request, "Choisissez un service de la liste.")
    else:
        opened = request.POST.get("ouvert") == "1"
        services.set_opened(consultation, service, request.user, opened)
        messages.success(
            request,
            f"« {service.name} » est indiqué comme ouvert suite à la consultation, sur la page du café."
            if opened
            else f"« {service.name} » n'est plus indiqué comme ouvert suite à la consultation.",
        )
    return redirect("consultations:resultats", slug=slug, pk=pk)


@require_POST
@login_required
def new_mayor_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = managed_consultation(request, slug, pk)
    services.new_results_key(consultation)
    messages.success(request, "Nouveau lien créé : l'ancien lien de la mairie ne fonctionne plus.")
    return redirect("consultations:resultats", slug=slug, pk=pk)
