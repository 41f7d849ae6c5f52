"""Distance searches are exact: the database's great-circle distances and its bounding-box pre-filter keep
exactly the real communes a Python haversine puts inside the circle, at its very edge, wherever the origin is
(mainland, Corsica, the far north where a degree of longitude is shortest, south of the equator)."""

import math

import pytest

from producteurs import views
from producteurs.finding import Criteria, find_producers
from reseau.geography import haversine_km
from tests import geo
from tests.conftest import BEAULON
from tests.producteurs.test_finding import names

EDGE_KM = 3


def edge_communes(origin_insee: str, radius_km: int) -> dict[str, tuple[str, float]]:
    """For each of the four directions, the real commune furthest inside the circle and the one nearest
    outside it (within EDGE_KM of the radius): {"N in": (insee, km), "N out": …}."""
    origin = geo.commune(origin_insee)
    scale = math.cos(math.radians(origin.latitude))
    edges: dict[str, tuple[str, float]] = {}
    for insee, row in geo._rows("communes.csv", "insee_com").items():
        if not row["lat"] or insee == origin_insee:
            continue
        latitude, longitude = float(row["lat"]), float(row["lng"])
        km = haversine_km(origin.latitude, origin.longitude, latitude, longitude)
        if abs(km - radius_km) > EDGE_KM:
            continue
        north, east = latitude - origin.latitude, (longitude - origin.longitude) * scale
        direction = ("N" if north > 0 else "S") if abs(north) > abs(east) else ("E" if east > 0 else "W")
        key = f"{direction} {'in' if km <= radius_km else 'out'}"
        if key not in edges or abs(km - radius_km) < abs(edges[key][1] - radius_km):
            edges[key] = (insee, km)
    return edges


@pytest.mark.parametrize(
    ("origin_insee", "radius_km"),
    [
        (BEAULON, 50),  # Allier
        ("2A004", 50),  # Ajaccio, Corsica
        ("59183", 50),  # Dunkerque: the widest longitude box of metropolitan France
        ("97411", 30),  # Saint-Denis, La Réunion (an island 70 km across): south of the equator
    ],
)
def test_radius_search_keeps_exactly_the_communes_inside_the_circle(make_producer, origin_insee, radius_km):
    edges = edge_communes(origin_insee, radius_km)
    assert any(key.endswith("in") for key in edges) and any(key.endswith("out") for key in edges)
    for key, (insee, _km) in edges.items():
        make_producer(f"Ferme {key}", insee)
    origin = geo.commune(origin_insee)
    found = list(find_producers(Criteria(origin=(origin.latitude, origin.longitude), radius_km=radius_km)))
    inside = sorted((km, f"Ferme {key}") for key, (_insee, km) in edges.items() if key.endswith("in"))
    assert [producer.title for producer in found] == [title for _km, title in inside]
    for producer, (km, _title) in zip(found, inside, strict=True):
        assert producer.distance == pytest.approx(km, abs=1e-6)
        assert producer.distance <= radius_km < producer.distance + EDGE_KM


def test_pages_beyond_the_map_rows_are_read_with_limit_and_offset(client, make_producer, monkeypatch):
    """Results longer than the map's rows are counted and paginated in SQL; same order, same count."""
    monkeypatch.setattr(views, "MAX_MARKERS", 5)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for number in range(9):
        make_producer(f"Ferme {number}")
    first = client.get("/producteurs/")
    assert names(first) == ["Ferme 0", "Ferme 1"]
    assert "9 producteurs" in first.content.decode()
    assert len(first.context["markers"]) == 5
    assert names(client.get("/producteurs/?page=3")) == ["Ferme 4", "Ferme 5"]  # within the map's rows
    assert names(client.get("/producteurs/?page=4")) == ["Ferme 6", "Ferme 7"]  # beyond them
    assert names(client.get("/producteurs/?page=5")) == ["Ferme 8"]
    assert names(client.get("/producteurs/?page=99")) == ["Ferme 8"]  # past the end: the last page
