"""Writes about budgeting rounds: setting one up, moving its phases, projects and who may vote.

Voting is in ``services_voting.py``; counting and publishing in ``services_counting.py``.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.accounts.models import User
from commonweal.ballots import services as ballot_box
from commonweal.core import audit, uploads
from commonweal.needs.models import Need
from commonweal.participation import engine, keys, notices, permissions
from commonweal.participation.models import (
    BudgetRound,
    EligibilityEntry,
    InvitationCode,
    Project,
    RoundExport,
    Verification,
)
from commonweal.participation.pb import rules
from commonweal.participation.pb.explain import format_money as money
from commonweal.places.models import Place

# A project costing £0 would always be funded (it takes nothing from the budget) and tells voters
# nothing about what it would do with money: every project costs more than £0.
PROJECT_COST_MORE_THAN_0 = gettext_lazy("Enter the project's cost in pounds, more than £0")

# Phases move forward in this order; publishing needs a count (services_counting).
PHASES: list[str] = [
    BudgetRound.Status.DRAFT,
    BudgetRound.Status.PROPOSALS,
    BudgetRound.Status.REVIEW,
    BudgetRound.Status.VOTING,
    BudgetRound.Status.CLOSED,
]

# The dates a reminder that ideas or voting close soon is worked out from.
REMINDER_DATES = ("proposals_open", "review_from", "voting_opens", "voting_closes")

ROUND_FIELDS = (
    "title",
    "description",
    "budget",
    "proposals_open",
    "review_from",
    "voting_opens",
    "voting_closes",
    "results_by",
    "minimum_age",
    "verification",
    "ballot_type",
    "min_projects",
    "max_projects",
    "within_budget",
    "points_total",
    "points_max_per_project",
    "ranks",
    "rule",
    "satisfaction",
    "completion",
    "run_by",
)
# Settings that change what a ballot means: fixed once voting starts.
BALLOT_FIELDS = (
    "ballot_type",
    "min_projects",
    "max_projects",
    "within_budget",
    "points_total",
    "points_max_per_project",
    "ranks",
    "budget",
    "verification",
    "minimum_age",
)


def _check_round(round_: BudgetRound) -> None:
    round_.full_clean()
    errors: dict[str, list[str]] = {}
    if round_.min_projects and round_.max_projects and round_.min_projects > round_.max_projects:
        errors["max_projects"] = [
            _("The most projects must be the same as or more than the fewest.")
        ]
    if round_.ballot_type == BudgetRound.BallotType.CUMULATIVE and not round_.points_total:
        errors["points_total"] = [_("Enter how many points each voter shares out.")]
    if round_.voting_opens and round_.voting_closes and round_.voting_closes < round_.voting_opens:
        errors["voting_closes"] = [_("Voting must close on or after the day it opens.")]
    allowed = rules.ALLOWED[engine.VOTE_TYPES[round_.ballot_type]]
    if round_.satisfaction and round_.satisfaction not in allowed:
        errors["satisfaction"] = [
            _("For this kind of ballot, choose %(allowed)s satisfaction.")
            % {"allowed": _(" or ").join(allowed)}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(*, actor: User, place: Place, reason: str = "", **fields: Any) -> BudgetRound:
    """Set up a draft round for a place."""
    round_ = BudgetRound(
        place=place, created_by=actor, **{k: v for k, v in fields.items() if k in ROUND_FIELDS}
    )
    _check_round(round_)
    with audit.audit_context(actor=actor, reason=reason or _("Set up a budgeting round")):
        round_.save()
    return round_


@transaction.atomic
def round_update(
    *, round_: BudgetRound, actor: User, reason: str = "", **fields: Any
) -> BudgetRound:
    """Change a round's settings. What a ballot means cannot change once voting has started."""
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    started = (
        PHASES.index(locked.status) >= PHASES.index(BudgetRound.Status.VOTING)
        if locked.status in PHASES
        else True
    )
    dates_before = [getattr(locked, name) for name in REMINDER_DATES]
    for name, value in fields.items():
        if name not in ROUND_FIELDS:
            continue
        if started and name in BALLOT_FIELDS and getattr(locked, name) != value:
            raise ValidationError({name: _("Voting has started, so this cannot change.")})
        setattr(locked, name, value)
    _check_round(locked)
    with audit.audit_context(actor=actor, reason=reason or _("Changed the round's settings")):
        locked.save()
    if [getattr(locked, name) for name in REMINDER_DATES] != dates_before:
        notices.reminder_schedule(locked, actor=actor)  # "closes soon" at the new time
    RoundExport.objects.filter(round=locked).delete()  # the Pabulib file is made again when asked
    return locked


