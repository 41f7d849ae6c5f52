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
    differs (LEAST, or MIN on SQLite), as in Django's `Least`."""

    output_field = FloatField()
    arity = 2

    def __init__(self, latitude: float, longitude: float, lat_field: str, lng_field: str) -> None:
        super().__init__(F(lat_field), F(lng_field))
        self.origin = (latitude, longitude)

    def as_sql(self, compiler, connection, **extra_context) -> tuple[str, list]:
        (lat, lat_params), (lng, lng_params) = (compiler.compile(arg) for arg in self.source_expressions)
        least = "MIN" if connection.vendor == "sqlite" else "LEAST"
        phi1, lam1 = (math.radians(value) for value in self.origin)
        # Rounding can push the root a hair above 1 for antipodes; ASIN would then fail on PostgreSQL.
        sql = (
            f"(%s * ASIN({least}(SQRT(POWER(SIN((RADIANS({lat}) - %s) / 2.0), 2) + "
            f"%s * COS(RADIANS({lat})) * POWER(SIN((RADIANS({lng}) - %s) / 2.0), 2)), 1.0)))"
        )
        params = [2 * EARTH_RADIUS_KM, *lat_params, phi1, math.cos(phi1), *lat_params, *lng_params, lam1]
        return sql, params


def distance_km(
    latitude: float, longitude: float, lat_field: str = "latitude", lng_field: str = "longitude"
) -> GreatCircleKm:
    """An expression: the distance in km from (latitude, longitude) to the row's own coordinates."""
    return GreatCircleKm(latitude, longitude, lat_field, lng_field)


def bounding_box(latitude: float, longitude: float, radius_km: float, prefix: str = "") -> Q:
    """Rows whose coordinates fall in a box that holds every point within `radius_km` (a cheap pre-filter)."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(min(89.0, abs(latitude) + dlat)))
    dlng = 180.0 if cos_lat <= 0 else min(180.0, radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat))
    return Q(
        **{
            f"{prefix}latitude__gte": latitude - dlat,
            f"{prefix}latitude__lte": latitude + dlat,
            f"{prefix}longitude__gte": longitude - dlng,
            f"{prefix}longitude__lte": longitude + dlng,
        }
    )
