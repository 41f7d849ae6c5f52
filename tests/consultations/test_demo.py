"""The demo consultations: three cafés, answers from real communes around them, idempotent."""

from consultations import demo
from consultations.models import Answer, Consultation, OpenedService
from tests import geo

# Each demo café with two real neighbours (from ../shared/data/).
CAFES = {"03019": ("03120", "03102"), "63131": ("63180", "63194"), "42073": ("42193", "42165")}


def test_demo_consultations_load_once_with_answers_from_real_communes(make_cafe):
    for insee, neighbours in CAFES.items():
        make_cafe(insee)
        for neighbour in neighbours:
            geo.commune(neighbour)
    demo.load(lambda message: None)
    counts = (Consultation.objects.count(), Answer.objects.count(), OpenedService.objects.count())
    assert counts[0] == 3 and counts[1] >= 90 and counts[2] >= 1
    assert Answer.objects.filter(confirmed_at__isnull=True).count() == 0
    assert sum(c.is_open() for c in Consultation.objects.all()) == 2
    assert set(Answer.objects.values_list("commune__insee", flat=True)) > set(CAFES)
    assert not Answer.objects.exclude(hamlet="").exists()  # no invented hamlet
    demo.load(lambda message: None)
    assert (Consultation.objects.count(), Answer.objects.count(), OpenedService.objects.count()) == counts
