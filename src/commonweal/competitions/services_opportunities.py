"""Writes about opportunities: starting a tender or grant round from a plan, changing it while it is
a draft, its criteria tree and public documents, publishing it (with its OCDS `tender` release),
cancelling it, and providers registering interest. Every write is audited."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning.models import Lot, Plan
from commonweal.competitions import notices, ocds, permissions, scoring
from commonweal.competitions import selectors_opportunities as selectors
from commonweal.competitions.models import (
    Criterion,
    Document,
    Interest,
    Opportunity,
    SocialValueFramework,
)
from commonweal.core import audit, uploads
from commonweal.messages import message
from commonweal.opendata.models import Release
from commonweal.opendata.schema import SchemaUnavailable, schema_dir
from commonweal.opendata.services import ReleaseInvalid, release_publish
from commonweal.organisations.models import Organisation

# What a commissioner may set on an opportunity (kind, plan and lot are set when it is started).
FIELDS = (
    "title",
    "description",
    "conditions",
    "value",
    "budget",
    "contract_months",
    "questions_close_at",
    "closes_at",
    "award_expected_on",
    "service_starts_on",
    "consortium_bids",
    "alliance_bids",
    "answer_word_limit",
    "quality_weight",
    "social_value_weight",
    "price_weight",
    "price_formula",
    "price_floor",
    "price_ceiling",
    "scale",
    "include_inherent_social_value",
    "inherent_social_value_share",
    "social_value_framework",
    "cost_model_hours",
    "cost_model_other_costs",
    "cost_model_london",
    "match_funding_required",
)
TEXT_FIELDS = {"title", "description", "conditions"}
CRITERION_FIELDS = (
    "part",
    "parent",
    "title",
    "question",
    "guidance",
    "plain_guidance",
    "weight",
    "pass_fail",
    "open_to_citizens",
    "position",
)


def _text(value: Any) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _not_draft(opportunity: Opportunity) -> None:
    if opportunity.status != Opportunity.Status.DRAFT:
        raise ValidationError(
            _(
                "This opportunity is published, so it can no longer be changed: providers are "
                "bidding on what it says. To change it, cancel it and start again."
            )
        )


def frameworks_for(plan: Plan) -> QuerySet[SocialValueFramework]:
    """The social value measures a commissioner may choose: the place's own, and the shipped open ones."""
    return SocialValueFramework.objects.filter(Q(place_id=plan.place_id) | Q(place__isnull=True))


