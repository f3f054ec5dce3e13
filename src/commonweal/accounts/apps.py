from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "commonweal.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from commonweal.accounts.models import ApiToken, RoleAssignment, User
        from commonweal.core import audit

        audit.register(User, exclude=("password", "last_login", "unread_notifications"))
        audit.register(RoleAssignment)
        audit.register(ApiToken, exclude=("key_hash", "last_used_at"))
        # Setting up, replacing and removing an authenticator app are recorded; the secret and the
        # bookkeeping of each check (last code used, wrong tries) are not.
        audit.register(
            TOTPDevice,
            exclude=(
                "key",
                "last_t",
                "drift",
                "throttling_failure_timestamp",
                "throttling_failure_count",
                "last_used_at",
            ),
        )
