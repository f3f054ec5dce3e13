from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "commonweal.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from commonweal.accounts.models import RoleAssignment
        from commonweal.core import audit, pagecache, requestmemo
        from commonweal.organisations.models import (
            Organisation,
            OrganisationDocument,
            PublicBodyVerification,
            SocialFactsCheck,
        )

        audit.register(Organisation)
        audit.register(OrganisationDocument)
        audit.register(PublicBodyVerification)
        audit.register(SocialFactsCheck)
        # Pages and files that name organisations (an outcomes framework's JSON) are built again.
        pagecache.watch(Organisation, "organisations")
        # A place's page lists who serves it.
        pagecache.watch(Organisation.places_served.through, "organisations")
        # ... and tags each public body awaiting verification until it is verified (or revoked).
        pagecache.watch(PublicBodyVerification, "organisations")
        # ... and shows the check of each organisation's social value facts in force.
        pagecache.watch(SocialFactsCheck, "organisations")
        # Who acts for which places, kept for the rest of a request (place_staff.py), is asked
        # again after a role, a verification or an organisation changes (a place: places/apps.py).
        requestmemo.forget_when_changed(RoleAssignment, PublicBodyVerification, Organisation)
