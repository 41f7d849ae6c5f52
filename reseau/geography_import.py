"""Loading INSEE's regions, departments and communes from CSV files (a path or an http(s) URL).

Each file is checked whole before anything is written; the three are written in one transaction, so a
corrupt file leaves the previous data as it was. Running it twice changes nothing.
"""

import csv
import io
import re
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from reseau.geography import Commune, Department, Region, fold_name

INSEE_CODE = re.compile(r"^(\d[\dAB]\d{3})$")
DEPARTMENT_CODE = re.compile(r"^(\d{2,3}|2A|2B)$")
REGION_CODE = re.compile(r"^\d{2}$")
BATCH = 2000


class GeographyFileError(ValueError):
    """A geography file cannot be read or has a bad row: the message says which file and line."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} créées, {self.updated} mises à jour, {self.unchanged} inchangées"


def read_rows(source: str | Path, required: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a CSV file given as a path or an http(s) URL, after checking its columns."""
    source = str(source)
    try:
        if source.startswith(("http://", "https://")):
            # Only http(s) reaches here (checked above), never file: or custom schemes.
            with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310  # nosec B310
                text = response.read().decode("utf-8-sig")
        else:
            text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise GeographyFileError(f"{source} : lecture impossible ({error}).") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = set(required) - set(reader.fieldnames or [])
    if missing:
        raise GeographyFileError(f"{source} : colonnes manquantes : {', '.join(sorted(missing))}.")
    return list(reader)


def _number(value: str, cast: Callable, source: str, line: int, column: str):
    if value == "":
        return None
    try:
        return cast(value)
    except ValueError:
        raise GeographyFileError(
            f"{source}, ligne {line} : {column} « {value} » n'est pas un nombre."
        ) from None


def _code(value: str, pattern: re.Pattern, source: str, line: int, column: str) -> str:
    if not pattern.match(value):
        raise GeographyFileError(f"{source}, ligne {line} : {column} « {value} » invalide.")
    return value


def _coordinates(row: dict, source: str, line: int, lat: str = "lat", lng: str = "lng") -> dict:
    latitude = _number(row[lat], float, source, line, lat)
    longitude = _number(row[lng], float, source, line, lng)
    if latitude is not None and not -90 <= latitude <= 90:
        raise GeographyFileError(f"{source}, ligne {line} : latitude {latitude} hors limites.")
    if longitude is not None and not -180 <= longitude <= 180:
        raise GeographyFileError(f"{source}, ligne {line} : longitude {longitude} hors limites.")
    return {"latitude": latitude, "longitude": longitude}


def parse_regions(source: str | Path) -> dict[str, dict]:
    rows = read_rows(source, ["insee_reg", "region", "region_article", "lat", "lng"])
    parsed = {}
    for line, row in enumerate(rows, start=2):
        code = _code(row["insee_reg"], REGION_CODE, str(source), line, "insee_reg")
        if not row["region"]:
            raise GeographyFileError(f"{source}, ligne {line} : nom de région vide.")
        parsed[code] = {
            "name": row["region"],
            "name_with_article": row["region_article"] or row["region"],
            **_coordinates(row, str(source), line),
        }
    return parsed


def parse_departments(source: str | Path, region_codes: set[str]) -> dict[str, dict]:
    rows = read_rows(source, ["insee_dep", "insee_reg", "departement", "departement_article", "lat", "lng"])
    parsed = {}
    for line, row in enumerate(rows, start=2):
        code = _code(row["insee_dep"], DEPARTMENT_CODE, str(source), line, "insee_dep")
        if row["insee_reg"] not in region_codes:
            raise GeographyFileError(f"{source}, ligne {line} : région « {row['insee_reg']} » inconnue.")
        parsed[code] = {
            "region_code": row["insee_reg"],
            "name": row["departement"],
            "name_with_article": row["departement_article"] or row["departement"],
            **_coordinates(row, str(source), line),
        }
    return parsed


COMMUNE_COLUMNS = [
    "insee_com", "insee_dep", "commune", "commune_article", "code_postal", "commune_type",
    "insee_parente", "lat", "lng", "superficie_km2", "population_2021",
]  # fmt: skip
KNOWN_KINDS = {"COM", "ARM", "COMD", "COMA"}


