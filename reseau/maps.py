"""Markers for the maps (site/templates/includes/map.html, site/static/js/map.js)."""

from reseau.geography import Commune


def marker(title: str, url: str, commune: Commune, subtitle: str = "") -> dict:
    """One place on a map, at its commune's coordinates (INSEE)."""
    return point(title, url, commune.latitude, commune.longitude, subtitle)


def point(title: str, url: str, latitude: float | None, longitude: float | None, subtitle: str = "") -> dict:
    """One place on a map at given coordinates (for long lists read with .values(), no instances)."""
    return {"lat": latitude, "lng": longitude, "title": title, "url": url, "subtitle": subtitle}
