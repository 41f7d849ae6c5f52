"""A consultation's results, from confirmed answers only: counts per service, who answered, the ideas
grouped by the service they speak of, answers over time, and the geometry of the server-rendered SVG charts.

Every figure is one GROUP BY query (a fixed number of queries, whatever the number of answers)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from consultations.models import AgeBand, Answer, Consultation, Frequency
from reseau.geography import fold_name
from reseau.models import Service

CHART_WIDTH = 640
LABEL_WIDTH = 210
ROW_HEIGHT = 30
BAR_HEIGHT = 20
COLUMN_CHART_HEIGHT = 180


@dataclass
class Bar:
    """One bar, in whole SVG units (a float would be written with a French decimal comma by templates)."""

    label: str
    value: int
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0

    @property
    def end(self) -> int:
        return self.x + self.width


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    max_value: int


def service_counts(consultation: Consultation) -> list[tuple[Service, int]]:
    """Every multiservice of the network's list with the number of confirmed answers that chose it."""
    chosen = Q(
        consultation_answers__consultation=consultation, consultation_answers__confirmed_at__isnull=False
    )
    services = Service.objects.filter(is_base=False).annotate(
        answers=Count("consultation_answers", filter=chosen)
    )
    return sorted(
        ((s, s.answers) for s in services), key=lambda pair: (-pair[1], pair[0].sort_order, pair[0].name)
    )


def _distribution(answers, field_name: str, labels: dict[str, str]) -> list[tuple[str, int]]:
    counts = dict(answers.order_by().values_list(field_name).annotate(n=Count("pk")))
    return [(label, counts.get(key, 0)) for key, label in labels.items()]


def place_counts(answers) -> list[tuple[str, int]]:
    """Where the inhabitants who answered live: commune (and hamlet when given), most frequent first."""
    rows = answers.order_by().values_list("commune__name", "hamlet").annotate(n=Count("pk"))
    counts: dict[str, int] = {}
    for commune, hamlet, n in rows:
        name = commune or "une autre commune"
        label = f"{name}, {hamlet.strip()}" if hamlet.strip() else name
        counts[label] = counts.get(label, 0) + n
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def week_counts(answers) -> list[tuple[date, int]]:
    """Confirmed answers per week (Monday's date), with the empty weeks in between."""
    per_day = (
        answers.order_by().annotate(day=TruncDate("confirmed_at")).values_list("day").annotate(n=Count("pk"))
    )
    weeks: dict[date, int] = {}
    for day, n in per_day:
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + n
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    return [
        (first + timedelta(weeks=i), weeks.get(first + timedelta(weeks=i), 0))
        for i in range((last - first).days // 7 + 1)
    ]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) else word


def _words(text: str) -> set[str]:
    return {_stem(word) for word in re.findall(r"[a-z0-9]+", fold_name(text)) if len(word) >= 4}


@dataclass
class IdeaGroup:
    label: str
    ideas: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(n for _idea, n in self.ideas)


def grouped_ideas(answers, services: list[Service]) -> list[IdeaGroup]:
    """The free-text ideas, the same idea written alike counted once with its number, grouped under the
    first service of the network's list whose name they use (« une épicerie le dimanche » → Épicerie), the
    rest under « Autres idées ». Largest groups first."""
    keywords = [(service, _words(service.name)) for service in services]
    groups: dict[str, IdeaGroup] = {}
    same: dict[tuple[str, str], list] = {}
    for idea in answers.exclude(idea="").order_by("confirmed_at").values_list("idea", flat=True):
        words = _words(idea)
        service = next((s for s, keys in keywords if keys & words), None)
        label = service.name if service else "Autres idées"
        group = groups.setdefault(label, IdeaGroup(label))
        key = (label, " ".join(sorted(words)) or fold_name(idea))
        if key in same:
            same[key][1] += 1
        else:
            same[key] = [idea.strip(), 1]
            group.ideas.append(same[key])
    result = []
    for group in groups.values():
        group.ideas = [(text, n) for text, n in sorted(group.ideas, key=lambda item: -item[1])]
        result.append(group)
    return sorted(result, key=lambda g: (g.label == "Autres idées", -g.total, g.label))


def bar_chart(rows: list[tuple[str, int]]) -> Chart:
    """Horizontal bars (label, value), scaled to the largest value, for the services chart."""
    top = max((value for _label, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    bars = [
        Bar(
            label=label,
            value=value,
            x=LABEL_WIDTH,
            y=i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
            width=round(span * value / top),
            height=BAR_HEIGHT,
        )
        for i, (label, value) in enumerate(rows)
    ]
    return Chart(bars=bars, width=CHART_WIDTH, height=max(len(rows), 1) * ROW_HEIGHT, max_value=top)


def column_chart(rows: list[tuple[str, int]]) -> Chart:
    """Vertical columns (label, value) for the answers over time; room below for the labels."""
    top = max((value for _label, value in rows), default=0) or 1
    slot = (CHART_WIDTH - 20) / max(len(rows), 1)
    plot = COLUMN_CHART_HEIGHT - 40
    bars = []
    for i, (label, value) in enumerate(rows):
        height = round(plot * value / top)
        bars.append(
            Bar(label=label, value=value, x=round(10 + i * slot + slot * 0.15), y=20 + plot - height,
                width=max(round(slot * 0.7), 1), height=height)
        )  # fmt: skip
    return Chart(bars=bars, width=CHART_WIDTH, height=COLUMN_CHART_HEIGHT, max_value=top)


def consultation_results(consultation: Consultation) -> dict:
    """Everything the results page shows, from confirmed answers only."""
    answers = Answer.objects.confirmed().filter(consultation=consultation)
    services = service_counts(consultation)
    weeks = week_counts(answers)
    total = answers.count()
    return {
        "total": total,
        "pending": Answer.objects.filter(consultation=consultation, confirmed_at__isnull=True).count(),
        "services": services,
        "services_chart": bar_chart([(service.name, n) for service, n in services]),
        "frequencies": _distribution(answers, "frequency", dict(Frequency.choices)),
        "ages": _distribution(answers, "age_band", dict(AgeBand.choices)),
        "places": place_counts(answers),
        "ideas": grouped_ideas(answers, [service for service, _n in services]),
        "weeks": weeks,
        "weeks_chart": column_chart([(f"{monday:%d/%m}", n) for monday, n in weeks]),
    }


def csv_rows(consultation: Consultation):
    """The confirmed answers as CSV rows (header first); no e-mail address is ever stored, so none is here."""
    yield ["confirmée le", "services choisis", "idée", "fréquence", "tranche d'âge", "commune", "hameau"]
    answers = (
        Answer.objects.confirmed()
        .filter(consultation=consultation)
        .select_related("commune")
        .prefetch_related("services")
        .order_by("confirmed_at")
    )
    for answer in answers:
        yield [
            f"{timezone.localtime(answer.confirmed_at):%Y-%m-%d %H:%M}",
            " ; ".join(service.name for service in answer.services.all()),
            spreadsheet_safe(answer.idea),
            answer.get_frequency_display(),
            answer.get_age_band_display(),
            answer.commune.name if answer.commune else "autre commune",
            spreadsheet_safe(answer.hamlet),
        ]


def spreadsheet_safe(text: str) -> str:
    """Typed text that a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
