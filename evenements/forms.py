"""Forms of evenements: every rule a person can break gets a French message next to the field concerned."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from taggit.models import Tag

from evenements.models import PARIS, Audience, Event, EventFormatPage, FormatRun, Registration, Season
from reseau.geography import Region
from reseau.models import CafePage
from reseau.widgets import QuickSelect

# Budget ranges of the formats index: slug → (label, lowest total included, highest total excluded).
BUDGET_RANGES = {
    "moins-de-100": ("moins de 100 €", Decimal("0"), Decimal("100")),
    "100-a-300": ("de 100 à 300 €", Decimal("100"), Decimal("300")),
    "300-a-1000": ("de 300 à 1 000 €", Decimal("300"), Decimal("1000")),
    "plus-de-1000": ("1 000 € et plus", Decimal("1000"), None),
}


def paris_datetime(day: date, moment: time) -> datetime | None:
    """The aware datetime of a Paris wall-clock time, or None when that time does not exist that day.

    On the last Sunday of March, clocks jump from 2:00 to 3:00: 2:30 never happens. On the last Sunday of
    October, 2:00–3:00 happens twice; we take the first (summer time, fold=0), as calendars usually do.
    """
    aware = datetime.combine(day, moment).replace(tzinfo=PARIS)
    round_trip = aware.astimezone(UTC).astimezone(PARIS)
    if round_trip.replace(tzinfo=None) != aware.replace(tzinfo=None):
        return None
    return aware


class EventForm(forms.ModelForm):
    """A dated event at a café; start and end are entered as Paris dates and times."""

    start_date = forms.DateField(
        label="Date de début", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label="Heure de début", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label="Date de fin", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_time = forms.TimeField(
        label="Heure de fin", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    class Meta:
        model = Event
        fields = ["cafe", "format", "title", "description", "price", "registration_required", "capacity"]
        help_texts = {
            "price": "0 pour un évènement gratuit.",
            "capacity": "Obligatoire si l'évènement est sur inscription.",
        }

    field_order = [
        "cafe",
        "format",
        "title",
        "description",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "price",
        "registration_required",
        "capacity",
    ]

    def __init__(self, *args, cafes, formats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cafe"].queryset = cafes
        self.fields["cafe"].empty_label = None
        self.fields["format"].queryset = formats
        self.fields["format"].empty_label = "Aucun (évènement libre)"
        self.fields["format"].required = False
        for name in ("price", "capacity"):  # our own messages in clean_price and clean_capacity
            self.fields[name].validators = []
        self.fields["description"].widget.attrs["rows"] = 6

    def clean_price(self) -> Decimal:
        price = self.cleaned_data["price"]
        if price is not None and price < 0:
            raise ValidationError("Le prix ne peut pas être négatif (0 pour un évènement gratuit).")
        return price

    def clean_capacity(self) -> int | None:
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise ValidationError("La capacité doit être d'au moins une place.")
        return capacity

    def clean(self) -> dict:
        data = super().clean()
        start = end = None
        if data.get("start_date") and data.get("start_time"):
            start = paris_datetime(data["start_date"], data["start_time"])
            if start is None:
                self.add_error(
                    "start_time", "Cette heure n'existe pas ce jour-là (passage à l'heure d'été à 2 h)."
                )
            elif start <= timezone.now():
                self.add_error("start_date", "La date de début est passée : choisissez une date à venir.")
        if data.get("end_date") and data.get("end_time"):
            end = paris_datetime(data["end_date"], data["end_time"])
            if end is None:
                self.add_error(
                    "end_time", "Cette heure n'existe pas ce jour-là (passage à l'heure d'été à 2 h)."
                )
        if start and end and end <= start:
            self.add_error("end_time", "La fin doit venir après le début.")
            start = end = None
        if data.get("registration_required") and not data.get("capacity") and "capacity" not in self.errors:
            self.add_error("capacity", "Indiquez le nombre de places pour un évènement sur inscription.")
        if start and end:
            self.instance.start, self.instance.end = start, end
        return data

    @classmethod
    def initial_from_format(cls, event_format: EventFormatPage, today: date) -> dict:
        """Pre-filled from a format: its text, its usual size, and the first date its lead time allows."""
        start = datetime.combine(today + timedelta(days=event_format.lead_time_days), time(18, 0))
        end = start + timedelta(minutes=event_format.duration_minutes)
        return {
            "format": event_format.pk,
            "title": event_format.title,
            "description": event_format.summary,
            "start_date": start.date(),
            "start_time": start.time(),
            "end_date": end.date(),
            "end_time": end.time(),
            "price": Decimal("0"),
            "registration_required": True,
            "capacity": event_format.typical_attendance,
        }


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["name", "email", "seats"]
        labels = {"name": "Votre nom", "email": "Votre adresse e-mail"}
        help_texts = {"email": "Pour vous prévenir en cas de changement ; jamais affichée publiquement."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].validators = []  # our own messages in clean_seats

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_seats(self) -> int:
        seats = self.cleaned_data["seats"]
        if seats < 1:
            raise ValidationError("Réservez au moins une place.")
        if seats > 10:
            raise ValidationError("Au-delà de 10 places, contactez directement le café.")
        return seats

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service, inside the transaction that takes the places."""


