"""Background jobs for community budgets."""

from django_tasks import task


@task()
def count_round(*, request_id: int) -> None:
    """Count a round's votes as asked (``services_counting.round_count_queue``), and explain the count.

    A city's round takes seconds; the request's row says the count is waiting, under way, done or
    why it could not be done, for the round's pages to show.
    """
    from commonweal.participation import services_counting

    services_counting.count_request_run(request_id=request_id)


@task()
def warm_results(*, round_id: int) -> None:
    """Work out the explanation of a published round's count if it has none yet (a count made
    before explanations were stored), and its Pabulib file, ahead of the first visitor."""
    from commonweal.participation import exchange, results, selectors
    from commonweal.participation.models import BudgetRound

    round_ = BudgetRound.objects.filter(pk=round_id).first()
    count = selectors.latest_count(round_) if round_ is not None else None
    if count is not None and count.explanation is None:
        results.explain_count(round_, count)
    if round_ is not None:
        exchange.round_export_stored(round_)
