"""Fixtures of the consultation tests: a café's open consultation, real neighbouring communes, the form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Consultation
from reseau.models import Service
from tests import geo

# Real communes within 12 km of Beaulon (Allier), from ../shared/data/; Saint-Aubin-sur-Loire is across the
# Loire, in Saône-et-Loire.
NEIGHBOURS = {
    "03120": "Garnat-sur-Engièvre",
    "03102": "Dompierre-sur-Besbre",
    "71389": "Saint-Aubin-sur-Loire",
}


@pytest.fixture
def consultation(cafe):
    for insee in NEIGHBOURS:
        geo.commune(insee)
    today = timezone.localdate()
    return Consultation.objects.create(
        cafe=cafe, opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=20)
    )


@pytest.fixture
def grocery(db):
    return Service.objects.get(slug="epicerie")


@pytest.fixture
def meals(db):
    return Service.objects.get(slug="portage-de-repas")


@pytest.fixture
def answer_data(consultation, grocery, meals):
    def data(**changes) -> dict:
        values = {
            "services": [str(grocery.pk), str(meals.pk)],
            "idea": "Une épicerie ouverte le dimanche matin",
            "frequency": "hebdomadaire",
            "age_band": "60-74",
            "commune": str(consultation.cafe.commune_id),
            "hamlet": "",
            "email": "habitante@exemple.invalid",
            "consent": "on",
            "site_web": "",
        }
        values.update(changes)
        return values

    return data


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST an answer as a browser does, running what the view schedules after the commit (the e-mail)."""

    def post(client, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/cafes/le-cafe-de-beaulon/consultation/", data)

    return post
