"""The network's core in the Wagtail admin: members (café managers) and the communes they point to."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reseau.models import Member


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = "Gérant·e·s"
    add_to_admin_menu = True
    list_display = ["__str__", "cafe"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


register_snippet(MemberViewSet)
