"""The communes import: real files, idempotence, another path or URL, and corrupt files."""

import http.server
import shutil
import threading
from functools import partial

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from reseau.geography import Commune, Department, Region

DATA = settings.GEO_DATA_DIR


@pytest.fixture
def small_copy(tmp_path):
    """The real regions and departments, and the first 400 lines of the real communes file."""
    shutil.copy(DATA / "regions.csv", tmp_path / "regions.csv")
    shutil.copy(DATA / "departements.csv", tmp_path / "departements.csv")
    with open(DATA / "communes.csv", encoding="utf-8") as source:
        lines = [next(source) for _ in range(400)]
    (tmp_path / "communes.csv").write_text("".join(lines), encoding="utf-8")
    return tmp_path


def run_import(folder, stdout=None, **files):
    arguments = {name: str(folder / f"{name}.csv") for name in ("regions", "departements", "communes")}
    arguments.update(files)
    call_command("import_geography", *[f"--{k}={v}" for k, v in arguments.items()], stdout=stdout)


def test_full_real_import_is_complete_and_idempotent(db, capsys):
    call_command("import_geography")
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    communes = Commune.objects.count()
    assert communes > 34_000
    beaulon = Commune.objects.select_related("department__region").get(insee="03019")
    assert (beaulon.name, beaulon.population, beaulon.postcode) == ("Beaulon", 1632, "03230")
    assert beaulon.department.name == "Allier" and beaulon.region.name == "Auvergne-Rhône-Alpes"
    assert (beaulon.latitude, beaulon.longitude) == (46.58679, 3.67334)
    output = capsys.readouterr().out
    assert "communes : 34931/34931" in output
    call_command("import_geography")
    assert Commune.objects.count() == communes
    assert "communes : 0 créées, 0 mises à jour, 34931 inchangées" in capsys.readouterr().out


def test_merged_communes_keep_their_former_names(small_copy, db):
    run_import(small_copy)
    arboys = Commune.objects.get(insee="01015")
    assert arboys.name == "Arboys en Bugey"
    assert "Arbignieu" in arboys.former_names


def test_a_corrected_file_updates_rows(small_copy, db):
    run_import(small_copy)
    path = small_copy / "communes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",Arbent,Arbent,", ",Arbent-Nouveau,Arbent,"),
        encoding="utf-8",
    )
    run_import(small_copy)
    assert Commune.objects.get(insee="01014").name == "Arbent-Nouveau"


@pytest.mark.parametrize(
    ("corruption", "message"),
    [
        (
            lambda text: text.replace(",832,767,", ",huit-cent,767,"),
            "population_2021 « huit-cent » n'est pas un nombre",
        ),
        (lambda text: text.replace("01001,84,01,", "1001,84,01,"), "insee_com « 1001 » invalide"),
        (lambda text: text.replace("01002,84,01,", "01002,84,99,"), "département « 99 » inconnu"),
        (lambda text: text.replace("insee_com,", "code,"), "colonnes manquantes : insee_com"),
        (lambda text: text.replace("46.1517,4.9306", "146.1517,4.9306"), "latitude 146.1517 hors limites"),
    ],
)
def test_corrupt_file_is_rejected_and_previous_data_kept(small_copy, db, corruption, message):
    run_import(small_copy)
    before = list(Commune.objects.order_by("insee").values_list("insee", "name", "population"))
    path = small_copy / "communes.csv"
    path.write_text(corruption(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_import(small_copy)
    assert message in str(error.value)
    assert "Rien n'a été modifié" in str(error.value)
    assert list(Commune.objects.order_by("insee").values_list("insee", "name", "population")) == before


def test_missing_file_is_a_clear_error(small_copy, db):
    with pytest.raises(CommandError, match="introuvable.csv : lecture impossible"):
        run_import(small_copy, communes=str(small_copy / "introuvable.csv"))
    assert not Commune.objects.exists()


def test_import_from_a_url(small_copy, db):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(small_copy))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        run_import(small_copy, communes=f"{base}/communes.csv", regions=f"{base}/regions.csv")
    finally:
        server.shutdown()
    assert Commune.objects.filter(insee="01001", name="Abergement-Clémenciat").exists()
