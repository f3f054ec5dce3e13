"""Count every round already published and store its count, as publishing now does, so no page or
API answer has to count its ballots.

The counting is ``priorities/counting.py``'s ``count_marks``: a pure module (no Django, no models), so
it reads the same here as in the app; the ballots and needs are read through this migration's own
models. A round missed here would still be counted once, the first time it is shown (results.py).
"""

from django.db import migrations
from django.utils import timezone

from commonweal.priorities import counting


def store_published_results(apps, schema_editor):
    PriorityRound = apps.get_model("priorities", "PriorityRound")
    Ballot = apps.get_model("priorities", "Ballot")
    RoundResults = apps.get_model("priorities", "RoundResults")
    db = schema_editor.connection.alias
    rows = []
    for round_ in PriorityRound.objects.using(db).filter(status="published").iterator():
        needs = list(round_.needs.order_by("pk").values_list("pk", "title"))
        marks = Ballot.objects.using(db).filter(round_id=round_.pk).values_list("marks", flat=True)
        cast, standings = counting.count_marks(
            [counting.Option(pk, title) for pk, title in needs],
            ({int(need_id): rank for need_id, rank in ballot.items()} for ballot in marks),
            ranked=round_.method == "borda",
        )
        rows.append(
            RoundResults(
                round_id=round_.pk,
                method=round_.method,
                needs=[pk for pk, _title in needs],
                ballots=cast,
                points={str(standing.key): standing.points for standing in standings},
                counted_at=timezone.now(),
            )
        )
    RoundResults.objects.using(db).bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("priorities", "0004_round_results")]

    operations = [migrations.RunPython(store_published_results, migrations.RunPython.noop)]
