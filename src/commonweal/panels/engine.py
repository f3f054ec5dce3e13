"""The bridge between the database and the selection engine in ``sortition/``.

People go to the engine by their pool number, as text, so everything the engine returns (and
everything published) names people only by that anonymous number.
"""

from commonweal.panels import sortition
from commonweal.panels.models import Panel, SelectionRun


def people(panel: Panel) -> list:
    return [
        sortition.Person(id=str(number), features=values, household=household or None)
        for number, values, household in panel.pool.order_by("number").values_list(
            "number", "values", "household"
        )
    ]


def quotas(panel: Panel) -> list:
    from commonweal.panels.selectors import categories

    return [
        sortition.Quota(
            feature=category.feature.name,
            value=category.name,
            min=category.min_seats,
            max=panel.size if category.max_seats is None else category.max_seats,
        )
        for category in categories(panel)
    ]


def distribution_of(run: SelectionRun):
    """The stored distribution of a finished run, as the engine's own object."""
    return sortition.Distribution(
        panels=[tuple(panel) for panel in run.panels],
        probabilities=list(run.probabilities),
        selection_probability=dict(run.selection_probability),
        method=run.method,
        maximin=run.maximin or 0.0,
        stages_completed=run.stages_completed,
        finished=run.refinement_finished,
        seconds=run.seconds or 0.0,
    )


def draw_from(run: SelectionRun, seed: str) -> tuple[str, ...]:
    """The panel the seed picks from the run's distribution: the same every time, for anyone."""
    return tuple(sortition.draw(distribution_of(run), seed))


def check(panel: Panel, drawn) -> list[str]:
    """What is wrong with a drawn panel (quotas, size, households); empty when nothing is."""
    return list(
        sortition.check_panel(
            [str(n) for n in drawn],
            people(panel),
            quotas(panel),
            panel.size,
            one_per_household=panel.one_per_household,
        )
    )


def run_document(panel: Panel, run: SelectionRun, draw) -> dict:
    """Everything needed to re-run the draw: the distribution, the seed and the drawn panel."""
    return {
        "panel": {
            "id": panel.pk,
            "title": panel.title,
            "place": panel.place.name,
            "size": panel.size,
            "one_per_household": panel.one_per_household,
        },
        "method": run.method,
        "maximin": run.maximin,
        "stages_completed": run.stages_completed,
        "refinement_finished": run.refinement_finished,
        "panels": [list(p) for p in run.panels],
        "probabilities": list(run.probabilities),
        "selection_probability": dict(run.selection_probability),
        "seed": draw.seed if draw else None,
        "drawn": [str(n) for n in draw.drawn] if draw else None,
        "how_to_rerun": (
            "from commonweal.panels.sortition import Distribution, draw; "
            "d = Distribution(panels=[tuple(p) for p in doc['panels']], probabilities=doc['probabilities'], "
            "selection_probability=doc['selection_probability'], method=doc['method'], maximin=doc['maximin'], "
            "stages_completed=doc['stages_completed'], finished=doc['refinement_finished'], seconds=0.0); "
            "sorted(draw(d, doc['seed']), key=int) == sorted(doc['drawn'], key=int)"
        ),
    }
