"""Importing a list of existing contracts and grants from CSV: all or nothing.

Every row is checked first (contracts_csv.py reads the cells; here each provider is found and each
reference checked against the commissioner's agreements). A file with any bad row imports
nothing, and ``ContractProblems`` lists every problem by row. A good file is imported in one
transaction, each row through ``services_agreements.agreement_create`` (the same checks as an
agreement entered by hand), recorded in the audit trail as one bulk operation about the
commissioner. Imported agreements are in force (or ended, when their end date has passed).

A provider is found by its identifier, or by its name when exactly one organisation has it. One
not found is reported, never made up: the provider registers it (or the back office adds it), and
the file is imported again.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements import selectors
from commonweal.agreements.contracts_csv import (
    ContractProblems,
    ContractRow,
    Problem,
    read_contracts,
    shortened,
)
from commonweal.agreements.models import Agreement
from commonweal.agreements.services_agreements import agreement_create
from commonweal.commissioning.models import Plan
from commonweal.core import audit, uploads
from commonweal.messages import gettext_noop, message
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import is_place_staff, staff_bodies
from commonweal.places.models import Place

# The service's field names, as the file's columns name them.
COLUMN_OF = {
    "reference": "reference",
    "title": "title",
    "provider": "provider",
    "kind": "kind",
    "value": "value",
    "starts_on": "starts",
    "ends_on": "ends",
    "payment_terms_days": "payment_terms_days",
    "payment_profile": "payment_profile",
    "summary": "summary",
}


@dataclass(frozen=True)
class Imported:
    agreements: list[Agreement]

    @property
    def count(self) -> int:
        return len(self.agreements)


class _RollBack(Exception):
    """Leaves the import's transaction with nothing written."""


def may_import(user: User | AnonymousUser, place: Place, commissioner: Organisation) -> bool:
    """Place staff acting for the commissioner, a public body verified for the place (or the back
    office, for any body verified for it)."""
    if not is_place_staff(user, place):
        return False
    return staff_bodies(user, place).filter(pk=commissioner.pk).exists()


def contracts_check(*, data: bytes, place: Place, commissioner: Organisation) -> list[ContractRow]:
    """The rows of an uploaded file, checked against each other and the database; ContractProblems
    naming every problem by row and column otherwise. Writes nothing."""
    try:
        text = uploads.text_of(data)
    except ValidationError as error:
        raise ContractProblems(
            [Problem(None, "", message(gettext_noop("%(why)s"), why=why)) for why in error.messages]
        ) from None
    rows = read_contracts(text, jurisdiction=selectors.place_jurisdiction(place.pk))
    problems = _reference_problems(rows, commissioner) + _provider_problems(rows, commissioner)
    if problems:
        raise ContractProblems(shortened(sorted(problems, key=lambda p: p.row or 0)))
    return rows


def _reference_problems(rows: list[ContractRow], commissioner: Organisation) -> list[Problem]:
    used = dict(
        Agreement.objects.filter(
            commissioner=commissioner, reference__in=[row.reference for row in rows]
        ).values_list("reference", "title")
    )
    return [
        Problem(
            row.row,
            "reference",
            message(
                gettext_noop(
                    "%(commissioner)s already has an agreement with the reference “%(reference)s” "
                    "(“%(title)s”). Remove the row, or give it its own reference"
                ),
                commissioner=commissioner.name,
                reference=row.reference,
                title=used[row.reference],
            ),
        )
        for row in rows
        if row.reference in used
    ]


def _providers(rows: list[ContractRow]) -> tuple[dict[str, Organisation], dict[str, list]]:
    """The organisations named in the rows: by identifier, and by lower-case name (a list each)."""
    org_ids = {row.provider.org_id for row in rows if row.provider.org_id}
    names = {row.provider.name.lower() for row in rows if row.provider.name}
    by_id = {o.org_id: o for o in Organisation.objects.filter(org_id__in=org_ids)}
    by_name: dict[str, list] = {}
    if names:
        found = Organisation.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
        for organisation in found:
            by_name.setdefault(organisation.lower_name, []).append(organisation)
    return by_id, by_name


