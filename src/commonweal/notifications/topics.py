"""What a person can be told about, and how often by email unless they choose otherwise.

Each kind of news is a topic; a person chooses, topic by topic, to get its emails at once, in one
daily summary, or never. The notifications page shows everything, whatever they chose for email.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    NEED_CHANGED = "need_changed", _("A need you raised, support or follow changes")
    IDEA_DECIDED = "idea_decided", _("Your idea for a community budget is accepted or not")
    ROUND_OPENS = (
        "round_opens",
        _("A vote or call for ideas you can take part in opens or is about to close"),
    )
    RESULTS = "results", _("Results are published for a vote you took part in or follow")
    PANEL = (
        "panel",
        _(
            "Citizens' panels: you are chosen for one, your panel arranges a meeting or gives you a "
            "task, or one you follow is drawn"
        ),
    )
    CODESIGN = "codesign", _("A co-design session decides something about a need you care about")
    PLANS = (
        "plans",
        _(
            "Commissioning plans: one is published for a place you follow, or one your "
            "organisation is interested in publishes notes from talking to providers"
        ),
    )


class Frequency(models.TextChoices):
    NOW = "now", _("Email me at once")
    DAILY = "daily", _("Email me once a day, in one summary")
    NEVER = "never", _("Do not email me (I will look on the site)")


# What a person gets until they choose: news about their own things at once.
DEFAULT_FREQUENCY = dict.fromkeys(Topic.values, Frequency.NOW)

# How long before a vote or a call for ideas closes people who have not taken part are reminded.
CLOSING_SOON = timedelta(days=2)