@transaction.atomic
def round_move(*, round_: BudgetRound, actor: User, to: str, reason: str = "") -> BudgetRound:
    """Move the round on to a later phase (never back)."""
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    if (
        to not in PHASES
        or locked.status not in PHASES
        or PHASES.index(to) <= PHASES.index(locked.status)
    ):
        raise ValidationError(_("A round can only move on to a later phase."))
    if (
        to == BudgetRound.Status.VOTING
        and not locked.projects.filter(status=Project.Status.ACCEPTED).exists()
    ):
        raise ValidationError(_("Accept at least one project before voting opens."))
    with audit.audit_context(actor=actor, reason=reason or _("Moved the round to the next phase")):
        locked.status = to
        locked.save(update_fields=["status"])
    if to == BudgetRound.Status.CLOSED:  # commit every ballot still waiting, however few
        ballot_box.box_flush_after_commit(box=keys.box(locked.pk))
    notices.phase_started(locked, actor=actor)
    round_.status = to
    return locked


def _check_cost_more_than_0(project: Project) -> None:
    if project.cost is not None and project.cost <= 0:
        raise ValidationError({"cost": PROJECT_COST_MORE_THAN_0})


@transaction.atomic
def project_propose(
    *,
    round_: BudgetRound,
    actor: User,
    title: str,
    description: str,
    cost: Decimal,
    needs: Iterable[Need] = (),
) -> Project:
    """Put forward a project idea while the round takes ideas."""
    if not permissions.can_propose(actor, round_):
        raise ValidationError(_("This round is not taking project ideas now."))
    project = Project(
        round=round_,
        title=(title or "").strip(),
        description=(description or "").strip(),
        cost=cost,
        proposer=actor,
    )
    project.full_clean()
    _check_cost_more_than_0(project)
    if project.cost > round_.budget:
        raise ValidationError(
            {
                "cost": _("The project costs more than the whole budget of £%(budget)s.")
                % {"budget": f"{round_.budget:,.2f}"}
            }
        )
    with audit.audit_context(actor=actor, reason=_("Proposed a project")):
        project.save()
        project.needs.set(needs)
    return project


@transaction.atomic
def project_add(
    *,
    round_: BudgetRound,
    actor: User,
    title: str,
    description: str,
    cost: Decimal,
    needs: Iterable[Need] = (),
    status: str = Project.Status.ACCEPTED,
    reason: str = "",
) -> Project:
    """An officer adds a project directly (before voting opens)."""
    if not round_.is_before_voting:
        raise ValidationError(_("Projects cannot be added once voting has started."))
    project = Project(
        round=round_,
        title=(title or "").strip(),
        description=(description or "").strip(),
        cost=cost,
        proposer=actor,
        status=status,
    )
    project.full_clean()
    _check_cost_more_than_0(project)
    with audit.audit_context(actor=actor, reason=reason or _("Added a project")):
        project.save()
        project.needs.set(needs)
    return project


@transaction.atomic
def projects_add_bulk(
    *, round_: BudgetRound, projects: Sequence[dict[str, Any]], reason: str
) -> list[Project]:
    """Add many projects to a round at once (an import, the demo's city-scale data), each a dict of
    a project's fields (``title``, ``cost``, ``description``, ``status``, ``proposer``, ...), checked as
    a form would check them: one audit entry about the round with the counts and a digest. Refused
    while voting is open or once the round has ballots, which could not have chosen them."""
    if permissions.is_voting_open(round_) or round_.ballots.exists():
        raise ValidationError(_("Projects cannot be added once voting has started."))
    rows = []
    for fields in projects:
        project = Project(round=round_, **fields)
        project.title, project.description = (
            (project.title or "").strip(),
            (project.description or "").strip(),
        )
        project.clean_fields(exclude=["round", "proposer"])
        _check_cost_more_than_0(project)
        rows.append(project)
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=round_, action="projects_import", reason=reason) as operation,
    ):
        return operation.bulk_create(Project, rows, m2m=False, batch_size=1000)


@transaction.atomic
def project_review(
    *,
    project: Project,
    actor: User,
    status: str,
    reason: str,
    cost: Decimal | None = None,
    cost_reason: str = "",
) -> Project:
    """Accept a project onto the ballot or reject it, with a reason everyone can read; with
    ``cost``, revise its cost first (``project_cost_revise``: a new cost needs ``cost_reason``)."""
    if not project.round.is_before_voting:
        raise ValidationError(
            _("Voting has started, so projects cannot be accepted or rejected now.")
        )
    if status not in (Project.Status.ACCEPTED, Project.Status.REJECTED):
        raise ValidationError({"status": _("Choose whether the project goes on the ballot.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, so the person who proposed it can see the reason.")}
        )
    if cost is not None:
        project_cost_revise(project=project, actor=actor, cost=cost, reason=cost_reason)
    decided = (project.status, project.review_reason) != (status, reason)
    with audit.audit_context(actor=actor, reason=reason):
        project.status = status
        project.review_reason = reason
        project.save(update_fields=["status", "review_reason"])
    if decided:
        notices.idea_decided(project, actor=actor)
    return project


