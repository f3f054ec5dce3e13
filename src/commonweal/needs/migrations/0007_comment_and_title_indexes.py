"""Two orders read a page at a time, served by an index instead of a sort of every row:

- a need's discussion, oldest first (``selectors.need_comments``: need, then created_at and id);
- the needs chooser's page of needs by title (``choosers.choose_needs``: title, then id).

Only indexes are added.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("needs", "0006_need_last_activity")]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["need", "created_at", "id"], name="comment_in_order"),
        ),
        migrations.AddIndex(
            model_name="need",
            index=models.Index(fields=["title", "id"], name="need_by_title"),
        ),
    ]