class FormatRunForm(forms.ModelForm):
    """ "We ran it": what happened when a café ran a format."""

    class Meta:
        model = FormatRun
        fields = ["cafe", "format", "date", "attendance", "revenue", "cost", "rating", "lessons"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "rating": forms.Select(choices=[(n, f"{n} sur 5") for n in range(1, 6)]),
            "lessons": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "revenue": "Facultatif : ce que l'évènement a rapporté.",
            "cost": "Facultatif : ce qu'il a coûté.",
            "lessons": "Ce qui a marché, ce que vous changeriez : c'est ce que liront les autres cafés.",
        }

    def __init__(self, *args, cafes, formats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cafe"].queryset = cafes
        self.fields["cafe"].empty_label = None
        self.fields["format"].queryset = formats
        self.fields["format"].empty_label = None
        self.fields["rating"].validators = []
        for name in ("attendance", "revenue", "cost"):
            self.fields[name].min_value = None
            self.fields[name].validators = []

    def clean_date(self) -> date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise ValidationError("Cette date est à venir : le bilan se remplit une fois l'évènement passé.")
        return day

    def clean_attendance(self) -> int:
        attendance = self.cleaned_data["attendance"]
        if attendance < 0:
            raise ValidationError("Le nombre de participants ne peut pas être négatif.")
        return attendance

    def clean_rating(self) -> int:
        rating = self.cleaned_data["rating"]
        if not 1 <= rating <= 5:
            raise ValidationError("La note va de 1 à 5.")
        return rating

    def _clean_amount(self, name: str) -> Decimal | None:
        amount = self.cleaned_data.get(name)
        if amount is not None and amount < 0:
            raise ValidationError("Indiquez un montant positif (0 si rien).")
        return amount

    def clean_revenue(self) -> Decimal | None:
        return self._clean_amount("revenue")

    def clean_cost(self) -> Decimal | None:
        return self._clean_amount("cost")


class FormatFilterForm(forms.Form):
    """The formats index's filters; a format for « tout public » or « toute l'année » matches every choice."""

    public = forms.ChoiceField(
        label="Public",
        required=False,
        choices=[("", "Tous les publics"), *Audience.choices],
        widget=QuickSelect,
    )
    saison = forms.ChoiceField(
        label="Saison",
        required=False,
        choices=[("", "Toutes les saisons"), *Season.choices],
        widget=QuickSelect,
    )
    budget = forms.ChoiceField(
        label="Budget",
        required=False,
        choices=[("", "Tous les budgets")] + [(key, label) for key, (label, _, _) in BUDGET_RANGES.items()],
        widget=QuickSelect,
    )
    etiquettes = forms.MultipleChoiceField(
        label="Étiquettes", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, formats, **kwargs):
        super().__init__(*args, **kwargs)
        tags = Tag.objects.filter(evenements_eventformattag_items__content_object__in=formats).distinct()
        self.fields["etiquettes"].choices = [(tag.slug, tag.name) for tag in tags.order_by("name")]

    def filter(self, formats):
        """`formats` narrowed by the valid filters (an invalid one shows its error and filters nothing)."""
        if not self.is_bound:
            return formats
        self.is_valid()
        data = self.cleaned_data
        if data.get("public"):
            formats = formats.filter(audience__in=[data["public"], Audience.EVERYONE])
        if data.get("saison"):
            formats = formats.filter(season__in=[data["saison"], Season.ALL_YEAR])
        if data.get("budget"):
            _, low, high = BUDGET_RANGES[data["budget"]]
            formats = formats.filter(budget__gte=low)
            if high is not None:
                formats = formats.filter(budget__lt=high)
        for slug in data.get("etiquettes") or []:
            formats = formats.filter(tagged__tag__slug=slug)
        return formats


class AgendaFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Région",
        required=False,
        queryset=Region.objects.none(),
        to_field_name="code",
        empty_label="Toutes",
        widget=QuickSelect,
    )
    cafe = forms.ModelChoiceField(
        label="Café",
        required=False,
        queryset=CafePage.objects.none(),
        to_field_name="slug",
        empty_label="Tous",
        widget=QuickSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(
            departments__communes__cafes__live=True
        ).distinct()
        self.fields["cafe"].queryset = CafePage.objects.live().order_by("title")

    def filter(self, events):
        if not self.is_bound:
            return events
        self.is_valid()
        if region := self.cleaned_data.get("region"):
            events = events.filter(cafe__commune__department__region=region)
        if cafe := self.cleaned_data.get("cafe"):
            events = events.filter(cafe=cafe)
        return events
