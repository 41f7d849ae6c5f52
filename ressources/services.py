"""Writes on the network's resources, one function per action in a transaction (views stay thin)."""

from django.db import transaction

from reseau.models import member_cafe
from ressources.models import ContractPage, ContractUse


class UseError(Exception):
    """The member cannot record this use; the message says why, in French."""


@transaction.atomic
def record_use(contract: ContractPage, user, rating: int, comment: str) -> tuple[ContractUse, bool]:
    """The member's café uses `contract`: one row per café and contract, updated if the café rates it again.

    Returns (use, created)."""
    cafe = member_cafe(user)
    if cafe is None:
        raise UseError(
            "Seuls les cafés du réseau donnent leur avis : votre compte n'est rattaché à aucun café "
            "(l'équipe peut le faire pour vous)."
        )
    return ContractUse.objects.update_or_create(
        contract=contract,
        cafe=cafe,
        defaults={"member": user, "rating": rating, "comment": comment.strip()},
    )
