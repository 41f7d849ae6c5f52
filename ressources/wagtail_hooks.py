"""The network's resources in the rest of the site: private contract documents, a café page's contracts
(members' view), and the cafés' feedback in the Wagtail admin."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reseau import access
from reseau.models import CafePage
from reseau.templatetags.reseau_tags import PAGE_SECTIONS_HOOK
from ressources.models import ContractDocument, ContractPage, ContractUse


@hooks.register("before_serve_document")
def contract_documents_stay_private(document, request: HttpRequest) -> HttpResponse | None:
    """A document attached to a contract is as visible as the contract: others are sent to log in."""
    contracts = ContractPage.objects.filter(
        pk__in=ContractDocument.objects.filter(document=document).values("page_id")
    )
    if any(not access.can_see(request.user, contract) for contract in contracts):
        return redirect_to_login(request.get_full_path())
    return None


@hooks.register(PAGE_SECTIONS_HOOK)
def cafe_contracts(request: HttpRequest, page) -> tuple[str, dict] | None:
    """On a café's page, for members only: the contracts and partnerships the café uses."""
    if not isinstance(page, CafePage) or not access.is_member(request.user):
        return None
    uses = list(
        ContractUse.objects.of_live_contracts()
        .filter(cafe=page)
        .select_related("contract")
        .order_by("contract__title")
    )
    if not uses:
        return None
    return "ressources/includes/cafe_contracts.html", {"uses": uses}


class ContractUseViewSet(SnippetViewSet):
    model = ContractUse
    icon = "pick"
    menu_label = "Avis des cafés (contrats)"
    add_to_admin_menu = True
    list_display = ["contract", "cafe", "rating", "updated_at"]
    list_filter = ["rating"]

    def get_queryset(self, request):
        return ContractUse.objects.select_related("contract", "cafe")


register_snippet(ContractUseViewSet)
