"""The network's core in the Wagtail admin: members (café managers), the services list and the communes'
applications (with a status and a CSV export for the team)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reseau.models import CommuneApplication, Member, Service


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = "Gérant·e·s"
    add_to_admin_menu = True
    list_display = ["__str__", "cafe"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class ServiceViewSet(SnippetViewSet):
    """The controlled list of services: editors add one here and every café, story and form offers it."""

    model = Service
    icon = "list-ul"
    menu_label = "Services des cafés"
    add_to_admin_menu = True
    list_display = ["name", "icon", "description", "is_base"]
    list_filter = ["is_base"]
    search_fields = ["name", "description"]


class CommuneApplicationViewSet(SnippetViewSet):
    """Applications sent from /candidature/: the team sets their status and exports them as CSV."""

    model = CommuneApplication
    icon = "mail"
    menu_label = "Candidatures"
    add_to_admin_menu = True
    list_display = ["__str__", "population", "mayor_name", "status", "created_at"]
    list_filter = ["status", "cafe_today"]
    search_fields = ["commune_name", "mayor_name", "mayor_email"]
    list_export = [
        "created_at",
        "status_label",
        "insee",
        "commune_name",
        "department",
        "population",
        "mayor_name",
        "mayor_email",
        "mayor_phone",
        "cafe_today_label",
        "other_shops",
        "premises_address",
        "premises_surface",
        "housing_label",
        "inhabitants_support",
        "wanted_services_list",
        "services_ideas",
        "staff_notes",
    ]
    export_headings = {
        "created_at": "reçue le",
        "status_label": "statut",
        "cafe_today_label": "café aujourd'hui",
        "housing_label": "logement pour deux salariés",
        "insee": "code INSEE",
        "commune_name": "commune",
        "department": "département",
        "population": "population",
        "wanted_services_list": "services souhaités",
    }
    export_filename = "candidatures-communes"

    def get_queryset(self, request):
        return (
            CommuneApplication.objects.select_related("commune__department")
            .prefetch_related("wanted_services")
            .order_by("-created_at")
        )


register_snippet(MemberViewSet)
register_snippet(ServiceViewSet)
register_snippet(CommuneApplicationViewSet)
