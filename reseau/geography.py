"""France's regions, departments and communes, imported from INSEE's official geography.

Every café, producer and member points to a `Commune`; the data comes from ../shared/data/ (see its README)
through `manage.py import_geography`.
"""

import math
import re
import unicodedata

from django.conf import settings
from django.db import models


def fold_name(text: str) -> str:
    """A name folded for searching: lower case, no accents, ligatures spelled out, hyphens and apostrophes as
    spaces ("Saint-Émiland" and "saint emiland" fold alike; "Chambœuf" and "chamboeuf" too)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’]+", " ", text).strip()


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    name_with_article = models.CharField("nom avec article", max_length=120)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("nom", max_length=100)
    name_with_article = models.CharField("nom avec article", max_length=120)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    """A commune in force (INSEE type COM); former communes merged into it are kept as `former_names`."""

    insee = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100, db_index=True)
    name_with_article = models.CharField("nom avec article", max_length=120)
    # fold_name(name), kept by save() and the import, so the application form's autocomplete can match
    # "saint emiland" to "Saint-Émiland" with a plain indexed prefix lookup on every database.
    search_name = models.CharField("nom pour la recherche", max_length=100, blank=True, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    postcode = models.CharField("code postal principal", max_length=5, blank=True)
    former_names = models.TextField("communes déléguées", blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    area_km2 = models.FloatField("superficie (km²)", null=True, blank=True)
    population = models.PositiveIntegerField(
        f"population municipale {settings.POPULATION_YEAR}", null=True, blank=True
    )

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode})" if self.postcode else self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold_name(self.name)
        super().save(*args, **kwargs)

    @property
    def region(self) -> Region:
        return self.department.region

    @property
    def is_eligible(self) -> bool:
        """The network opens cafés only in communes under CAFE_MAX_POPULATION inhabitants."""
        return self.population is not None and self.population < settings.CAFE_MAX_POPULATION


EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The great-circle (haversine) distance in km between two points, computed in Python (for a handful of
    places; producteurs/distance.py writes the same formula in SQL to filter long lists)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def great_circle_km(a: Commune, b: Commune) -> float | None:
    """The distance in km between two communes' INSEE coordinates, None if one lacks them."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
