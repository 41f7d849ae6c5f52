"""Great-circle distances computed inside the database query, on SQLite and PostgreSQL alike.

The haversine formula is one SQL expression (`GreatCircleKm`) over the functions Django's math functions use:
native on PostgreSQL, provided by Django on SQLite. So a search "within 50 km of X, sorted by distance" is one
query on both. A bounding box on the indexed latitude/longitude columns first narrows the rows that the
formula has to be computed for."""

import math

from django.db.models import F, FloatField, Func, Q

from reseau.geography import EARTH_RADIUS_KM

KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


class GreatCircleKm(Func):
    """The haversine distance in km from a fixed point to a row's coordinates, as one SQL expression.

    Written out in SQL rather than composed from Django's `Radians`, `Sin`, `Power`… nodes: the composed tree
    has some thirty nodes to copy, resolve and compile on every query, which cost more than running it. The
    functions are those Django's math functions use (native on PostgreSQL, provided on SQLite); only the clamp
    differs (LEAST, or MIN on SQLite), as in Django's `Least`. The point is given by its `origin_terms`, the
    query's parameters as they are (so that a compiled query can take them, see producteurs.finding)."""

    output_field = FloatField()
    arity = 2

    def __init__(self, terms: tuple[float, float, float], lat_field: str, lng_field: str) -> None:
        super().__init__(F(lat_field), F(lng_field))
        self.terms = terms

    def as_sql(self, compiler, connection, **extra_context) -> tuple[str, list]:
        (lat, lat_params), (lng, lng_params) = (compiler.compile(arg) for arg in self.source_expressions)
        least = "MIN" if connection.vendor == "sqlite" else "LEAST"
        phi1, cos_phi1, lam1 = self.terms
        # Rounding can push the root a hair above 1 for antipodes; ASIN would then fail on PostgreSQL.
        sql = (
            f"(%s * ASIN({least}(SQRT(POWER(SIN((RADIANS({lat}) - %s) / 2.0), 2) + "
            f"%s * COS(RADIANS({lat})) * POWER(SIN((RADIANS({lng}) - %s) / 2.0), 2)), 1.0)))"
        )
        params = [2 * EARTH_RADIUS_KM, *lat_params, phi1, cos_phi1, *lat_params, *lng_params, lam1]
        return sql, params


def origin_terms(latitude: float, longitude: float) -> tuple[float, float, float]:
    """What GreatCircleKm needs of the point distances are measured from: φ, cos φ and λ (radians)."""
    phi1 = math.radians(latitude)
    return phi1, math.cos(phi1), math.radians(longitude)


def distance_km(
    latitude: float, longitude: float, lat_field: str = "latitude", lng_field: str = "longitude"
) -> GreatCircleKm:
    """An expression: the distance in km from (latitude, longitude) to the row's own coordinates."""
    return GreatCircleKm(origin_terms(latitude, longitude), lat_field, lng_field)


def box_bounds(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """South, north, west and east bounds of a box that holds every point within `radius_km`."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(min(89.0, abs(latitude) + dlat)))
    dlng = 180.0 if cos_lat <= 0 else min(180.0, radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat))
    return latitude - dlat, latitude + dlat, longitude - dlng, longitude + dlng


def in_box(south: float, north: float, west: float, east: float) -> Q:
    """Rows whose coordinates fall in the box (box_bounds): a cheap pre-filter on the indexed columns."""
    return Q(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)
