"""An inhabitant answers a café's consultation without an account: one answer per person, confirmed through
a signed one-time link; bad input, robots, floods and a closed consultation get clear French messages."""

import html
import re
from datetime import timedelta

from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from consultations.models import Answer
from tests import geo
from tests.consultations.conftest import NEIGHBOURS


def text(response) -> str:
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


URL = "/cafes/le-cafe-de-beaulon/consultation/"


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/cafes/\S+/confirmer/\S+/)", message.body)[1]


def test_form_offers_the_services_and_the_real_communes_around_the_cafe(client, consultation):
    content = text(client.get(URL))
    assert "Épicerie" in content and "Portage de repas à domicile" in content
    assert "Café</label>" not in content  # the base every café has is not asked
    for name in ["Beaulon", *NEIGHBOURS.values()]:
        assert f">{name}</option>" in content
    assert "J'accepte que ma réponse" in content


def test_inhabitant_answers_confirms_by_the_link_and_is_counted_once(send, client, answer_data):
    response = send(client, answer_data(commune=str(geo.commune("03120").pk)))
    assert response.status_code == 302 and response["Location"].endswith("/consultation/merci/")
    answer = Answer.objects.get()
    assert answer.confirmed_at is None and answer.commune.name == "Garnat-sur-Engièvre"
    assert "habitante" not in answer.email_digest  # the address itself is never stored
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["habitante@exemple.invalid"]
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert "Confirmer ma réponse" in text(page)
    assert Answer.objects.confirmed().count() == 0
    response = client.post(link)
    assert "Votre réponse est confirmée" in text(response)
    again = client.post(link)
    assert "Votre réponse était déjà confirmée" in text(again)
    answer.refresh_from_db()
    assert answer.confirmed_at is not None
    assert set(answer.services.values_list("slug", flat=True)) == {"epicerie", "portage-de-repas"}
    assert Answer.objects.count() == 1


def test_a_second_answer_with_the_same_address_is_refused_once_confirmed(
    send, client, answer_data, consultation
):
    send(client, answer_data())
    answer = Answer.objects.get()
    Answer.objects.filter(pk=answer.pk).update(confirmed_at=timezone.now())
    response = send(client, answer_data(email="  HABITANTE@exemple.invalid ", idea="Autre chose"))
    assert response.status_code == 409
    assert "déjà répondu à cette consultation : une seule réponse par personne" in text(response)
    assert (
        Answer.objects.count() == 1 and Answer.objects.get().idea == "Une épicerie ouverte le dimanche matin"
    )


def test_sending_again_before_confirming_replaces_the_answer_and_only_the_newest_link_works(
    send, client, answer_data
):
    send(client, answer_data())
    first_link = confirmation_link(mail.outbox[0])
    send(client, answer_data(idea="Des repas livrés aux anciens"))
    assert Answer.objects.count() == 1 and Answer.objects.get().idea == "Des repas livrés aux anciens"
    response = client.post(first_link)
    assert response.status_code == 400 and "Ce lien a été remplacé" in text(response)
    assert client.post(confirmation_link(mail.outbox[1])).status_code == 200
    assert Answer.objects.confirmed().count() == 1


def test_empty_answer_is_refused_and_what_was_typed_is_kept(send, client, answer_data):
    response = send(client, answer_data(services=[], idea="   ", hamlet="Les Grands Champs"))
    assert response.status_code == 400
    content = text(response)
    assert "Votre réponse est vide : cochez au moins un service ou écrivez une idée" in content
    assert 'value="Les Grands Champs"' in content and 'value="habitante@exemple.invalid"' in content
    assert not Answer.objects.exists() and not mail.outbox


def test_every_missing_field_is_explained_in_french(send, client, answer_data):
    response = send(
        client, answer_data(frequency="", age_band="", commune="", email="pas-une-adresse", consent="")
    )
    content = text(response)
    for message in [
        "Dites à quelle fréquence vous viendriez.",
        "Choisissez votre tranche d'âge.",
        "Choisissez votre commune.",
        "Cette adresse électronique n'est pas valide",
        "Cochez la case de consentement",
    ]:
        assert message in content
    assert not Answer.objects.exists()


