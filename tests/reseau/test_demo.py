from django.core.management import call_command

from reseau.geography import Commune
from reseau.models import CafePage, ContentPage, Member


def counts():
    return (
        Commune.objects.count(),
        CafePage.objects.count(),
        ContentPage.objects.count(),
        Member.objects.count(),
    )


def test_demo_loads_real_cafes_and_is_idempotent(db, client, capsys):
    call_command("load_demo")
    first = counts()
    assert first[1] >= 8
    for cafe in CafePage.objects.select_related("commune"):
        assert cafe.commune.is_eligible, cafe.commune
    call_command("load_demo")
    assert counts() == first
    output = capsys.readouterr().out
    assert "cafe-demo-2026" in output and "gerant-beaulon" in output
    assert client.get("/").status_code == 200
    assert client.login(username="gerant-beaulon", password="cafe-demo-2026")
