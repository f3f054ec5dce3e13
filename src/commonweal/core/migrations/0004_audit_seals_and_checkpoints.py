"""The audit trail without a global lock: seals (sequence number and hash) in a table of their own,
a queue of entries waiting for the sealer, and signed checkpoints."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_action_names_bulk_operations"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.BigIntegerField(db_index=True, verbose_name="sequence number")),
                (
                    "head_hash",
                    models.CharField(max_length=64, verbose_name="hash of the newest entry"),
                ),
                ("at", models.DateTimeField(verbose_name="when")),
                ("origin", models.CharField(max_length=200, verbose_name="trail")),
                ("signature", models.CharField(max_length=200, verbose_name="signature")),
                ("key_id", models.CharField(max_length=64, verbose_name="key")),
            ],
            options={
                "verbose_name": "audit checkpoint",
                "verbose_name_plural": "audit checkpoints",
                "ordering": ["-seq", "-id"],
            },
        ),
        migrations.CreateModel(
            name="PendingSeal",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="core.auditentry",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="seq",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "seq",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="sequence number"
                    ),
                ),
                ("prev_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64)),
                ("version", models.PositiveSmallIntegerField(default=2)),
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="seal",
                        to="core.auditentry",
                        verbose_name="entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit seal",
                "ordering": ["seq"],
            },
        ),
    ]
