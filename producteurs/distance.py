"""Great-circle distances computed inside the database query, with Django's portable math functions.

The haversine formula is written with `Radians`, `Sin`, `Cos`, `ASin`, `Sqrt` and `Power`, which Django
translates for PostgreSQL and provides on SQLite, so a search "within 50 km of X, sorted by distance" is one
query on both. A bounding box on the indexed latitude/longitude columns first narrows the rows that the
formula has to be computed for.
"""

import math

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from reseau.geography import EARTH_RADIUS_KM

KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


def distance_km(latitude: float, longitude: float, lat_field: str = "latitude", lng_field: str = "longitude"):
    """An expression: the distance in km from (latitude, longitude) to the row's own coordinates."""
    phi1 = math.radians(latitude)
    lam1 = math.radians(longitude)
    phi2 = Radians(F(lat_field))
    lam2 = Radians(F(lng_field))
    half_dphi = Sin((phi2 - Value(phi1)) / Value(2.0))
    half_dlam = Sin((lam2 - Value(lam1)) / Value(2.0))
    a = Power(half_dphi, 2) + Value(math.cos(phi1)) * Cos(phi2) * Power(half_dlam, 2)
    # Rounding can push `a` a hair above 1 for antipodes; ASin would then fail on PostgreSQL.
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)), output_field=FloatField())


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
