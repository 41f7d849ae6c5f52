"""What every template needs to know about the network and the visitor."""

from django.conf import settings
from django.http import HttpRequest

from reseau import access, page_cache


def network(request: HttpRequest) -> dict:
    return {
        "is_member": access.is_member(request.user),
        "is_team": access.is_team(request.user),
        "menu_pages": page_cache.frame(request).menu,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
