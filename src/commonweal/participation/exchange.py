"""Pabulib ``.pb`` export and import of whole rounds, through the engine's parser and writer.

An exported round re-imports to the same election: the same projects (ids, costs, names) and the
same ballots, with new anonymous voter ids.
"""

import hashlib
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commonweal.core import audit
from commonweal.participation import engine, keys, selectors
from commonweal.participation.models import Ballot, BudgetRound, Project, RoundExport
from commonweal.participation.pb import pabulib

BALLOT_TYPES = {value: key for key, value in engine.VOTE_TYPES.items()}


def round_export(round_: BudgetRound) -> str:
    """The round's projects on the ballot, its ballots (anonymous ids) and its settings, as ``.pb`` text."""
    ballots = selectors.counted_ballots(round_)
    meta = [("country", "United Kingdom"), ("unit", round_.place.name), ("currency", "GBP")]
    projects = sorted(
        selectors.ballot_projects(round_), key=lambda p: p.pk
    )  # file order for imported rounds
    return pabulib.write(engine.election_for(round_, projects, ballots, meta_extra=meta))


def round_export_stored(round_: BudgetRound) -> RoundExport:
    """The round's Pabulib file, made once and kept until a service that changes the round (a
    recount, new settings, new ballots) removes it. Made by the task that runs at publishing, or by
    the first download after a change."""
    found = RoundExport.objects.filter(round=round_).first()
    if found is not None:
        return found
    text = round_export(round_)
    etag = hashlib.sha256(text.encode()).hexdigest()
    try:
        with transaction.atomic():
            return RoundExport.objects.create(round=round_, text=text, etag=etag)
    except IntegrityError:  # another download made it at the same moment
        return RoundExport.objects.get(round=round_)


def round_export_stale(round_: BudgetRound) -> None:
    """The round has changed: its stored Pabulib file is made again when next asked for."""
    RoundExport.objects.filter(round=round_).delete()


# The most a money field holds, in pence (its digits include the 2 for pence).
MOST_PENCE = 10 ** BudgetRound._meta.get_field("budget").max_digits - 1


def _money(value, line_text: str) -> Decimal:
    exact = Fraction(value)
    pence = exact * 100
    if pence.denominator != 1:
        raise ValidationError(
            {"file": _("%(what)s is not a whole number of pence.") % {"what": line_text}}
        )
    if pence.numerator > MOST_PENCE:
        raise ValidationError(
            {
                "file": _("%(what)s is too big. The most a round can hold is £999,999,999,999.99.")
                % {"what": line_text}
            }
        )
    return Decimal(pence.numerator) / 100


