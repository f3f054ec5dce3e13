"""``commonweal notifications send``: everything due, now (run from cron as a backstop)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Tell people of events that are due, write the daily summaries that are due and send "
        "(or try again) the emails waiting. The site does this itself in the background; run it "
        "from cron every few minutes as a backstop."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("send", help="Tell, summarise and send everything that is due.")

    def handle(self, *args, action: str, **options):
        from commonweal.notifications import services

        done = services.send_all_due()
        self.stdout.write(
            f"Told {done['told']} people, wrote {done['summaries']} daily summaries, "
            f"sent {done['sent']} emails."
        )
