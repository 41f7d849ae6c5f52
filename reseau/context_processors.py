"""What every template needs to know about the network and the visitor."""

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from reseau import access, page_cache

# The header's links (site/templates/includes/header.html), by the name the template reads.
HEADER_ROUTES = {
    "forum": "forum:index",
    "chat": "forum:discussion",
    "search": "search:results",
    "suggestions": "search:suggestions",
    "notifications": "forum:notifications",
    "profile": "compte:profil",
    "logout": "compte:deconnexion",
    "login": "compte:connexion",
}


@cache
def _header_urls(script_prefix: str, urlconf: str) -> dict[str, str]:
    """The same on every page of a process: reversed once, not eight times a page. A route whose app is not
    installed is left out, and the header leaves out its link."""
    urls = {}
    for name, route in HEADER_ROUTES.items():
        try:
            urls[name] = reverse(route, urlconf=urlconf)
        except NoReverseMatch:
            continue
    return urls


def network(request: HttpRequest) -> dict:
    return {
        "is_member": access.is_member(request.user),
        "is_team": access.is_team(request.user),
        "menu_pages": page_cache.frame(request).menu,
        "header_urls": _header_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
