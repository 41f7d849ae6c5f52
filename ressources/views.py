"""Contract pages are served by Wagtail (ContractPage routes call the functions here), members only."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Avg, Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from reseau import access
from reseau.models import Member
from ressources import services
from ressources.forms import ContractUseForm
from ressources.models import ContractPage


def contract_context(page: ContractPage, request: HttpRequest) -> dict:
    """A contract's documents, the cafés that use it with their feedback, and the visitor's café's own."""
    uses = list(page.uses.select_related("cafe__commune__department").order_by("-updated_at"))
    figures = page.uses.aggregate(average=Avg("rating"), count=Count("pk"))
    member = Member.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    own = next((use for use in uses if member and use.cafe_id == member.cafe_id), None)
    return {
        "documents": page.documents.select_related("document"),
        "uses": uses,
        "rating_average": figures["average"],
        "own_use": own,
        "can_rate": member is not None and member.cafe_id is not None,
        "use_form": ContractUseForm(
            initial={"note": own.rating, "commentaire": own.comment} if own else None
        ),
    }


def record_use(request: HttpRequest, page: ContractPage) -> HttpResponse:
    """POST of « Notre café l'utilise » ; errors re-display the contract page with what was typed."""
    if request.method != "POST":
        return redirect(page.url)
    if not access.can_see(request.user, page):
        return redirect_to_login(page.url)
    form = ContractUseForm(request.POST)
    if form.is_valid():
        try:
            _use, created = services.record_use(
                page, request.user, form.cleaned_data["note"], form.cleaned_data["commentaire"]
            )
        except services.UseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Merci ! Votre café figure parmi ceux qui utilisent ce contrat."
                if created
                else "Votre avis est mis à jour (un seul avis par café).",
            )
            return HttpResponseRedirect(page.url + "#cafes")
    context = page.get_context(request)
    context["use_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=400)