def provider_of(row: ContractRow, by_id: dict, by_name: dict) -> Organisation | None:
    if row.provider.org_id:
        return by_id.get(row.provider.org_id)
    named = by_name.get(row.provider.name.lower(), [])
    return named[0] if len(named) == 1 else None


def _provider_problems(rows: list[ContractRow], commissioner: Organisation) -> list[Problem]:
    by_id, by_name = _providers(rows)
    problems = []
    for row in rows:
        found = provider_of(row, by_id, by_name)
        if row.provider.org_id and found is None:
            template = gettext_noop(
                "no organisation on Commonweal has the identifier %(given)s. Ask the provider to "
                "register its organisation (or the back office to add it), then import the file again"
            )
        elif row.provider.name and len(by_name.get(row.provider.name.lower(), [])) > 1:
            template = gettext_noop(
                "more than one organisation on Commonweal is called “%(given)s”. Write its "
                "identifier instead, like GB-CHC-1123456 or GB-COH-01234567"
            )
        elif found is None:
            template = gettext_noop(
                "no organisation on Commonweal is called “%(given)s”. Check the name as the "
                "organisation's page spells it, or write its identifier; if it is not on Commonweal, "
                "ask the provider to register it (or the back office to add it), then import the file "
                "again"
            )
        elif found.pk == commissioner.pk:
            template = gettext_noop(
                "the provider “%(given)s” is the commissioner itself. Name the organisation that "
                "provides the service"
            )
        else:
            continue
        problems.append(Problem(row.row, "provider", message(template, given=str(row.provider))))
    return problems


def _row_problems(row: ContractRow, error: ValidationError) -> list[Problem]:
    """A refusal by agreement_create, as the row's problems (each on its column where it has one)."""
    found = []
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for why in errors:
                found.append(
                    Problem(
                        row.row, COLUMN_OF.get(field, ""), message(gettext_noop("%(why)s"), why=why)
                    )
                )
    else:
        for why in error.messages:
            found.append(Problem(row.row, "", message(gettext_noop("%(why)s"), why=why)))
    return found


@transaction.atomic
def contracts_import(
    *,
    actor: User,
    place: Place,
    commissioner: Organisation,
    data: bytes,
    plan: Plan | None = None,
) -> Imported:
    """Import every row of a CSV file of existing contracts as agreements in force, or none of them
    (ContractProblems lists each problem by row). One bulk operation in the audit trail."""
    if not may_import(actor, place, commissioner):
        raise PermissionDenied
    rows = contracts_check(data=data, place=place, commissioner=commissioner)
    by_id, by_name = _providers(rows)
    today = timezone.localdate()
    created: list[Agreement] = []
    problems: list[Problem] = []
    reason = _("Imported %(count)s existing agreements from a file") % {"count": len(rows)}
    try:
        with (
            audit.audit_context(actor=actor, reason=reason),
            audit.bulk_operation(instance=commissioner, action="agreements_import", reason=reason),
        ):
            for row in rows:
                try:
                    with transaction.atomic():
                        agreement = agreement_create(
                            actor=actor,
                            go_live=True,
                            kind=row.kind,
                            place=place,
                            commissioner=commissioner,
                            provider=provider_of(row, by_id, by_name),
                            plan=plan,
                            reference=row.reference,
                            title=row.title,
                            summary=row.summary,
                            value=row.value,
                            starts_on=row.starts_on,
                            ends_on=row.ends_on,
                            payment_terms_days=row.payment_terms_days,
                            payment_profile=row.payment_profile,
                        )
                        agreement.source = Agreement.Source.IMPORT
                        changed = ["source"]
                        if agreement.ends_on < today:
                            agreement.status = Agreement.Status.ENDED
                            changed.append("status")
                        agreement.save(update_fields=changed)
                except ValidationError as error:
                    problems.extend(_row_problems(row, error))
                else:
                    created.append(agreement)
            if problems:
                raise _RollBack
    except _RollBack:
        raise ContractProblems(shortened(problems)) from None
    return Imported(agreements=created)
