"""Real French communes for tests, read from ../shared/data/ (never invented)."""

import csv
from functools import cache

from django.conf import settings

from reseau.geography import Commune, Department, Region


@cache
def _rows(name: str, key: str) -> dict[str, dict]:
    with open(settings.GEO_DATA_DIR / name, encoding="utf-8") as file:
        rows = {}
        for row in csv.DictReader(file):
            rows.setdefault(row[key], row)
        return rows


def region(code: str) -> Region:
    row = _rows("regions.csv", "insee_reg")[code]
    obj, _ = Region.objects.get_or_create(
        code=code, defaults={"name": row["region"], "name_with_article": row["region_article"]}
    )
    return obj


def department(code: str) -> Department:
    row = _rows("departements.csv", "insee_dep")[code]
    obj, _ = Department.objects.get_or_create(
        code=code,
        defaults={
            "name": row["departement"],
            "name_with_article": row["departement_article"],
            "region": region(row["insee_reg"]),
        },
    )
    return obj


def commune(insee: str) -> Commune:
    """The commune with this INSEE code, as the import command would store it."""
    row = _rows("communes.csv", "insee_com")[insee]
    obj, _ = Commune.objects.get_or_create(
        insee=insee,
        defaults={
            "name": row["commune"],
            "name_with_article": row["commune_article"],
            "department": department(row["insee_dep"]),
            "postcode": row["code_postal"],
            "latitude": float(row["lat"]),
            "longitude": float(row["lng"]),
            "area_km2": float(row["superficie_km2"]),
            "population": int(row["population_2021"]),
        },
    )
    return obj
