"""Checking a ballot against the round's limits. Errors name the field and say what to fix."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.participation.models import BudgetRound


def clean_marks(round_: BudgetRound, projects, marks: dict) -> dict[str, int]:
    """Check ``marks`` (project pk to 1, points or rank) for this round; return them keyed by pk as text.

    Raises ValidationError with a ``projects`` error (or the project's own field) saying what is wrong.
    """
    by_pk = {project.pk: project for project in projects}
    cleaned: dict[int, int] = {}
    for pk, value in marks.items():
        try:
            pk, value = int(pk), int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {"projects": _("Choose projects from this round, with whole numbers.")}
            ) from None
        if pk not in by_pk:
            raise ValidationError({"projects": _("Choose projects from this round.")})
        if value:
            cleaned[pk] = value
    if any(value < 0 for value in cleaned.values()):
        raise ValidationError({"projects": _("Points and ranks cannot be less than zero.")})
    kind = round_.ballot_type
    if not cleaned:
        raise ValidationError(
            {
                "projects": {
                    BudgetRound.BallotType.CUMULATIVE: _(
                        "Give some of your points to at least one project."
                    ),
                    BudgetRound.BallotType.RANKED: _(
                        "Rank at least one project. Put 1 next to the one you want most."
                    ),
                    BudgetRound.BallotType.CHOOSE_ONE: _("Choose a project."),
                }.get(kind, _("Choose at least one project."))
            }
        )
    if kind == BudgetRound.BallotType.CHOOSE_ONE:
        if len(cleaned) != 1:
            raise ValidationError({"projects": _("Choose only one project.")})
        cleaned = dict.fromkeys(cleaned, 1)
    elif kind == BudgetRound.BallotType.APPROVAL:
        cleaned = dict.fromkeys(cleaned, 1)
        _check_approval(round_, by_pk, cleaned)
    elif kind == BudgetRound.BallotType.CUMULATIVE:
        _check_points(round_, by_pk, cleaned)
    else:
        _check_ranks(round_, cleaned)
    return {str(pk): value for pk, value in cleaned.items()}


def _check_approval(round_, by_pk, cleaned) -> None:
    count = len(cleaned)
    if round_.min_projects and count < round_.min_projects:
        raise ValidationError(
            {
                "projects": ngettext(
                    "Choose at least %(min)d project. You chose %(count)d.",
                    "Choose at least %(min)d projects. You chose %(count)d.",
                    round_.min_projects,
                )
                % {"min": round_.min_projects, "count": count}
            }
        )
    if round_.max_projects and count > round_.max_projects:
        raise ValidationError(
            {
                "projects": ngettext(
                    "Choose no more than %(max)d project. You chose %(count)d.",
                    "Choose no more than %(max)d projects. You chose %(count)d.",
                    round_.max_projects,
                )
                % {"max": round_.max_projects, "count": count}
            }
        )
    if round_.within_budget:
        total = sum((by_pk[pk].cost for pk in cleaned), Decimal(0))
        if total > round_.budget:
            raise ValidationError(
                {
                    "projects": _(
                        "The projects you chose cost £%(total)s, which is more than the budget of £%(budget)s. "
                        "Choose projects that cost £%(budget)s or less in total."
                    )
                    % {"total": f"{total:,.2f}", "budget": f"{round_.budget:,.2f}"}
                }
            )


def _check_points(round_, by_pk, cleaned) -> None:
    most = round_.points_max_per_project
    for pk, points in cleaned.items():
        if most and points > most:
            raise ValidationError(
                {
                    f"project_{pk}": _(
                        "You gave %(project)s %(points)d points. Give it %(most)d points or fewer."
                    )
                    % {"project": by_pk[pk].title, "points": points, "most": most}
                }
            )
    total = sum(cleaned.values())
    if round_.points_total and total > round_.points_total:
        raise ValidationError(
            {
                "projects": _(
                    "You gave out %(total)d points. You have %(allowed)d points to share out."
                )
                % {"total": total, "allowed": round_.points_total}
            }
        )


def _check_ranks(round_, cleaned) -> None:
    ranks = sorted(cleaned.values())
    if len(set(ranks)) != len(ranks):
        raise ValidationError({"projects": _("Give each project a different rank.")})
    if ranks != list(range(1, len(ranks) + 1)):
        raise ValidationError({"projects": _("Use ranks 1, 2, 3 and so on, with no gaps.")})
    if round_.ranks and len(ranks) > round_.ranks:
        raise ValidationError(
            {
                "projects": ngettext(
                    "Rank no more than %(most)d project.",
                    "Rank no more than %(most)d projects.",
                    round_.ranks,
                )
                % {"most": round_.ranks}
            }
        )
