"""What every template needs to know about the network and the visitor."""

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

from reseau import access


def network(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    menu_pages = site.root_page.get_children().live().in_menu() if site else []
    return {
        "is_member": access.is_member(request.user),
        "is_team": access.is_team(request.user),
        "menu_pages": menu_pages,
        "home_page": site.root_page if site else None,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
