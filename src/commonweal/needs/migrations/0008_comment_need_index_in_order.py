"""A comment's need has no index of its own: the index "comment_in_order" (need, created_at, id),
added in 0007, starts with it and serves every query by need. One index fewer to write per comment."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0007_comment_and_title_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="need",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="needs.need",
            ),
        ),
    ]