@transaction.atomic
def round_import(*, actor, place, text: str) -> BudgetRound:
    """Create a draft round from a ``.pb`` file, its projects and ballots marked imported. All or nothing."""
    try:
        election = pabulib.parse(text)
    except pabulib.PabulibError as error:
        where = _("Line %(line)d: ") % {"line": error.line} if error.line else ""
        raise ValidationError({"file": where + error.problem}) from None
    if election.vote_type not in BALLOT_TYPES:
        raise ValidationError(
            {
                "file": _(
                    "Ballots of type “%(type)s” cannot be imported. Use approval, choose-1, "
                    "cumulative or ordinal."
                )
                % {"type": election.vote_type}
            }
        )
    if not election.projects:
        raise ValidationError({"file": _("The file has no projects.")})
    free = [project for project in election.projects if project.cost <= 0]
    if free:
        # A £0 project would always be funded: the file's cost is a mistake to mend, as on the form.
        lines = pabulib.project_lines(text)
        raise ValidationError(
            {
                "file": [
                    _(
                        "Line %(line)s: project %(id)s costs £0. Enter the project's cost in "
                        "pounds, more than £0"
                    )
                    % {"line": lines.get(project.id, "?"), "id": project.id}
                    for project in free
                ]
            }
        )
    longest_id = Project._meta.get_field("pabulib_id").max_length
    for project in election.projects:
        if len(project.id) > longest_id:
            raise ValidationError(
                {
                    "file": _(
                        "Project %(start)s… has an id of %(length)d characters. Project ids must "
                        "be %(most)d characters or fewer."
                    )
                    % {"start": project.id[:20], "length": len(project.id), "most": longest_id}
                }
            )
    meta = election.meta_dict
    ballot_type = BALLOT_TYPES[election.vote_type]
    points_total = None
    if ballot_type == BudgetRound.BallotType.CUMULATIVE:
        for ballot in election.ballots:
            if any(Fraction(p).denominator != 1 or p < 0 for p in ballot.points or ()):
                raise ValidationError(
                    {
                        "file": _("Voter %(voter)s has points that are not whole numbers.")
                        % {"voter": ballot.voter_id}
                    }
                )
        points_total = election.max_sum_points if isinstance(election.max_sum_points, int) else None
        points_total = (
            points_total or max((sum(b.points or ()) for b in election.ballots), default=1) or 1
        )
    # A limit at or above the number of projects limits nothing; a minimum above it leaves nobody a valid ballot.
    fewest = election.min_length or None
    if fewest and fewest > len(election.projects):
        raise ValidationError(
            {
                "file": _(
                    "The file asks every voter to choose at least %(fewest)s projects, but it "
                    "has only %(count)s."
                )
                % {"fewest": fewest, "count": len(election.projects)}
            }
        )
    most = (
        election.max_length
        if election.max_length and election.max_length < len(election.projects)
        else None
    )
    title = (
        meta.get("description")
        or " ".join(filter(None, (meta.get("unit"), meta.get("instance"))))
        or _("Imported round")
    )[:200]
    rule = (
        BudgetRound.Rule.GREEDY
        if "greedy" in meta.get("rule", "").lower()
        else BudgetRound.Rule.MES
    )
    round_ = BudgetRound(
        place=place,
        title=title,
        budget=_money(election.budget, _("The budget")),
        status=BudgetRound.Status.DRAFT,
        ballot_type=ballot_type,
        rule=rule,
        imported=True,
        created_by=actor,
        points_total=points_total,
        min_projects=fewest,
        max_projects=most,
        completion=BudgetRound.Completion.ADD1
        if rule == BudgetRound.Rule.MES
        else BudgetRound.Completion.NONE,
    )
    round_.full_clean()
    with audit.audit_context(actor=actor, reason=_("Imported a round from a Pabulib file")):
        round_.save()
        # One entry for the projects and ballots, with their digest (imported ballots have no voter).
        with audit.bulk_operation(instance=round_, action="pabulib_import") as operation:
            _import_projects_and_ballots(round_, election, ballot_type, operation)
    return round_


def _import_projects_and_ballots(
    round_: BudgetRound, election, ballot_type: str, operation
) -> None:
    projects = {}
    for project in election.projects:
        projects[project.id] = Project.objects.create(
            round=round_,
            title=(project.name or _("Project %(id)s") % {"id": project.id})[:200],
            cost=_money(project.cost, _("The cost of project %(id)s") % {"id": project.id}),
            pabulib_id=project.id,
            imported=True,
            status=Project.Status.ACCEPTED,
        )
    ballots = []
    for ballot in election.ballots:
        if ballot_type == BudgetRound.BallotType.RANKED:
            marks = {
                str(projects[pid].pk): rank for rank, pid in enumerate(ballot.projects, start=1)
            }
        elif ballot_type == BudgetRound.BallotType.CUMULATIVE:
            marks = {
                str(projects[pid].pk): int(points)
                for pid, points in zip(ballot.projects, ballot.points, strict=True)
            }
        else:
            marks = {str(projects[pid].pk): 1 for pid in ballot.projects}
        ballots.append(
            Ballot(
                round=round_,
                key=keys.anonymous_ballot_key(),
                source=Ballot.Source.IMPORTED,
                marks=marks,
            )
        )
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    # The digest covers what each ballot says, not its random id or key.
    operation.add_rows(
        Ballot._meta.label_lower, ({"source": b.source, "marks": b.marks} for b in ballots)
    )