def _cost_given(cost: object, budget: Decimal) -> Decimal:
    """A revised cost as money, or why not: a number of pounds and pence, more than £0, at most the budget."""
    try:
        amount = cost if isinstance(cost, Decimal) else Decimal(str(cost).strip())
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({"cost": _("Enter the cost as a number, like 9500")})
    if amount <= 0:
        raise ValidationError({"cost": PROJECT_COST_MORE_THAN_0})
    if amount > budget:
        raise ValidationError(
            {
                "cost": _("The project costs more than the whole budget of £%(budget)s.")
                % {"budget": f"{budget:,.2f}"}
            }
        )
    pounds = amount.quantize(Decimal("0.01"))  # at most the budget: never too long to round
    if amount != pounds:
        raise ValidationError(
            {"cost": _("Enter the cost in pounds and pence, like 9500 or 9500.50")}
        )
    return pounds


@transaction.atomic
def project_cost_revise(*, project: Project, actor: User, cost: object, reason: str) -> Project:
    """Change a project's cost while ideas are checked (before voting), with a reason everyone can
    read beside it: "Cost revised from £12,000 to £9,500: the supplier's quote". The same cost
    changes and records nothing. Refused for £0 or less, for more than the budget, and for what is
    not an amount of money."""
    locked = Project.objects.select_for_update().select_related("round").get(pk=project.pk)
    if not locked.round.is_before_voting:
        raise ValidationError(_("Voting has started, so a project's cost cannot change now."))
    amount = _cost_given(cost, locked.round.budget)
    if amount == locked.cost:
        return locked
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"cost_reason": _("Say why the cost changed, so everyone can see the reason.")}
        )
    with audit.audit_context(
        actor=actor,
        reason=_("Cost revised from %(before)s to %(after)s: %(reason)s")
        % {
            "before": money(Fraction(locked.cost)),
            "after": money(Fraction(amount)),
            "reason": reason,
        },
    ):
        locked.cost_revised_from, locked.cost = locked.cost, amount
        locked.cost_revision_reason = reason
        locked.save(update_fields=["cost", "cost_revised_from", "cost_revision_reason"])
    project.cost, project.cost_revised_from = locked.cost, locked.cost_revised_from
    project.cost_revision_reason = locked.cost_revision_reason
    return locked


# --- who may vote ------------------------------------------------------------------------------------


def read_eligibility_list(text: str) -> tuple[list[str], list[str]]:
    """Identifiers from a CSV (one a row, first column; a header row is allowed) and row-numbered errors."""
    identifiers: list[str] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(uploads.csv_rows(text), start=1):
        if row is None:
            errors.append(
                _(
                    "Row %(row)d: this row is too long or not laid out as CSV. Put one email address or "
                    "reference number on each row."
                )
                % {"row": row_number}
            )
            break
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        value = cells[0]
        if row_number == 1 and value.lower() in (
            "email",
            "email address",
            "reference",
            "reference number",
            "id",
        ):
            continue
        if len([c for c in cells if c]) > 1:
            errors.append(
                _("Row %(row)d: put one email address or reference number on each row.")
                % {"row": row_number}
            )
            continue
        if not value:
            errors.append(_("Row %(row)d: the first column is empty.") % {"row": row_number})
            continue
        if len(value) > 254:
            errors.append(
                _("Row %(row)d: this is too long to be an email address or reference number.")
                % {"row": row_number}
            )
            continue
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                errors.append(
                    _("Row %(row)d: “%(value)s” is not a valid email address.")
                    % {"row": row_number, "value": value[:60]}
                )
                continue
        normal = keys.normalise_identifier(value)
        if normal in seen:
            errors.append(
                _("Row %(row)d: this is the same as row %(first)d.")
                % {"row": row_number, "first": seen[normal]}
            )
            continue
        seen[normal] = row_number
        identifiers.append(value)
    if not identifiers and not errors:
        errors.append(_("The file has no email addresses or reference numbers in it."))
    return identifiers, errors


