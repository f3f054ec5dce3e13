"""Reads about citizens' panels: lists, a panel's features and quotas, its pool, runs, draw and members."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from commonweal.organisations import place_staff
from commonweal.panels.models import (
    Category,
    Draw,
    Feature,
    Panel,
    PanelMember,
    PoolImport,
    SelectionRun,
    Volunteer,
)


def panel_get(pk: int) -> Panel | None:
    return Panel.objects.select_related("place", "framework").filter(pk=pk).first()


def panel_list(user) -> QuerySet[Panel]:
    """Panels anyone may see, and the drafts of places this person manages."""
    panels = Panel.objects.select_related("place").order_by("-created_at", "-pk")
    if user.is_authenticated and user.is_staff:
        return panels
    visible = panels.exclude(status=Panel.Status.DRAFT)
    if not user.is_authenticated:
        return visible
    # The drafts of the places they act for (permissions.can_manage, asked once for every place rather
    # than once per draft).
    return panels.filter(
        ~Q(status=Panel.Status.DRAFT) | Q(place_id__in=place_staff.staff_place_ids(user))
    )


def panels_gathering_volunteers() -> QuerySet[Panel]:
    """Panels whose pool of volunteers is open: the people invited may still say they will stand."""
    return (
        Panel.objects.filter(status=Panel.Status.POOL_OPEN)
        .select_related("place")
        .order_by("-created_at", "-pk")
    )


def panels_for_member(user) -> QuerySet[Panel]:
    """The panels this person sits on."""
    if not user.is_authenticated:
        return Panel.objects.none()
    return (
        Panel.objects.filter(members__user=user)
        .select_related("place")
        .prefetch_related("needs")
        .distinct()
    )


def features(panel: Panel) -> list[Feature]:
    return list(panel.features.prefetch_related("categories"))


def categories(panel: Panel) -> QuerySet[Category]:
    return (
        Category.objects.filter(feature__panel=panel)
        .select_related("feature")
        .order_by("feature__position", "feature__pk", "position", "pk")
    )


def pool(panel: Panel) -> QuerySet[Volunteer]:
    return panel.pool.order_by("number")


def pool_count(panel: Panel) -> int:
    return panel.pool.count()


def pool_imports(panel: Panel, limit: int = 5) -> list[PoolImport]:
    """The panel's latest pool imports, newest first, without their files."""
    return list(panel.pool_imports.defer("data", "problems").select_related("created_by")[:limit])


def pool_import_active(panel: Panel) -> PoolImport | None:
    """The import waiting or reading for this panel, if any (there is at most one)."""
    return (
        panel.pool_imports.defer("data", "problems")
        .filter(status__in=(PoolImport.Status.QUEUED, PoolImport.Status.RUNNING))
        .first()
    )


def pool_import_get(panel: Panel, pk: int) -> PoolImport | None:
    return (
        panel.pool_imports.defer("data")
        .select_related("created_by", "stopped_by")
        .filter(pk=pk)
        .first()
    )


def pool_import_keeps_file(pool_import: PoolImport) -> bool:
    """Whether the import's file is still kept, so that it can be tried again."""
    return PoolImport.objects.filter(pk=pool_import.pk).exclude(data=b"").exists()


# A run's lottery: every panel in it and each person's chance, which grow with the pool.
LOTTERY = ("panels", "selection_probability")


def run_latest(panel: Panel) -> SelectionRun | None:
    """The panel's latest run, for its status (not its lottery, which grows with the pool)."""
    return panel.runs.defer(*LOTTERY, "conflicts").order_by("-created_at", "-pk").first()


def run_chosen(panel: Panel) -> SelectionRun | None:
    """The run whose distribution the draw uses: the one drawn from, else the latest finished one."""
    draw = draw_get(panel)
    if draw is not None:
        return draw.run
    return _latest_finished(panel.runs.all())


def _latest_finished(runs: QuerySet[SelectionRun]) -> SelectionRun | None:
    return runs.filter(status=SelectionRun.Status.FINISHED).order_by("-finished_at", "-pk").first()


def draw_get(panel: Panel) -> Draw | None:
    return Draw.objects.select_related("run", "entered_by").filter(panel=panel).first()


def draw_summary(panel: Panel) -> Draw | None:
    """The panel's draw, without its run (``draw.run_id`` says which)."""
    return Draw.objects.filter(panel=panel).first()


def run_chosen_summary(panel: Panel, draw: Draw | None) -> SelectionRun | None:
    """``run_chosen`` without the lottery itself: its method, levels and how many panels it has
    (``probabilities``), read in one query whatever the size of the pool."""
    runs = SelectionRun.objects.defer(*LOTTERY, "conflicts")
    if draw is not None:
        return runs.filter(pk=draw.run_id).first()
    return _latest_finished(runs.filter(panel=panel))


def lottery_panel_count(run: SelectionRun) -> int:
    """How many panels the lottery draws from (those with a chance above 0), as ``panel_chances`` counts."""
    return sum(1 for probability in run.probabilities if probability > 0)


def chances_by_number(run: SelectionRun | None) -> dict[int, float]:
    """Each pool number's chance in ``run`` (empty without one): the run's chances alone, not its panels."""
    if run is None:
        return {}
    stored = (
        SelectionRun.objects.filter(pk=run.pk)
        .values_list("selection_probability", flat=True)
        .first()
    )
    return {int(number): probability for number, probability in (stored or {}).items()}


def members(panel: Panel) -> QuerySet[PanelMember]:
    return panel.members.select_related("user", "volunteer").order_by("volunteer__number", "pk")


@dataclass(frozen=True)
class PersonChance:
    number: int
    probability: float
    drawn: bool
    name: str = ""


@dataclass(frozen=True)
class PanelChance:
    numbers: list[int]
    probability: float


def chances(
    run: SelectionRun, draw: Draw | None, *, names: dict[int, str] | None = None
) -> list[PersonChance]:
    """Each person's chance of selection, lowest first, by pool number; with names only when given."""
    drawn = {int(n) for n in (draw.drawn if draw else [])}
    names = names or {}
    people = [
        PersonChance(
            number=int(key),
            probability=value,
            drawn=int(key) in drawn,
            name=names.get(int(key), ""),
        )
        for key, value in run.selection_probability.items()
    ]
    return sorted(people, key=lambda person: (person.probability, person.number))


def panel_chances(run: SelectionRun, limit: int | None = None) -> list[PanelChance]:
    """The panels in the distribution, most likely first."""
    found = [
        PanelChance(numbers=sorted(int(n) for n in panel), probability=p)
        for panel, p in zip(run.panels, run.probabilities, strict=False)
        if p > 0
    ]
    found.sort(key=lambda chance: (-chance.probability, chance.numbers))
    return found[:limit] if limit else found


def pool_names(panel: Panel, numbers: Iterable[int] | None = None) -> dict[int, str]:
    """The names of the pool by number: everyone's, or only those of ``numbers`` (a page of them)."""
    people = panel.pool.all() if numbers is None else panel.pool.filter(number__in=list(numbers))
    return dict(people.values_list("number", "name"))


def chances_named(panel: Panel, people: Iterable[PersonChance]) -> list[PersonChance]:
    """``people`` (a page of ``chances``) with their names, asked for in one query."""
    people = list(people)
    names = pool_names(panel, [person.number for person in people])
    return [replace(person, name=names.get(person.number, "")) for person in people]
