"""Consultations in the rest of the site: on a café's page (open consultation, services opened following
one, the results link for its managers) and in the Wagtail admin, where the team opens consultations."""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models import Consultation, OpenedService
from reseau import access
from reseau.models import CafePage
from reseau.templatetags.reseau_tags import PAGE_SECTIONS_HOOK


@hooks.register(PAGE_SECTIONS_HOOK)
def cafe_consultation(request: HttpRequest, page) -> tuple[str, dict] | None:
    """On a café's page: its open consultation, the services opened following one, and (for its managers)
    the results."""
    if not isinstance(page, CafePage):
        return None
    consultations = list(page.consultations.order_by("-opens_on"))
    if not consultations:
        return None
    opened = list(
        OpenedService.objects.filter(consultation__cafe=page).select_related("service").order_by("opened_on")
    )
    context = {
        "cafe": page,
        "open_consultation": next((c for c in consultations if c.is_open()), None),
        "opened": opened,
        "managed": consultations if access.manages_cafe(request.user, page) else [],
    }
    if not (context["open_consultation"] or opened or context["managed"]):
        return None
    return "consultations/includes/cafe_section.html", context


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "help"
    menu_label = "Consultations des habitants"
    add_to_admin_menu = True
    list_display = ["cafe", "title", "opens_on", "closes_on"]
    panels = [
        FieldPanel("cafe"),
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("opens_on"),
        FieldPanel("closes_on"),
    ]

    def get_queryset(self, request):
        return Consultation.objects.select_related("cafe")


register_snippet(ConsultationViewSet)
