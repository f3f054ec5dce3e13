"""Writes about organisations: registering, updating, members and documents. Each is audited."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import PUBLIC_BODY_ROLES, Role
from commonweal.accounts.services import role_grant, role_revoke
from commonweal.core import audit, pagecache, uploads
from commonweal.organisations import identifiers, place_staff, selectors
from commonweal.organisations.models import Organisation, OrganisationDocument
from commonweal.places.models import Place

# The facts a person may give or change. Slug and the derived size, SME and
# VCSE status are never set directly.
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "org_id",
        "legal_form",
        "description",
        "website",
        "asset_lock",
        "dividend_cap_percent",
        "profits_reinvested_percent",
        "profit_use",
        "headcount",
        "annual_turnover",
        "balance_sheet_total",
        "contact_name",
        "contact_email",
        "contact_phone",
    }
)
# Slugs that would clash with the organisation pages' own addresses.
RESERVED_SLUGS = frozenset({"register", "verification"})


def _check_field_names(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These organisation fields cannot be set: {', '.join(sorted(unknown))}")


def _unique_slug(name: str) -> str:
    base = slugify(name)[:190].strip("-") or "organisation"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def organisation_register(
    *,
    actor: User,
    name: str,
    org_id: str,
    legal_form: str,
    places_served: Iterable[Place] = (),
    reason: str = "",
    **fields: Any,
) -> Organisation:
    """Add an organisation to Commonweal; the person adding it becomes its administrator."""
    _check_field_names(fields)
    reason = reason or _("Added the organisation to Commonweal")
    with audit.audit_context(actor=actor, reason=reason):
        organisation = Organisation(
            name=(name or "").strip(),
            org_id=identifiers.normalise(org_id or ""),
            legal_form=legal_form,
            **fields,
        )
        organisation.slug = _unique_slug(organisation.name)
        organisation.full_clean()
        _check_public_body_name(organisation)
        organisation.save()
        organisation.places_served.set(places_served)
        role_grant(
            actor=actor,
            user=actor,
            role=Role.ADMINISTRATOR,
            organisation=organisation,
            reason=reason,
        )
    return organisation


# Rows written per INSERT by ``organisations_add_bulk`` (the database may lower it).
BULK_BATCH_SIZE = 1000


@transaction.atomic
def organisations_add_bulk(
    *, place: Place, organisations: Sequence[dict[str, Any]], reason: str
) -> list[Organisation]:
    """Add many organisations at once (an import, the demo's city-scale data): one audit entry about
    ``place`` with the counts and a digest, not one per organisation and place served.

    Each dict holds the facts ``organisation_register`` takes (``EDITABLE_FIELDS``), a ``slug`` and
    ``places_served`` (places). Each is checked as a form would check it, its identifier normalised and
    its size, SME and VCSE status worked out for today; nobody becomes its administrator. Refuses,
    writing nothing, when an identifier or slug is taken or given twice.
    """
    today = timezone.localdate()
    built, served = [], []
    for row in organisations:
        fields = {key: value for key, value in row.items() if key not in ("places_served", "slug")}
        _check_field_names(fields)
        organisation = Organisation(slug=row["slug"], **fields)
        organisation.org_id = identifiers.normalise(organisation.org_id or "")
        organisation.clean_fields()
        organisation.classify(today)
        built.append(organisation)
        served.append(list(row.get("places_served", ())))
    for field in ("org_id", "slug"):
        values = [getattr(organisation, field) for organisation in built]
        if len(set(values)) != len(values):
            raise ValidationError({field: _("The same value is given to two organisations.")})
        for start in range(0, len(values), BULK_BATCH_SIZE):
            if Organisation.objects.filter(
                **{f"{field}__in": values[start : start + BULK_BATCH_SIZE]}
            ).exists():
                raise ValidationError({field: _("An organisation on Commonweal already has it.")})
    through = Organisation.places_served.through
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(
            instance=place, action="organisations_import", reason=reason
        ) as operation,
    ):
        built = operation.bulk_create(Organisation, built, m2m=False, batch_size=BULK_BATCH_SIZE)
        operation.bulk_create(
            through,
            [
                through(organisation_id=organisation.pk, place_id=served_place.pk)
                for organisation, places in zip(built, served, strict=True)
                for served_place in places
            ],
            batch_size=BULK_BATCH_SIZE,
        )
        # bulk_create sends no signals: the pages that count or list organisations built again.
        pagecache.bump("organisations")
    return built


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: User, reason: str = "", **fields: Any
) -> Organisation:
    """Change an organisation's details; ``places_served`` (a list of places) replaces the places it serves."""
    places_served = fields.pop("places_served", None)
    _check_field_names(fields)
    if "org_id" in fields:
        fields["org_id"] = identifiers.normalise(fields["org_id"] or "")
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
    original = {name: getattr(organisation, name) for name in fields}
    changed = {name for name, value in fields.items() if value != original[name]}
    renamed = bool(changed & {"name", "legal_form"})
    for name, value in fields.items():
        setattr(organisation, name, value)
    try:
        organisation.full_clean()
        _check_public_body_roles(organisation)
        if renamed:
            _check_public_body_name(organisation, actor=actor)
    except ValidationError:
        for name, value in original.items():
            setattr(organisation, name, value)
        raise
    with audit.audit_context(actor=actor, reason=reason):
        # Saving stamps updated_at ("when its record last changed"): only when something did.
        if changed:
            organisation.save()
        if places_served is not None:
            organisation.places_served.set(places_served)
    return organisation


def _check_public_body_name(organisation: Organisation, *, actor: User | None = None) -> None:
    """People tell public bodies apart by name: nobody registers or renames one as another, and a
    verified body's name (checked when it was verified) changes only through the back office."""
    if not organisation.is_public_body:
        return
    others = Organisation.objects.filter(
        legal_form=Organisation.LegalForm.PUBLIC_BODY, name__iexact=organisation.name
    )
    if organisation.pk is not None:
        others = others.exclude(pk=organisation.pk)
    if others.exists():
        raise ValidationError(
            {
                "name": _(
                    "There is already a public body called %(name)s. Use your public body's full, official name"
                )
                % {"name": organisation.name}
            }
        )
    back_office = actor is not None and getattr(actor, "is_staff", False)
    if organisation.pk is not None and not back_office and place_staff.is_verified(organisation):
        raise ValidationError(
            {
                "name": _(
                    "The name of a verified public body was checked when it was verified. Ask the back office "
                    "to change it"
                )
            }
        )


def _check_public_body_roles(organisation: Organisation) -> None:
    if organisation.is_public_body or organisation.pk is None:
        return
    held = organisation.role_assignments.filter(role__in=PUBLIC_BODY_ROLES)
    if held.exists():
        raise ValidationError(
            {
                "legal_form": _(
                    "People here hold roles only a public body can have, such as commissioner. "
                    "Remove those roles before you change the legal form."
                )
            }
        )


@transaction.atomic
def organisation_member_add(
    *, organisation: Organisation, actor: User, email: str, role: str, reason: str = ""
) -> RoleAssignment:
    """Give an existing Commonweal user a role for the organisation."""
    user = User.objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "There is no Commonweal account with that email address. Ask them to create one first."
                )
            }
        )
    if role not in selectors.organisation_roles_allowed(organisation):
        raise ValidationError(
            {
                "role": _("Choose a role that %(organisation)s can give")
                % {"organisation": organisation}
            }
        )
    if organisation.role_assignments.filter(user=user, role=role).exists():
        raise ValidationError(
            {
                "email": _("%(person)s is already %(role)s for %(organisation)s")
                % {
                    "person": user,
                    "role": Role(role).label.lower(),
                    "organisation": organisation,
                }
            }
        )
    reason = reason or _("Added as %(role)s") % {"role": Role(role).label.lower()}
    return role_grant(actor=actor, user=user, role=role, organisation=organisation, reason=reason)