def test_a_commune_outside_the_list_is_refused_but_another_commune_is_allowed(send, client, answer_data):
    far = geo.commune("63131")  # Culhat, in the Puy-de-Dôme
    response = send(client, answer_data(commune=str(far.pk)))
    assert "Choisissez votre commune dans la liste." in text(response)
    response = send(client, answer_data(commune="autre"))
    assert response.status_code == 302 and Answer.objects.get().commune is None


def test_honeypot_filled_by_a_robot_stores_nothing_and_sends_nothing(send, client, answer_data):
    response = send(client, answer_data(site_web="http://spam.example"))
    assert response.status_code == 302
    assert not Answer.objects.exists() and not mail.outbox


@override_settings(CONSULTATION_ANSWERS_PER_ADDRESS=3)
def test_a_flood_from_one_address_is_stopped_with_a_french_message(send, client, answer_data):
    for n in range(3):
        send(client, answer_data(email=f"robot{n}@exemple.invalid"))
    response = send(client, answer_data(email="robot9@exemple.invalid"))
    assert response.status_code == 429
    assert "Trop de réponses envoyées depuis votre connexion" in text(response)
    assert Answer.objects.count() == 3
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert send(other, answer_data(email="voisin@exemple.invalid")).status_code == 302


@override_settings(CONSULTATION_MAILS_PER_ADDRESS=2)
def test_confirmation_mails_to_one_address_are_limited(send, client, answer_data):
    send(client, answer_data())
    send(client, answer_data(idea="Deuxième envoi"))
    response = send(client, answer_data(idea="Troisième envoi"))
    assert response.status_code == 429 and "plusieurs messages de confirmation" in text(response)
    assert len(mail.outbox) == 2 and Answer.objects.get().idea == "Deuxième envoi"


def test_closed_consultation_says_so_and_stores_nothing(send, client, consultation, answer_data):
    consultation.opens_on = timezone.localdate() - timedelta(days=40)
    consultation.closes_on = timezone.localdate() - timedelta(days=10)
    consultation.save()
    page = text(client.get(URL))
    assert "Cette consultation est close depuis le" in page and "Envoyer ma réponse" not in page
    response = send(client, answer_data())
    assert response.status_code == 410
    assert not Answer.objects.exists() and not mail.outbox


def test_confirming_after_the_close_is_refused(send, client, consultation, answer_data):
    send(client, answer_data())
    link = confirmation_link(mail.outbox[0])
    consultation.opens_on = timezone.localdate() - timedelta(days=40)
    consultation.closes_on = timezone.localdate() - timedelta(days=1)
    consultation.save()
    response = client.post(link)
    assert response.status_code == 400 and "les réponses non confirmées avant cette date" in text(response)
    assert Answer.objects.confirmed().count() == 0


def test_tampered_and_expired_links_are_explained(send, client, answer_data):
    send(client, answer_data())
    link = confirmation_link(mail.outbox[0])
    response = client.post(link[:-3] + "xx/")
    assert response.status_code == 400 and "Ce lien de confirmation n'est pas valide" in text(response)
    with override_settings(CONSULTATION_CONFIRM_DAYS=0):  # any age is over a life of 0 days
        response = client.post(link)
    assert response.status_code == 400 and "Ce lien de confirmation a expiré" in text(response)
    assert Answer.objects.confirmed().count() == 0


def test_a_cafe_without_consultation_says_so(client, cafe):
    response = client.get(URL)
    assert response.status_code == 404 and "n'a pas de consultation ouverte" in text(response)


def test_the_form_runs_a_fixed_number_of_queries(client, consultation, django_assert_max_num_queries):
    for insee in ["03074", "03100", "71255", "71047"]:  # Chevagnes, Diou, Lesme, Bourbon-Lancy: within 12 km
        geo.commune(insee)
    client.get(URL)
    with django_assert_max_num_queries(12):
        content = text(client.get(URL))
    for name in ["Chevagnes", "Diou", "Lesme", "Bourbon-Lancy", *NEIGHBOURS.values()]:
        assert f">{name}</option>" in content
