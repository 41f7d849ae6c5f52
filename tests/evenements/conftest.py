"""Fixtures of the evenements tests: the section's pages, formats and dated events."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from evenements.models import (
    PARIS,
    BudgetLine,
    ChecklistItem,
    Event,
    EventFormatIndexPage,
    EventFormatPage,
    EventsIndexPage,
    RunSheetStep,
)
from reseau.access import Visibility


@pytest.fixture
def events_index(home):
    return home.add_child(instance=EventsIndexPage(title="Évènements", slug="evenements", show_in_menus=True))


@pytest.fixture
def formats_index(events_index):
    return events_index.add_child(instance=EventFormatIndexPage(title="Les formats", slug="formats"))


@pytest.fixture
def make_format(formats_index):
    def make(title: str = "Soirée quiz", *, budget=(("Lots", "60"), ("Affiches", "25")), tags=(), **fields):
        values = {
            "summary": "Un quiz par équipes, au comptoir, un soir de semaine.",
            "typical_attendance": 30,
            "duration_minutes": 150,
            "lead_time_days": 21,
            "visibility": Visibility.PUBLIC,
            **fields,
        }
        page = EventFormatPage(title=title, **values)
        for item, amount in budget:
            page.budget_lines.add(BudgetLine(item=item, amount=Decimal(amount)))
        page.checklist.add(
            ChecklistItem(requirement="Déclaration SACEM", who="SACEM, en ligne", days_before=15)
        )
        page.steps.add(
            RunSheetStep(phase=RunSheetStep.Phase.BEFORE, when="J-21", text="Écrire les questions")
        )
        page.steps.add(RunSheetStep(phase=RunSheetStep.Phase.AFTER, text="Ranger la salle"))
        page.tags.add(*tags)
        formats_index.add_child(instance=page)
        return page

    return make


@pytest.fixture
def quiz(make_format):
    return make_format()


def paris(days: int, hour: int = 20, minute: int = 0) -> datetime:
    """A Paris wall-clock time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def make_event(cafe):
    def make(title: str = "Quiz du jeudi", *, days: int = 10, hours: int = 2, **fields) -> Event:
        start = fields.pop("start", None) or paris(days)
        values = {
            "cafe": cafe,
            "description": "Venez en équipe !",
            "start": start,
            "end": start + timedelta(hours=hours),
        }
        values.update(fields)
        return Event.objects.create(title=title, **values)

    return make
