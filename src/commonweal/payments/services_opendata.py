"""Publishing an agreement's delivery as open data: its OCDS implementation release (payments made,
payment milestones), built by ocds_implementation.py and checked against the schema by
opendata.services.release_publish; a release that breaks the schema is never stored.

When: after each payment (the payments service calls ``implementation_publish_after_payment``), on
the agreement's page for those who run it, and for every agreement at once with
`commonweal publish_implementation --all`. A release is published only when something changed
since the last one: publishing again with nothing new changes nothing.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements.models import Agreement
from commonweal.core.audit import audit_context
from commonweal.opendata import compile as ocds_compile
from commonweal.opendata.models import Release
from commonweal.opendata.services import ReleaseInvalid, SchemaUnavailable, release_publish
from commonweal.payments import ocds_implementation, permissions_invoices
from commonweal.payments.models import Invoice

IMPLEMENTATION_TAGS = {"implementation", "implementationUpdate"}
# Fields every release has its own of: left out when asking whether anything changed.
OWN_FIELDS = ("id", "date", "tag")


@dataclass(frozen=True)
class ImplementationPublished:
    release: Release | None
    why_not: str = ""  # when nothing was published: why (the schema is missing, nothing new)


def _plain(value: object) -> object:
    """``value`` as it is stored once published (a Decimal becomes a JSON number)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _unchanged(new: dict, before: dict | None) -> bool:
    if before is None:
        return False
    plain = _plain(new)
    assert isinstance(plain, dict)
    return {k: v for k, v in plain.items() if k not in OWN_FIELDS} == {
        k: v for k, v in before.items() if k not in OWN_FIELDS
    }


def _last_implementation(ocid: str) -> tuple[dict | None, bool]:
    """The process's newest implementation release, and whether it has any release at all."""
    rows = list(Release.objects.filter(ocid=ocid).order_by("-date", "-pk").values("tags", "data"))
    for row in rows:
        if IMPLEMENTATION_TAGS & set(row["tags"]):
            return row["data"], True
    return None, bool(rows)


def _build(agreement: Agreement, invoices: list[Invoice]) -> dict | None:
    ocid = ocds_implementation.agreement_ocid(agreement)
    before, any_release = _last_implementation(ocid)
    now = timezone.now()
    if agreement.award_id:
        if not invoices and not ocds_implementation.milestones(agreement):
            return None
        record = ocds_compile.record_for(ocid)
        known = record["compiledRelease"].get("parties", []) if record else []
        data = ocds_implementation.award_implementation_release(
            agreement, invoices, known_parties=known, first=before is None, when=now
        )
    else:
        data = ocds_implementation.agreement_release(
            agreement, invoices, first=not any_release, when=now
        )
    return None if _unchanged(data, before) else data


def implementation_publish(*, agreement: Agreement, actor: User | None) -> ImplementationPublished:
    """Publish the agreement's payments and milestones as an OCDS implementation release, if
    anything changed since the last. By those who run it or pay it (a finance officer, after a
    payment); ``actor`` None: a command run on the server."""
    if actor is not None and not permissions_invoices.can_pay(actor, agreement):
        raise ValidationError(
            _("Only those who run or pay this agreement may publish its open data.")
        )
    if agreement.status == Agreement.Status.DRAFT:
        raise ValidationError(
            _(
                "This agreement is still being set up: its open data is published once it is in force."
            )
        )
    agreement = Agreement.objects.select_related(
        "commissioner", "provider", "award__opportunity__plan"
    ).get(pk=agreement.pk)
    with (
        transaction.atomic(),
        audit_context(actor=actor, reason=_("Published an agreement's payments as open data")),
    ):
        data = _build(agreement, ocds_implementation.paid_invoices(agreement))
        if data is None:
            return ImplementationPublished(
                None, _("Nothing has been paid or planned since the open data was last published.")
            )
        try:
            release = release_publish(data=data, actor=actor)
        except ReleaseInvalid as invalid:
            raise ValidationError(
                [
                    _(
                        "The open data for this agreement's payments breaks the OCDS standard, so "
                        "nothing was published:"
                    )
                ]
                + [str(problem) for problem in invalid.problems]
            ) from invalid
        except SchemaUnavailable as missing:
            return ImplementationPublished(
                None,
                _("The open data waits: %(why)s") % {"why": missing},
            )
    return ImplementationPublished(release)


def implementation_publish_after_payment(*, invoice: Invoice, actor: User | None) -> str:
    """For the payments service, once an invoice is paid (after its own transaction): publish the
    agreement's implementation release. The payment stands whatever happens here: what stopped
    the open data is returned, to show the payer ("" when it was published)."""
    try:
        done = implementation_publish(agreement=invoice.agreement, actor=actor)
    except ValidationError as error:
        return " ".join(error.messages)
    return done.why_not
