"""The network's core in the Wagtail admin: members (café managers), the services list, the communes'
applications (with a status and a CSV export for the team), and the recruitment of managers (open positions,
candidates ranked by distance, stages that e-mail the candidate, the private CV download)."""

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.views import redirect_to_login
from django.db import models, transaction
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from reseau import access, page_cache, recruitment
from reseau.models import CommuneApplication, ManagerApplication, ManagerPosition, Member, Service


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


class ManagerPositionViewSet(SnippetViewSet):
    """Cafés looking for their manager; a café in preparation gets one when published."""

    model = ManagerPosition
    icon = "user"
    menu_label = "Postes de gérant·e"
    add_to_admin_menu = True
    list_display = ["cafe", "is_open", "housing", "opened_on"]
    list_filter = ["is_open"]

    def get_queryset(self, request):
        return ManagerPosition.objects.select_related("cafe").order_by("-is_open", "cafe__title")


class CandidatesOnlyPolicy(ModelPermissionPolicy):
    """Applications come from candidates, with their dated consent: nobody adds one in the admin."""

    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ManagerApplication, CandidatesOnlyPolicy(ManagerApplication))


class ManagerApplicationEditView(EditView):
    """Saving a new stage tells the candidate (reseau.recruitment.record_stage_change)."""

    def save_instance(self):
        previous = ManagerApplication.objects.values_list("stage", flat=True).get(pk=self.object.pk)
        with transaction.atomic():
            instance = super().save_instance()
            recruitment.record_stage_change(instance, previous)
        return instance


class ManagerApplicationViewSet(SnippetViewSet):
    """Candidates to run a café, nearest first: local ones (settings.RECRUITMENT_LOCAL_KM) lead the list."""

    model = ManagerApplication
    edit_view_class = ManagerApplicationEditView
    icon = "group"
    menu_label = "Candidatures de gérant·e·s"
    add_to_admin_menu = True
    list_display = ["name", "commune_name", "distance_label", "local_label", "stage", "created_at"]
    list_filter = ["stage", "positions"]
    search_fields = ["name", "email"]
    list_export = [
        "created_at",
        "stage_label",
        "name",
        "email",
        "phone",
        "commune_name",
        "distance_label",
        "local_label",
        "available_from",
        "live_on_site_label",
        "motivation",
        "village_ties",
        "welcoming_experience",
        "staff_notes",
    ]
    export_headings = {
        "stage_label": "étape",
        "commune_name": "commune de résidence",
        "distance_label": "distance aux cafés",
        "local_label": "candidat·e local·e",
        "live_on_site_label": "habiterait sur place",
    }
    export_filename = "candidatures-gerants"

    def get_queryset(self, request):
        return (
            ManagerApplication.objects.select_related("commune")
            .prefetch_related("choices__position__cafe")
            .order_by(models.F("nearest_km").asc(nulls_last=True), "-created_at")
        )


@permission_required("reseau.view_managerapplication", raise_exception=True)
def download_cv(request: HttpRequest, pk: int) -> FileResponse:
    """A candidate's CV, for staff only, as an attachment (never inline, never from a public URL)."""
    application = get_object_or_404(ManagerApplication.objects.exclude(cv=""), pk=pk)
    response = FileResponse(
        application.cv.open("rb"), as_attachment=True, filename=f"cv-candidature-{application.pk}.pdf"
    )
    response["Content-Type"] = "application/pdf"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@hooks.register("before_serve_document")
def members_only_documents(document, request: HttpRequest):
    """A members' document asked for by anyone else: sent to log in, as for a members-only page."""
    if not access.can_see(request.user, document):
        return redirect_to_login(request.get_full_path())
    return None


@hooks.register("register_admin_urls")
def recruitment_admin_urls():
    return [path("recrutement/cv/<int:pk>/", download_cv, name="recrutement_cv")]


register_snippet(MemberViewSet)
register_snippet(ServiceViewSet)
register_snippet(CommuneApplicationViewSet)
register_snippet(ManagerPositionViewSet)
register_snippet(ManagerApplicationViewSet)


hooks.register("before_serve_page", page_cache.mark_cacheable)