def _checked(
    plan: Plan, given: dict[str, Any], *, kind: str, current: Opportunity | None = None
) -> dict[str, Any]:
    """The values tidied, or a ValidationError naming each field that is wrong. What is not given
    is read from ``current`` (the opportunity being changed) for the checks across fields."""
    values = {name: given.get(name) for name in FIELDS if name in given}
    for name in TEXT_FIELDS & values.keys():
        values[name] = _text(values[name])

    def get(name: str) -> Any:
        return values[name] if name in values else getattr(current, name, None)

    errors: dict[str, str] = {}
    if "value" in values and values["value"] is None:
        errors["value"] = _("Enter the estimated value of the whole contract")
    weights: list[Decimal] = [
        get(name)
        for name in ("quality_weight", "social_value_weight", "price_weight")
        if get(name) is not None
    ]
    total = sum(weights, Decimal("0"))
    if len(weights) == 3 and total != 100:
        errors["price_weight"] = _(
            "The quality, social value and price weights add up to %(total)s%%. They must add up "
            "to 100%%."
        ) % {"total": selectors.percent(total)}
    if get("price_formula") == Opportunity.PriceFormula.LINEAR:
        floor, ceiling = get("price_floor"), get("price_ceiling")
        if floor is None:
            errors["price_floor"] = _("Enter the price floor: the linear formula needs one")
        if ceiling is None:
            errors["price_ceiling"] = _("Enter the price ceiling: the linear formula needs one")
        if floor is not None and ceiling is not None and floor >= ceiling:
            errors["price_ceiling"] = _("The price ceiling must be more than the price floor")
    if get("price_formula") == Opportunity.PriceFormula.AGAINST_BUDGET and not get("budget"):
        errors["budget"] = _("Enter the budget: price is scored against it")
    questions, closes = get("questions_close_at"), get("closes_at")
    if questions and closes and questions > closes:
        errors["questions_close_at"] = _("Clarification questions must close before bids close")
    if "scale" in values:
        try:
            scoring.Scale(
                tuple(
                    (Decimal(str(point["score"])), message(point["descriptor"]))
                    for point in values["scale"] or []
                )
            )
        except (scoring.ScoringError, KeyError, TypeError, ArithmeticError) as error:
            errors["scale"] = (
                error.message.render(_, lambda one, many, n: one if n == 1 else many)
                if isinstance(error, scoring.ScoringError)
                else _("Write each score on its own line, like “3: Good: meets the need well”")
            )
    framework = values.get("social_value_framework")
    if framework is not None and framework.place_id not in (None, plan.place_id):
        errors["social_value_framework"] = _("Choose measures for this place, or open ones")
    if not get("include_inherent_social_value") and values.get("inherent_social_value_share"):
        values["inherent_social_value_share"] = Decimal("0")
    if kind == Opportunity.Kind.TENDER and get("match_funding_required"):
        errors["match_funding_required"] = _("Only a grant round can ask for match funding")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def opportunity_create(
    *,
    actor: User,
    plan: Plan,
    kind: str = Opportunity.Kind.TENDER,
    lot: Lot | None = None,
    **fields: Any,
) -> Opportunity:
    """Start a tender (by the plan's chosen route; for the whole plan or one of its lots) or a grant
    round, as a draft. A lot's value is the tender's value unless another is given."""
    if not permissions.can_create(actor, plan):
        raise ValidationError(_("You cannot start a competition for this plan."))
    if not plan.is_published:
        raise ValidationError(_("Publish the commissioning plan to the pipeline first."))
    if kind == Opportunity.Kind.TENDER and not plan.route:
        raise ValidationError(_("Choose the plan's route to market before you start a tender."))
    if lot is not None and lot.plan_id != plan.pk:
        raise ValidationError({"lot": _("Choose one of this plan's lots")})
    if lot is not None and fields.get("value") is None:
        fields["value"] = lot.value
    values = _checked(plan, fields, kind=kind)
    opportunity = Opportunity(plan=plan, lot=lot, kind=kind, created_by=actor, **values)
    try:
        opportunity.full_clean(exclude=["plan", "lot", "created_by", "social_value_framework"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    with audit.audit_context(actor=actor, reason=_("Started a competition from a plan")):
        opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_update(*, actor: User, opportunity: Opportunity, **fields: Any) -> Opportunity:
    """Change a draft. Sent back unchanged, nothing is saved."""
    _not_draft(opportunity)
    values = _checked(opportunity.plan, fields, kind=opportunity.kind, current=opportunity)
    if all(getattr(opportunity, name) == value for name, value in values.items()):
        return opportunity
    for name, value in values.items():
        setattr(opportunity, name, value)
    try:
        opportunity.full_clean(exclude=["plan", "lot", "created_by", "social_value_framework"])
    except ValidationError as error:
        opportunity.refresh_from_db()
        raise ValidationError(error.message_dict) from None
    with audit.audit_context(actor=actor, reason=_("Changed a draft competition")):
        opportunity.save()
    return opportunity


# --- the criteria tree ---------------------------------------------------------------------------


@transaction.atomic
def criterion_save(
    *,
    actor: User,
    opportunity: Opportunity,
    criterion: Criterion | None = None,
    **fields: Any,
) -> Criterion:
    """Add a criterion to the tree, or change one. Only while the opportunity is a draft. A child is
    in its parent's part; a criterion cannot sit under itself or its own children."""
    _not_draft(opportunity)
    values = {name: fields[name] for name in CRITERION_FIELDS if name in fields}
    for name in ("title", "question", "guidance", "plain_guidance"):
        if name in values:
            values[name] = _text(values[name])
    parent = values.get("parent")
    if parent is not None:
        if parent.opportunity_id != opportunity.pk:
            raise ValidationError({"parent": _("Choose a criterion of this opportunity")})
        if criterion is not None:
            above: Criterion | None = parent
            while above is not None:
                if above.pk == criterion.pk:
                    raise ValidationError(
                        {"parent": _("A criterion cannot sit under itself or its own children")}
                    )
                above = above.parent
        values["part"] = parent.part
    if values.get("pass_fail"):
        values["weight"] = Decimal("0")
    if criterion is not None and criterion.opportunity_id != opportunity.pk:
        raise ValidationError(_("That criterion is not part of this opportunity."))
    if criterion is not None and all(
        getattr(criterion, name) == value for name, value in values.items()
    ):
        return criterion
    target = criterion or Criterion(opportunity=opportunity)
    for name, value in values.items():
        setattr(target, name, value)
    try:
        target.full_clean(exclude=["opportunity", "parent"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    with audit.audit_context(
        actor=actor,
        reason=_("Changed a criterion") if target.pk else _("Added a criterion"),
    ):
        target.save()
        if criterion is not None:
            # Children follow their parent into its part.
            _move_children(target)
    return target


def _move_children(criterion: Criterion) -> None:
    children = list(criterion.children.exclude(part=criterion.part))
    for child in children:
        child.part = criterion.part
        child.save(update_fields=["part"])
        _move_children(child)


@transaction.atomic
def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    """Remove a criterion and everything under it. Only while the opportunity is a draft."""
    _not_draft(criterion.opportunity)
    with audit.audit_context(actor=actor, reason=_("Removed a criterion")):
        criterion.delete()


# --- public documents ----------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *, actor: User, opportunity: Opportunity, title: str, file: UploadedFile
) -> Document:
    """Add a public document (checked for its size and real type). While the opportunity is open
    it may still be added: every interested provider hears of it at once."""
    if opportunity.status not in (Opportunity.Status.DRAFT, Opportunity.Status.OPEN):
        raise ValidationError(_("Documents can be added only before bids close."))
    if opportunity.status == Opportunity.Status.OPEN and opportunity.deadline_passed():
        raise ValidationError(_("Documents can be added only before bids close."))
    try:
        kind = uploads.check_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    title = _text(title)
    if not title:
        raise ValidationError({"title": _("Enter a title for the document")})
    document = Document(
        opportunity=opportunity,
        title=title[:200],
        content_type=kind.content_type,
        size=file.size or 0,
        added_by=actor,
    )
    with audit.audit_context(actor=actor, reason=_("Added a public document to a competition")):
        document.file.save(uploads.safe_filename(file.name or "", kind), file, save=False)
        try:
            document.save()
        except Exception:
            if document.file.name:
                document.file.storage.delete(document.file.name)
            raise
        if opportunity.is_published:
            notices.document_added(document, actor=actor)
    return document


@transaction.atomic
def document_remove(*, actor: User, document: Document) -> None:
    """Remove a document. Only while a draft: once published, providers may rely on it."""
    _not_draft(document.opportunity)
    name = document.file.name
    storage = document.file.storage
    with audit.audit_context(actor=actor, reason=_("Removed a public document from a competition")):
        document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- publishing and cancelling -------------------------------------------------------------------


def why_cannot_publish(opportunity: Opportunity) -> str | None:
    """permissions.why_cannot_publish, then the weights of the criteria tree (scoring's words)."""
    refusal = permissions.why_cannot_publish(opportunity)
    if refusal:
        return refusal
    if opportunity.status != Opportunity.Status.DRAFT:
        return _("This opportunity is %(status)s, so it cannot be published.") % {
            "status": opportunity.get_status_display().lower()
        }
    if opportunity.closes_at <= timezone.now():
        return _("The closing date for bids has passed. Set a later one.")
    problem = selectors.tree_problem(opportunity)
    if problem:
        return problem
    return None


def release_waiting_because() -> str:
    """Why open data cannot be published here now, or "" when it can."""
    try:
        schema_dir()
    except SchemaUnavailable as missing:
        return str(missing)
    return ""


def _publish_release(*, actor: User, opportunity: Opportunity) -> Release | None:
    """The opportunity as it now stands as an OCDS release: refused (with what is wrong) when it
    breaks the schema; None, and nothing published, when the schema is not installed."""
    data = ocds.tender_release(opportunity, when=timezone.now())
    try:
        return release_publish(data=data, actor=actor)
    except ReleaseInvalid as invalid:
        raise ValidationError(
            [
                _(
                    "The open data for this opportunity breaks the OCDS standard, so nothing was published:"
                )
            ]
            + [str(problem) for problem in invalid.problems]
        ) from invalid
    except SchemaUnavailable:
        return None


@transaction.atomic
def opportunity_publish(*, actor: User, opportunity: Opportunity) -> Release | None:
    """Open the opportunity for bids: everyone can see it, its `tender` release is open data (when
    the OCDS schema is installed; otherwise it waits), and followers of it, its plan and its place
    are told. Returns the release, or None when it waits for the schema."""
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("You cannot publish this opportunity."))
    refusal = why_cannot_publish(opportunity)
    if refusal:
        raise ValidationError(refusal)
    with audit.audit_context(actor=actor, reason=_("Published a competition: open for bids")):
        opportunity.status = Opportunity.Status.OPEN
        opportunity.published_at = timezone.now()
        opportunity.save(update_fields=["status", "published_at", "updated_at"])
        released = _publish_release(actor=actor, opportunity=opportunity)
        notices.opened(opportunity, actor=actor)
    return released


@transaction.atomic
def opportunity_release_update(*, actor: User, opportunity: Opportunity) -> Release:
    """Publish the opportunity's open data as it now stands (once the schema is installed)."""
    if not opportunity.is_published:
        raise ValidationError(_("Publish the opportunity first."))
    waiting = release_waiting_because()
    if waiting:
        raise ValidationError(waiting)
    with audit.audit_context(
        actor=actor, reason=_("Published an update to a competition's open data")
    ):
        released = _publish_release(actor=actor, opportunity=opportunity)
    assert released is not None  # the schema was there a moment ago
    return released


@transaction.atomic
def opportunity_cancel(*, actor: User, opportunity: Opportunity, reason: str) -> Release | None:
    """Cancel a draft or an opportunity not yet awarded, saying why. Interested providers and
    followers are told; a published one gets a `tenderCancellation` release."""
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("You cannot cancel this opportunity."))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why it is cancelled")})
    if opportunity.status in (Opportunity.Status.AWARDED, Opportunity.Status.CANCELLED):
        raise ValidationError(
            _("This opportunity is already %(status)s.")
            % {"status": opportunity.get_status_display().lower()}
        )
    released = None
    with audit.audit_context(actor=actor, reason=_("Cancelled a competition")):
        opportunity.status = Opportunity.Status.CANCELLED
        opportunity.cancelled_reason = reason
        opportunity.save(update_fields=["status", "cancelled_reason", "updated_at"])
        if opportunity.is_published:
            released = _publish_release(actor=actor, opportunity=opportunity)
            notices.cancelled(opportunity, actor=actor)
    return released


# --- interest ------------------------------------------------------------------------------------


@transaction.atomic
def interest_register(
    *, actor: User, opportunity: Opportunity, organisation: Organisation
) -> Interest:
    """A provider registers interest: its people hear of answers and changes. Twice is once."""
    if not (
        opportunity.is_published
        and opportunity.status != Opportunity.Status.CANCELLED
        and permissions.can_bid_for(actor, organisation)
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "Choose a provider you work for. The opportunity must be published."
                )
            }
        )
    existing = Interest.objects.filter(opportunity=opportunity, organisation=organisation).first()
    if existing:
        return existing
    with audit.audit_context(actor=actor, reason=_("Registered interest in a competition")):
        return Interest.objects.create(
            opportunity=opportunity, organisation=organisation, registered_by=actor
        )


@transaction.atomic
def interest_withdraw(*, actor: User, interest: Interest) -> None:
    if not permissions.can_bid_for(actor, interest.organisation):
        raise ValidationError(_("You do not speak for this provider."))
    with audit.audit_context(actor=actor, reason=_("Withdrew interest in a competition")):
        interest.delete()
