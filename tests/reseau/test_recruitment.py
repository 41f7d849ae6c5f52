"""Recruiting café managers: positions on café pages and /devenir-gerant/, the candidate's form (every bad
input shown in French next to its field, nothing typed lost, one application stored), distances and local
candidates first in the admin, stage e-mails, the private CV, and the personal-data commands."""

import json
import re
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from reseau.geography import great_circle_km
from reseau.models import CafePage, ManagerApplication, ManagerPosition
from reseau.recruitment import ANONYMOUS_NAME
from tests import geo
from tests.conftest import BEAULON
from tests.pdf import tiny_pdf
from tests.reseau.bulk import add_cafes
from tests.reseau.conftest import eligible_insee_codes

BACCON = "45019"  # Loiret, the café in preparation
COULMIERS = "45109"  # Loiret, about 5 km from Baccon
ODOS = "65331"  # Hautes-Pyrénées
TARBES = "65440"  # Hautes-Pyrénées, next to Odos
OURSBELILLE = "65350"  # Hautes-Pyrénées, about 10 km from Odos
LILLE = "59350"


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, whose POSTs run what the view left for after the commit (the e-mails), as a real
    request's transaction would: the test itself runs inside a transaction that never commits."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    """Each test gets its own private folder, so it sees only the CVs it stored."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"


@pytest.fixture
def places(db):
    for code in (BACCON, COULMIERS, ODOS, TARBES, OURSBELILLE, LILLE, BEAULON):
        geo.commune(code)


@pytest.fixture
def baccon(make_cafe, places):
    cafe = make_cafe(BACCON, title="Le Café de Baccon", status=CafePage.Status.PREPARING)
    ManagerPosition.objects.create(cafe=cafe, housing=True, description="Un local neuf avec un logement.")
    return cafe


@pytest.fixture
def odos(make_cafe, places):
    cafe = make_cafe(ODOS, title="Le Café d'Odos", status=CafePage.Status.PREPARING)
    ManagerPosition.objects.create(cafe=cafe)
    return cafe


def position(cafe: CafePage) -> ManagerPosition:
    return cafe.manager_positions.get()


def answers(*cafes: CafePage, **changes) -> dict:
    data = {
        "token": str(uuid.uuid4()),
        "name": "Maëlle T.",
        "email": "maelle.t@exemple.invalid",
        "phone": "06 00 00 00 00",
        "commune": "Coulmiers",
        "positions": [position(cafe).pk for cafe in cafes],
        "available_from": "2026-09-01",
        "live_on_site": "oui",
        "motivation": "J'ai grandi à côté et j'ai envie que le village ait de nouveau un lieu où se croiser.",
        "village_ties": "Mes parents habitent la commune voisine.",
        "welcoming_experience": "Dix ans de bénévolat à la fête du village et à la buvette du club de foot.",
        "consent": "on",
        "site_web": "",
    }
    data.update(changes)
    return data


def pdf_upload(content: bytes | None = None, name: str = "mon-cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf() if content is None else content, "application/pdf")


def field_errors(content: str, field: str) -> list[str]:
    block = re.search(rf'<ul class="errorlist" id="id_{field}(?:_0)?-erreurs">(.*?)</ul>', content, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1), re.S) if block else []


def private_files(settings) -> list:
    return [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]


def test_cafe_in_preparation_says_it_looks_for_its_manager(client, baccon, make_cafe):
    content = client.get(baccon.url).content.decode()
    assert "Ce café cherche son gérant" in content
    assert f'href="/devenir-gerant/candidater/?poste={position(baccon).pk}"' in content
    assert "un logement est possible sur place" in content
    open_cafe = make_cafe(BEAULON, title="Le Café de Beaulon")
    assert "Ce café cherche son gérant" not in client.get(open_cafe.url).content.decode()


