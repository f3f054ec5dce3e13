from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "commonweal.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from commonweal.accounts.models import RoleAssignment, User
        from commonweal.core import audit

        audit.register(User, exclude=("password", "last_login"))
        audit.register(RoleAssignment)
