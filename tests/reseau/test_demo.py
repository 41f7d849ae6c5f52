from django.core.management import call_command

from reseau.geography import Commune
from reseau.models import (
    CafePage,
    CafePhoto,
    CommuneApplication,
    ContentPage,
    ManagerApplication,
    ManagerPosition,
    Member,
    StoryPage,
)


def counts():
    return (
        Commune.objects.count(),
        CafePage.objects.count(),
        ContentPage.objects.count(),
        Member.objects.count(),
        StoryPage.objects.count(),
        CommuneApplication.objects.count(),
        CafePhoto.objects.count(),
        ManagerPosition.objects.count(),
        ManagerApplication.objects.count(),
    )


def test_demo_loads_real_cafes_and_is_idempotent(db, client, capsys):
    call_command("load_demo")
    first = counts()
    assert first[1] >= 8
    for cafe in CafePage.objects.select_related("commune"):
        assert cafe.commune.is_eligible, cafe.commune
    assert first[1] >= 30 and first[4] == 5 and first[5] >= 3
    regions = set(CafePage.objects.values_list("commune__department__region", flat=True))
    assert len(regions) >= 8
    assert all(cafe.services.exists() and cafe.photos.exists() for cafe in CafePage.objects.all())
    assert Member.objects.filter(cafe__isnull=False).count() >= 7
    for story in StoryPage.objects.all():
        assert story.cafe and story.poster and story.poster_alt
        assert story.video_file and story.video_captions, "ffmpeg makes the demo clip (make test installs it)"
    assert ManagerPosition.objects.filter(is_open=True).count() == 5 and first[8] == 15
    for application in ManagerApplication.objects.prefetch_related("choices"):
        assert application.choices.exists() and application.nearest_km is not None
    call_command("load_demo")
    assert counts() == first
    output = capsys.readouterr().out
    assert "cafe-demo-2026" in output and "gerant-beaulon" in output
    assert client.get("/").status_code == 200
    assert client.login(username="gerant-beaulon", password="cafe-demo-2026")