def test_publishing_a_cafe_in_preparation_opens_its_position_once(make_cafe, places):
    cafe = make_cafe(BACCON, status=CafePage.Status.PREPARING)
    assert not ManagerPosition.objects.exists()
    cafe.save_revision().publish()
    opened = ManagerPosition.objects.get(cafe=cafe)
    assert opened.is_open
    opened.is_open = False  # the team found the manager
    opened.save()
    cafe.save_revision().publish()
    assert (
        ManagerPosition.objects.filter(cafe=cafe).count() == 1 and not ManagerPosition.objects.get().is_open
    )


def test_only_one_open_position_per_cafe(baccon):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ManagerPosition.objects.create(cafe=baccon)


def test_positions_page_lists_open_positions_with_map_and_region_filter(client, baccon, odos, make_cafe):
    closed = make_cafe(BEAULON, title="Le Café de Beaulon")
    ManagerPosition.objects.create(cafe=closed, is_open=False)
    content = client.get("/devenir-gerant/").content.decode()
    assert "2 cafés cherchent leur gérant" in content
    assert "Le Café de Baccon" in content and "Le Café d&#x27;Odos" in content
    assert "Le Café de Beaulon" not in content
    assert f'href="/devenir-gerant/candidater/?poste={position(baccon).pk}"' in content
    markers = json.loads(re.search(r'id="carte-postes-donnees"[^>]*>(.*?)</script>', content, re.S).group(1))
    assert {m["title"] for m in markers} == {"Le Café de Baccon", "Le Café d'Odos"}
    assert 'value="24">Centre-Val de Loire' in content and 'value="76">Occitanie' in content
    occitanie = client.get("/devenir-gerant/", {"region": "76"}).content.decode()
    assert "1 café cherche son gérant" in occitanie and "Le Café de Baccon" not in occitanie
    assert "Toutes les régions</a>" in occitanie


