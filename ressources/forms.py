from django import forms


class ContractUseForm(forms.Form):
    """« Notre café l'utilise » : a rating and a comment, for the other cafés."""

    note = forms.TypedChoiceField(
        label="Votre note",
        choices=[(str(n), f"{n} sur 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une note de 1 à 5.",
            "invalid_choice": "Choisissez une note de 1 à 5.",
        },
    )
    commentaire = forms.CharField(
        label="Votre avis pour les autres cafés",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Dites en une phrase ce que ce contrat apporte à votre café (ou ce qui coince).",
            "max_length": "Votre avis dépasse 2 000 caractères : raccourcissez-le.",
        },
    )

    def clean_commentaire(self) -> str:
        comment = self.cleaned_data["commentaire"].strip()
        if not comment:
            raise forms.ValidationError(
                "Dites en une phrase ce que ce contrat apporte à votre café (ou ce qui coince)."
            )
        return comment
