"""Markers for the maps (site/templates/includes/map.html, site/static/js/map.js)."""

from reseau.geography import Commune


def marker(title: str, url: str, commune: Commune, subtitle: str = "") -> dict:
    """One place on a map, at its commune's coordinates (INSEE)."""
    return {
        "lat": commune.latitude,
        "lng": commune.longitude,
        "title": title,
        "url": url,
        "subtitle": subtitle,
    }
