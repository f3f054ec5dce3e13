from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commonweal.core"
    label = "core"
    verbose_name = _("Core: audit trail and shared pages")

    def ready(self) -> None:
        from commonweal.core import audit, choices, policy, translations
        from commonweal.core.models import PolicyEntry
        from commonweal.core.policy_entries import officer_entries

        audit.connect_signals()
        audit.register(PolicyEntry)
        # in_force reads officer-entered versions of the rules that allow them.
        policy.set_officer_entries(officer_entries)
        # Every model is loaded by now: get_<field>_display() translates only the label asked for.
        choices.install()
        # Messages are looked up without walking Django's empty English catalogues.
        translations.install()