@transaction.atomic
def eligibility_list_upload(*, round_: BudgetRound, actor: User, text: str) -> int:
    """Replace the round's eligibility list. Only keyed hashes are kept. Nothing is saved if a row is wrong."""
    identifiers, errors = read_eligibility_list(text)
    if errors:
        raise ValidationError({"file": errors})
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    EligibilityEntry.objects.filter(round=locked).delete()
    with audit.audit_context(
        actor=actor,
        reason=ngettext(
            "Uploaded an eligibility list of %(count)d person",
            "Uploaded an eligibility list of %(count)d people",
            len(identifiers),
        )
        % {"count": len(identifiers)},
    ):
        with audit.bulk_operation(instance=locked, action="eligibility_list_upload") as operation:
            entries = EligibilityEntry.objects.bulk_create(
                [
                    EligibilityEntry(round=locked, digest=keys.identifier_digest(locked.pk, value))
                    for value in identifiers
                ]
            )
            operation.add_rows(
                EligibilityEntry._meta.label_lower, ({"digest": e.digest} for e in entries)
            )
        locked.eligibility_list_size = len(identifiers)
        locked.save(update_fields=["eligibility_list_size"])
    return len(identifiers)


@transaction.atomic
def invitation_codes_create(*, round_: BudgetRound, actor: User, count: int) -> list[str]:
    """Make new invitation codes. The codes are returned once and stored only as hashes."""
    if not 1 <= count <= 5000:
        raise ValidationError({"count": _("Make between 1 and 5,000 codes at a time.")})
    locked = BudgetRound.objects.select_for_update().get(pk=round_.pk)
    codes: set[str] = set()
    existing = set(InvitationCode.objects.filter(round=locked).values_list("digest", flat=True))
    while len(codes) < count:
        code = keys.new_code()
        if keys.code_digest(locked.pk, code) not in existing:
            codes.add(code)
    with audit.audit_context(
        actor=actor, reason=_("Made %(count)d invitation codes") % {"count": count}
    ):
        with audit.bulk_operation(instance=locked, action="invitation_codes_create") as operation:
            made = InvitationCode.objects.bulk_create(
                [InvitationCode(round=locked, digest=keys.code_digest(locked.pk, c)) for c in codes]
            )
            operation.add_rows(
                InvitationCode._meta.label_lower,
                ({"digest": digest} for digest in sorted(code.digest for code in made)),
            )
        locked.codes_issued += count
        locked.save(update_fields=["codes_issued"])
    return sorted(codes)


def _verify(
    round_: BudgetRound, person: User, method: str, verified_by: User | None = None
) -> Verification:
    found = Verification.objects.filter(round=round_, person=person).first()
    if found:
        return found
    return Verification.objects.create(
        round=round_, person=person, method=method, verified_by=verified_by
    )


@transaction.atomic
def invitation_code_use(*, round_: BudgetRound, person: User, code: str) -> Verification:
    """Check a person by the code from their letter. Each code works once."""
    if Verification.objects.filter(round=round_, person=person).exists():
        return Verification.objects.get(round=round_, person=person)
    found = (
        InvitationCode.objects.select_for_update()
        .filter(round=round_, digest=keys.code_digest(round_.pk, code or ""))
        .first()
    )
    if found is None:
        raise ValidationError({"code": _("That code is not right. Check it against your letter.")})
    if found.used:
        raise ValidationError(
            {"code": _("That code has already been used. Ask the council for a new one.")}
        )
    found.used = True
    found.save(update_fields=["used"])
    with audit.audit_context(actor=person, reason=_("Used an invitation code")):
        return _verify(round_, person, BudgetRound.Verification.CODE)


@transaction.atomic
def reference_use(*, round_: BudgetRound, person: User, reference: str) -> Verification:
    """Check a person by a reference number on the eligibility list. Each number works once."""
    if Verification.objects.filter(round=round_, person=person).exists():
        return Verification.objects.get(round=round_, person=person)
    entry = (
        EligibilityEntry.objects.select_for_update()
        .filter(round=round_, digest=keys.identifier_digest(round_.pk, reference or ""))
        .first()
    )
    if entry is None:
        raise ValidationError(
            {"code": _("That reference number is not on the list. Check it against your letter.")}
        )
    if entry.claimed:
        raise ValidationError(
            {"code": _("That reference number has already been used. Ask the council to check.")}
        )
    entry.claimed = True
    entry.save(update_fields=["claimed"])
    with audit.audit_context(
        actor=person, reason=_("Used a reference number from the eligibility list")
    ):
        return _verify(round_, person, BudgetRound.Verification.LIST)


@transaction.atomic
def person_verify(*, round_: BudgetRound, actor: User, email: str, reason: str) -> Verification:
    """An officer checks a person (found by the email address on their account) as able to vote."""
    person = User.objects.filter(email__iexact=(email or "").strip()).first()
    if person is None:
        raise ValidationError({"email": _("Nobody has an account with that email address.")})
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say how you checked them, for example what document you saw.")}
        )
    with audit.audit_context(actor=actor, reason=reason.strip()):
        return _verify(round_, person, BudgetRound.Verification.OFFICER, verified_by=actor)
