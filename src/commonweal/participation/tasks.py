"""Background jobs for community budgets."""

from django_tasks import task


@task()
def warm_results(*, round_id: int) -> None:
    """Work out a published round's explanation ahead of its first visitor (seconds for a city's round)."""
    from commonweal.participation import results, selectors
    from commonweal.participation.models import BudgetRound

    round_ = BudgetRound.objects.filter(pk=round_id).first()
    count = selectors.latest_count(round_) if round_ is not None else None
    if count is not None:
        results.explanation_words(round_, count)
