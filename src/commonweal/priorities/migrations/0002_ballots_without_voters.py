"""Priority ballots move to the secret ballot: no voter, no time, a random id, an opaque key.

Each existing ballot is rewritten under its voter's key, computed from the round, the voter and the
site's secret (as ``commonweal.ballots.keys.voter_key`` does for a "priorities.round" box), so voters
still find their ballots and counts do not change. Who voted moves to ``Participation``, with no link to
the ballot. The new rows are written in random order. Going back makes the old tables again, empty:
the link between a voter and their ballot is gone for good.
"""

import hashlib
import hmac
import secrets
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _voter_key(round_id: int, voter_id: int) -> str:
    # Frozen here on purpose: ballots.keys.voter_key for the box "priorities.round:<round_id>".
    secret = hashlib.sha256(f"commonweal.priorities.ballot:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(secret, f"{round_id}:{voter_id}".encode(), hashlib.sha256).hexdigest()


def forwards(apps, schema_editor):
    OldBallot = apps.get_model("priorities", "OldBallot")
    BallotChoice = apps.get_model("priorities", "BallotChoice")
    Ballot = apps.get_model("priorities", "Ballot")
    Participation = apps.get_model("priorities", "Participation")
    marks: dict[int, dict[str, int | None]] = {}
    for ballot_id, need_id, rank in BallotChoice.objects.values_list(
        "ballot_id", "need_id", "rank"
    ):
        marks.setdefault(ballot_id, {})[str(need_id)] = rank
    old = list(OldBallot.objects.values_list("pk", "round_id", "voter_id"))
    secrets.SystemRandom().shuffle(old)
    Ballot.objects.bulk_create(
        [
            Ballot(
                id=uuid.uuid4(),
                round_id=round_id,
                key=_voter_key(round_id, voter_id),
                marks=marks.get(pk, {}),
            )
            for pk, round_id, voter_id in old
        ]
    )
    secrets.SystemRandom().shuffle(old)
    Participation.objects.bulk_create(
        [Participation(round_id=round_id, person_id=voter_id) for _pk, round_id, voter_id in old]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("priorities", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="ballot",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="priorities.round"
            ),
        ),
        migrations.RenameModel(old_name="Ballot", new_name="OldBallot"),
        migrations.CreateModel(
            name="Ballot",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("key", models.CharField(max_length=64)),
                ("marks", models.JSONField(default=dict)),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ballots",
                        to="priorities.round",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "key"), name="one_priority_ballot_per_key"
                    )
                ]
            },
        ),
        migrations.CreateModel(
            name="Participation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="priorities.round",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "person"), name="one_priority_participation_each"
                    )
                ]
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        migrations.DeleteModel(name="BallotChoice"),
        migrations.DeleteModel(name="OldBallot"),
    ]
