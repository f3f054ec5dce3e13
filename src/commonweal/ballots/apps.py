from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    """The ballot box: a secret ballot for every kind of vote. Imports nothing from later apps."""

    name = "commonweal.ballots"
    label = "ballots"
    verbose_name = _("Ballot box")
