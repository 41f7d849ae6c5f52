"""The demo resources: ten contracts and partnerships in realistic categories, one expiring, idempotent."""

from ressources import demo
from ressources.models import ContractDocument, ContractPage, ContractUse, ResourceIndexPage

CAFES = ("03019", "63131", "42073", "35248", "72361", "29071", "73033", "11068", "71409", "08449", "62788")


def test_demo_contracts_load_once_with_documents_and_feedback(make_cafe):
    for insee in CAFES:
        make_cafe(insee)
    demo.load(lambda message: None)
    counts = (ContractPage.objects.count(), ContractDocument.objects.count(), ContractUse.objects.count())
    assert counts[0] == 10 and counts[1] >= 3 and counts[2] >= 15
    assert ResourceIndexPage.objects.get().url == "/reseau/"
    assert len(set(ContractPage.objects.values_list("category", flat=True))) >= 8
    contracts = list(ContractPage.objects.all())
    assert any(c.is_expiring for c in contracts) and any(c.is_expired for c in contracts)
    assert all(c.visibility == "membres" for c in contracts)
    demo.load(lambda message: None)
    assert (
        ContractPage.objects.count(),
        ContractDocument.objects.count(),
        ContractUse.objects.count(),
    ) == counts
