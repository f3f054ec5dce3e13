"""Keeping each organisation's stored size band, SME and VCSE status true to the rules in force.

The stored values are the findings for today, kept so lists can filter on them. When a new version
of a rule starts (a new SME limit, say) they would go stale, so ``organisations_reclassify`` works
them out again and saves those that changed, each change recorded in the audit trail with the
reason. ``commonweal organisations reclassify`` runs it; run it daily from cron, and after an upgrade.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.core import audit
from commonweal.organisations.models import Organisation

DERIVED_FIELDS = ["size_band", "is_sme", "is_vcse", "updated_at"]


@transaction.atomic
def organisations_reclassify(*, actor: User | None = None, reason: str = "") -> list[Organisation]:
    """Work out every organisation's size band, SME and VCSE status for today; save those changed."""
    today = timezone.localdate()
    reason = reason or _("Size and status worked out again under the rules in force on %(day)s") % {
        "day": today.isoformat()
    }
    changed: list[Organisation] = []
    with audit.audit_context(actor=actor, reason=reason):
        for organisation in Organisation.objects.order_by("pk").iterator(chunk_size=500):
            if organisation.classify(today):
                organisation.save(update_fields=DERIVED_FIELDS)
                changed.append(organisation)
    return changed