def parse_communes(source: str | Path, department_codes: set[str]) -> dict[str, dict]:
    """Communes in force (COM), one per INSEE code; a commune with several postcodes appears once per
    postcode in the file (the first is kept), and delegated or associated communes (COMD, COMA) become
    the `former_names` of their parent. Paris, Lyon and Marseille's arrondissements (ARM) are left out."""
    rows = read_rows(source, COMMUNE_COLUMNS)
    parsed: dict[str, dict] = {}
    former: dict[str, list[str]] = {}
    for line, row in enumerate(rows, start=2):
        kind = row["commune_type"]
        if kind not in KNOWN_KINDS:
            raise GeographyFileError(f"{source}, ligne {line} : type « {kind} » inconnu.")
        insee = _code(row["insee_com"], INSEE_CODE, str(source), line, "insee_com")
        if not row["commune"]:
            raise GeographyFileError(f"{source}, ligne {line} : nom de commune vide.")
        if kind in {"COMD", "COMA"}:
            former.setdefault(row["insee_parente"] or insee, []).append(row["commune"])
            continue
        if kind == "ARM" or insee in parsed:
            continue
        if row["insee_dep"] not in department_codes:
            raise GeographyFileError(f"{source}, ligne {line} : département « {row['insee_dep']} » inconnu.")
        population = _number(row["population_2021"], int, str(source), line, "population_2021")
        if population is not None and population < 0:
            raise GeographyFileError(f"{source}, ligne {line} : population négative.")
        parsed[insee] = {
            "department_code": row["insee_dep"],
            "name": row["commune"],
            "search_name": fold_name(row["commune"]),
            "name_with_article": row["commune_article"] or row["commune"],
            "postcode": row["code_postal"][:5],
            "area_km2": _number(row["superficie_km2"], float, str(source), line, "superficie_km2"),
            "population": population,
            "former_names": "",
            **_coordinates(row, str(source), line),
        }
    for insee, names in former.items():
        if insee in parsed:
            parsed[insee]["former_names"] = ", ".join(sorted(set(names) - {parsed[insee]["name"]}))
    if not parsed:
        raise GeographyFileError(f"{source} : aucune commune trouvée.")
    return parsed


def _upsert(model, key: str, wanted: dict[str, dict], report: ImportReport, progress=None) -> dict[str, int]:
    """Create or update `model` rows so that they match `wanted` (keyed by `key`); returns key → id."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update = [], []
    fields = sorted({field for values in wanted.values() for field in values})
    for done, (code, values) in enumerate(wanted.items(), start=1):
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(**{key: code}, **values))
        elif any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            to_update.append(obj)
        else:
            report.unchanged += 1
        if progress and done % 5000 == 0:
            progress(done, len(wanted))
    model.objects.bulk_create(to_create, batch_size=BATCH)
    model.objects.bulk_update(to_update, fields, batch_size=BATCH)
    report.created += len(to_create)
    report.updated += len(to_update)
    if progress:
        progress(len(wanted), len(wanted))
    return dict(model.objects.values_list(key, "id"))


def import_geography(
    regions: str | Path, departments: str | Path, communes: str | Path, progress=None
) -> dict[str, ImportReport]:
    """Read and check the three files, then write them in one transaction."""
    region_rows = parse_regions(regions)
    department_rows = parse_departments(departments, set(region_rows))
    commune_rows = parse_communes(communes, set(department_rows))
    reports = {"régions": ImportReport(), "départements": ImportReport(), "communes": ImportReport()}
    with transaction.atomic():
        region_ids = _upsert(Region, "code", region_rows, reports["régions"])
        department_ids = _upsert(
            Department,
            "code",
            {
                code: {
                    **{k: v for k, v in row.items() if k != "region_code"},
                    "region_id": region_ids[row["region_code"]],
                }
                for code, row in department_rows.items()
            },
            reports["départements"],
        )
        _upsert(
            Commune,
            "insee",
            {
                insee: {
                    **{k: v for k, v in row.items() if k != "department_code"},
                    "department_id": department_ids[row["department_code"]],
                }
                for insee, row in commune_rows.items()
            },
            reports["communes"],
            progress,
        )
    return reports