def test_positions_page_query_count_does_not_grow(
    client, cafe_index, services, django_assert_max_num_queries
):
    communes = [geo.commune(code) for code in eligible_insee_codes(40)]
    add_cafes(cafe_index, communes, [s for s in services.values() if not s.is_base], 5)
    ManagerPosition.objects.bulk_create(ManagerPosition(cafe=c) for c in CafePage.objects.all())
    with django_assert_max_num_queries(8) as few:
        assert "5 cafés cherchent leur gérant" in client.get("/devenir-gerant/").content.decode()
    add_cafes(cafe_index, communes, [s for s in services.values() if not s.is_base], 35)
    ManagerPosition.objects.bulk_create(
        ManagerPosition(cafe=c) for c in CafePage.objects.filter(manager_positions__isnull=True)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "40 cafés cherchent leur gérant" in client.get("/devenir-gerant/").content.decode()


def test_form_offers_open_positions_and_preselects_the_cafe(client, baccon, odos):
    content = client.get("/devenir-gerant/candidater/", {"poste": position(baccon).pk}).content.decode()
    assert re.search(rf'value="{position(baccon).pk}"[^>]*checked', content)
    assert not re.search(rf'value="{position(odos).pk}"[^>]*checked', content)
    assert "Le Café d&#x27;Odos (Odos, Hautes-Pyrénées)" in content
    assert 'data-url="/candidature/communes/"' in content and "data-max-population" not in content
    assert 'enctype="multipart/form-data"' in content and 'accept="application/pdf,.pdf"' in content


def test_application_is_stored_with_distances_private_cv_and_acknowledged(client, settings, baccon, odos):
    response = client.post(
        "/devenir-gerant/candidater/", {**answers(baccon, odos), "cv": pdf_upload()}, follow=True
    )
    assert response.redirect_chain == [("/devenir-gerant/merci/", 302)]
    application = ManagerApplication.objects.get()
    assert application.commune.insee == COULMIERS and application.live_on_site
    assert application.consent_at is not None and application.stage == ManagerApplication.Stage.RECEIVED
    distances = {c.position.cafe.title: c.distance_km for c in application.choices.all()}
    expected = great_circle_km(geo.commune(COULMIERS), geo.commune(BACCON))
    assert distances["Le Café de Baccon"] == pytest.approx(expected) and 3 < expected < 8
    assert distances["Le Café d'Odos"] > 500
    assert application.nearest_km == pytest.approx(expected) and application.is_local
    # The CV lies in the private folder under a random name, never under MEDIA_ROOT.
    [stored] = private_files(settings)
    assert stored.read_bytes() == tiny_pdf() and "mon-cv" not in stored.name
    public = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert not [p for p in public if "cv-gerants" in str(p) or p.read_bytes() == tiny_pdf()]
    assert client.get(f"/media/{application.cv.name}").status_code == 404
    content = response.content.decode()
    assert (
        "Merci, votre candidature est envoyée" in content
        and "Le Café de Baccon, Le Café d&#x27;Odos" in content
    )
    [ack] = mail.outbox
    assert ack.to == ["maelle.t@exemple.invalid"] and "bien reçu votre candidature" in ack.subject
    assert "Bonjour Maëlle T." in ack.body and "Le Café de Baccon" in ack.body


def assert_kept(content: str, data: dict) -> None:
    """Everything the candidate typed is shown again."""
    for key in ("name", "email", "phone", "commune"):
        assert f'value="{data[key]}"' in content
    assert "Dix ans de bénévolat à la fête du village" in content
    assert f'value="{data["token"]}"' in content
    assert re.search(r'name="consent"[^>]*checked', content)


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(client, settings, baccon):
    data = answers(baccon)
    fake = pdf_upload(b"GIF89a pas du tout un PDF", name="cv.pdf")
    content = client.post("/devenir-gerant/candidater/", {**data, "cv": fake}).content.decode()
    [error] = field_errors(content, "cv")
    assert "Ce fichier n&#x27;est pas un PDF" in error and "sans CV" in error
    assert "seul le CV est à choisir à nouveau" in content
    assert_kept(content, data)
    assert not ManagerApplication.objects.exists() and private_files(settings) == []


def test_an_oversized_cv_is_refused(client, settings, baccon):
    settings.RECRUITMENT_CV_MAX_BYTES = 1024 * 1024
    data = answers(baccon)
    big = tiny_pdf() + b"%" + b"x" * (1024 * 1024) + b"\n%%EOF\n"
    content = client.post("/devenir-gerant/candidater/", {**data, "cv": pdf_upload(big)}).content.decode()
    [error] = field_errors(content, "cv")
    assert "Votre CV pèse 1.0 Mo : la limite est de 1 Mo" in error
    assert_kept(content, data)
    assert not ManagerApplication.objects.exists() and private_files(settings) == []


def test_an_unknown_commune_is_explained_and_nothing_is_lost(client, baccon):
    data = answers(baccon, commune="Villedenullepart")
    content = client.post("/devenir-gerant/candidater/", data).content.decode()
    [error] = field_errors(content, "commune")
    assert "Nous ne trouvons pas de commune nommée « Villedenullepart »" in error
    assert_kept(content, data)
    assert re.search(rf'value="{position(baccon).pk}"[^>]*checked', content)
    assert not ManagerApplication.objects.exists() and mail.outbox == []


def test_applying_to_a_closed_position_is_refused_by_name(client, baccon, odos):
    data = answers(baccon, odos)
    odos_position = position(odos)
    odos_position.is_open = False  # filled while the candidate was writing
    odos_position.save()
    content = client.post("/devenir-gerant/candidater/", data).content.decode()
    [error] = field_errors(content, "positions")
    assert "Ce poste n&#x27;est plus ouvert : Le Café d&#x27;Odos" in error
    assert "choisissez un autre café" in error
    assert_kept(content, data)
    assert not ManagerApplication.objects.exists()


def test_every_missing_answer_is_shown_in_french(client, baccon):
    data = answers(
        baccon, name="", email="pas-une-adresse", phone="12", positions=[], available_from="demain",
        live_on_site="", motivation="", welcoming_experience="", consent="",
    )  # fmt: skip
    content = client.post("/devenir-gerant/candidater/", data).content.decode()
    assert field_errors(content, "name") == ["Champ requis."]
    assert field_errors(content, "email") == ["Saisissez une adresse de courriel valide."]
    assert "10 chiffres" in field_errors(content, "phone")[0]
    assert field_errors(content, "positions") == ["Cochez au moins un café."]
    assert field_errors(content, "available_from") == ["Indiquez une date, par exemple 01/09/2026."]
    assert field_errors(content, "live_on_site") == ["Champ requis."]
    assert field_errors(content, "motivation") == ["Champ requis."]
    assert "sans votre accord" in field_errors(content, "consent")[0]
    assert "Mes parents habitent la commune voisine." in content
    assert not ManagerApplication.objects.exists()


def test_a_double_submit_stores_one_application_and_one_cv(client, settings, baccon):
    data = answers(baccon)
    first = client.post("/devenir-gerant/candidater/", {**data, "cv": pdf_upload()})
    second = client.post("/devenir-gerant/candidater/", {**data, "cv": pdf_upload()})
    assert first.status_code == second.status_code == 302
    assert ManagerApplication.objects.count() == 1 and len(private_files(settings)) == 1
    assert len(mail.outbox) == 1


def test_robots_filling_the_honeypot_store_nothing(client, baccon):
    response = client.post("/devenir-gerant/candidater/", answers(baccon, site_web="http://spam.example"))
    assert response.status_code == 302 and not ManagerApplication.objects.exists()


def test_thanks_page_shows_only_this_browsers_application(client, baccon):
    client.post("/devenir-gerant/candidater/", answers(baccon))
    other = client.__class__()
    content = other.get("/devenir-gerant/merci/").content.decode()
    assert "Maëlle" not in content and "maelle.t@exemple.invalid" not in content


def apply(client, *cafes, commune: str, name: str, email: str, cv: bool = False) -> ManagerApplication:
    data = answers(*cafes, commune=commune, name=name, email=email)
    if cv:
        data["cv"] = pdf_upload()
    client.post("/devenir-gerant/candidater/", data)
    return ManagerApplication.objects.get(email=email)


def test_staff_see_candidates_ranked_by_distance_with_local_ones_marked(
    client, baccon, odos, editor, member, django_assert_max_num_queries
):
    apply(client, baccon, commune="Lille", name="Candidat lointain", email="loin@exemple.invalid")
    apply(client, baccon, commune="Coulmiers", name="Candidate voisine", email="voisine@exemple.invalid")
    apply(client, odos, commune="Oursbelille", name="Candidat bigourdan", email="b@exemple.invalid")
    client.force_login(editor)
    with django_assert_max_num_queries(40):
        listing = client.get("/admin/snippets/reseau/managerapplication/").content.decode()
    order = [listing.index(n) for n in ("Candidate voisine", "Candidat bigourdan", "Candidat lointain")]
    assert order == sorted(order)
    assert listing.count("local (≤ 30 km)") == 2
    assert re.search(r"Le Café de Baccon : [3-8] km", listing)
    csv = client.get("/admin/snippets/reseau/managerapplication/", {"export": "csv"})
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "distance aux cafés" in text.splitlines()[0] and "Candidate voisine" in text
    assert "/managerapplication/add/" not in listing  # applications come from candidates only
    assert client.get("/admin/snippets/reseau/managerapplication/add/").status_code in (302, 403)
    client.force_login(member)
    assert client.get("/admin/snippets/reseau/managerapplication/").status_code in (302, 403)


def edit(client, application: ManagerApplication, stage: str, notes: str = ""):
    return client.post(
        f"/admin/snippets/reseau/managerapplication/edit/{application.pk}/",
        {
            "stage": stage,
            "staff_notes": notes,
            "name": application.name,
            "email": application.email,
            "phone": application.phone,
        },
    )


def test_stage_changes_that_matter_email_the_candidate_in_french(client, baccon, editor):
    application = apply(client, baccon, commune="Coulmiers", name="Maëlle T.", email="m@exemple.invalid")
    mail.outbox.clear()
    client.force_login(editor)
    response = edit(client, application, "rencontre", "Très à l'aise avec le public ; connaît la mairie.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "rencontre" and "connaît la mairie" in application.staff_notes
    assert application.stage_changed_at is not None
    [message] = mail.outbox
    assert message.to == ["m@exemple.invalid"] and message.subject.startswith("Merci pour notre rencontre")
    assert "Bonjour Maëlle T." in message.body and "Le Café de Baccon" in message.body
    edit(client, application, "rencontre", "Notes seulement.")  # same stage: no new e-mail
    edit(client, application, "recue")  # the team's correction: nothing to tell
    assert len(mail.outbox) == 1
    edit(client, application, "non_retenue")
    assert mail.outbox[-1].subject.startswith("Votre candidature n'est pas retenue")


def test_cv_is_downloaded_by_staff_only(client, baccon, editor, member):
    application = apply(
        client, baccon, commune="Coulmiers", name="A. B.", email="ab@exemple.invalid", cv=True
    )
    url = f"/admin/recrutement/cv/{application.pk}/"
    assert client.get(url).status_code == 302  # visitor: to the admin login
    client.force_login(member)
    assert client.get(url).status_code in (302, 403)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == tiny_pdf()
    edit_page = client.get(f"/admin/snippets/reseau/managerapplication/edit/{application.pk}/")
    assert url in edit_page.content.decode() and "Coulmiers" in edit_page.content.decode()


def test_old_applications_are_anonymised_idempotently_with_progress(client, settings, baccon):
    old = apply(client, baccon, commune="Coulmiers", name="Ancienne C.", email="old@exemple.invalid", cv=True)
    recent = apply(client, baccon, commune="Tarbes", name="Récente D.", email="new@exemple.invalid")
    ManagerApplication.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=800))
    out = StringIO()
    call_command("anonymise_manager_applications", stdout=out)
    assert "1/1 candidatures anonymisées" in out.getvalue()
    old.refresh_from_db()
    assert old.name == ANONYMOUS_NAME and old.email == "" and old.motivation == "" and not old.cv
    assert old.commune.insee == COULMIERS and old.choices.count() == 1  # the network still counts it
    assert private_files(settings) == []
    recent.refresh_from_db()
    assert recent.name == "Récente D."
    again = StringIO()
    call_command("anonymise_manager_applications", stdout=again)
    assert "Terminé : 0 candidature(s)" in again.getvalue()


def test_a_candidate_gets_their_data_exported_then_deleted(client, settings, baccon, odos):
    apply(client, baccon, odos, commune="Coulmiers", name="E. F.", email="ef@exemple.invalid", cv=True)
    apply(client, baccon, commune="Tarbes", name="Autre G.", email="autre@exemple.invalid")
    out = StringIO()
    call_command("export_manager_applications", "EF@exemple.invalid", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["nom"] == "E. F." and row["commune"] == "Coulmiers (45130)" and row["CV joint"] is True
    assert [c["café"] for c in row["cafés"]] == ["Le Café de Baccon", "Le Café d'Odos"]
    call_command("delete_manager_applications", "ef@exemple.invalid", "--oui", stdout=StringIO())
    assert list(ManagerApplication.objects.values_list("name", flat=True)) == ["Autre G."]
    assert private_files(settings) == []
    with pytest.raises(Exception, match="Aucune candidature"):
        call_command("export_manager_applications", "ef@exemple.invalid", stdout=StringIO())