@transaction.atomic
def organisation_member_remove(
    *, actor: User, assignment: RoleAssignment, reason: str = ""
) -> None:
    """Take a role away from a person; the last administrator cannot be removed."""
    organisation = assignment.organisation
    if assignment.role == Role.ADMINISTRATOR:
        # Lock the administrators' rows so two people cannot remove each other at once.
        administrators = list(
            RoleAssignment.objects.select_for_update().filter(
                organisation=organisation, role=Role.ADMINISTRATOR
            )
        )
        if len(administrators) <= 1:
            raise ValidationError(
                _(
                    "%(person)s is the only administrator of %(organisation)s. Add another administrator first."
                )
                % {"person": assignment.user, "organisation": organisation}
            )
    reason = reason or _("Removed as %(role)s") % {"role": assignment.get_role_display().lower()}
    role_revoke(actor=actor, assignment=assignment, reason=reason)


@transaction.atomic
def organisation_document_add(
    *,
    organisation: Organisation,
    actor: User,
    title: str,
    kind: str,
    file: UploadedFile,
    is_public: bool,
    reason: str = "",
) -> OrganisationDocument:
    """Store a document for the organisation after checking the file's size and real type."""
    try:
        file_kind = uploads.check_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    assert file.size is not None  # an uploaded file knows its size
    document = OrganisationDocument(
        organisation=organisation,
        title=(title or "").strip(),
        kind=kind,
        is_public=is_public,
        content_type=file_kind.content_type,
        size_bytes=file.size,
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    with audit.audit_context(actor=actor, reason=reason or _("Added a document")):
        document.file.save(uploads.safe_filename(file.name or "", file_kind), file, save=False)
        try:
            document.save()
        except Exception:
            if document.file.name:
                document.file.storage.delete(document.file.name)
            raise
    return document


@transaction.atomic
def organisation_document_remove(
    *, document: OrganisationDocument, actor: User, reason: str = ""
) -> None:
    """Remove a document and, once that is committed, its stored file."""
    storage, name = document.file.storage, document.file.name
    with audit.audit_context(actor=actor, reason=reason or _("Removed a document")):
        document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
