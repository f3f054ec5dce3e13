"""Loading Riverside's needs, outcomes framework, co-design sessions and priority round.

Called by ``services.demo_load`` inside its audit context. Records are found again by their
natural keys (a need by its title and place, an indicator by its code), so loading twice
changes nothing. Dates in the past are set once, when a record is first made.
"""

import importlib
from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.ballots import services as ballot_box
from commonweal.codesign.models import Decision, Participant, Session
from commonweal.demo import data, data_cycle, data_needs
from commonweal.needs import services as need_services
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support, Term
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)
from commonweal.places.models import Place
from commonweal.priorities import ballot_box as priority_box
from commonweal.priorities.models import Participation, PriorityRound


def load(
    *, places: dict[str, Place], organisations: dict[str, Organisation], save
) -> dict[str, int]:
    """Load it all; ``save`` is the demo's check-and-save helper. Returns how many of each were loaded."""
    loader = _Loader(places, organisations, save)
    terms = loader.terms()
    people = loader.people()
    outcomes = loader.framework(people)
    needs = loader.needs(terms, people, outcomes)
    loader.sessions(people, needs, outcomes)
    priority_round = loader.priority_round(people, needs)
    loader.priority_round(people, needs, data_cycle.OPEN_ROUND)
    loader.cite_round(priority_round, needs)
    return {"needs": len(needs), "people": len(data_needs.RESIDENTS) + len(data_needs.VOLUNTEERS)}


def _seed_vocabulary() -> dict[str, list[str]]:
    """The needs app's starting vocabulary, so that a reset database has all of it again."""
    return importlib.import_module("commonweal.needs.migrations.0003_seed_vocabulary").VOCABULARIES


def _first(queryset, model, **fields):
    return queryset.first() or model(**fields)


class _Loader:
    def __init__(self, places, organisations, save):
        self.places = places
        self.organisations = organisations
        self.save = save
        self.now = timezone.now()
        self.borough = places[data.BOROUGH["slug"]]

    def _ago(self, days: float):
        return self.now - timedelta(days=days)

    # --- vocabulary and people ----------------------------------------------------------------

    def terms(self) -> dict[tuple[str, str], Term]:
        wanted = [
            (vocabulary, slugify(name), name, position)
            for vocabulary, names in _seed_vocabulary().items()
            for position, name in enumerate(names, start=1)
        ]
        wanted += [(vocabulary, slug, name, 100) for vocabulary, slug, name in data_needs.TERMS]
        terms = {}
        for vocabulary, slug, name, position in wanted:
            key = (vocabulary, slug)
            if key in terms:
                continue
            term = Term.objects.filter(vocabulary=vocabulary, slug=slug).first()
            if term is None:  # kept as an administrator left it, if it is there
                term = self.save(
                    Term(vocabulary=vocabulary, slug=slug), name=name, position=position
                )
            terms[key] = term
        return terms

    def people(self) -> dict[str, User]:
        people = {
            local_part: User.objects.get(email=data.email(local_part))
            for local_part, *_rest in data.PEOPLE
        }
        for local_part, full_name, ward in data_needs.RESIDENTS:
            people[local_part] = self._person(
                local_part, full_name, Role.RESIDENT, place=self.places[ward]
            )
        for local_part, full_name, organisation in data_needs.VOLUNTEERS:
            people[local_part] = self._person(
                local_part,
                full_name,
                Role.PROVIDER_MEMBER,
                organisation=self.organisations[organisation],
            )
        return people

    def _person(self, local_part: str, full_name: str, role: str, **scope) -> User:
        """A fictional person with one role and no password: nobody signs in as them."""
        user = _first(
            User.objects.filter(email=data.email(local_part)), User, email=data.email(local_part)
        )
        if user.pk is None:
            user.set_unusable_password()
        user = self.save(
            user,
            full_name=full_name,
            is_demo_account=True,
            is_active=True,
            is_staff=False,
            is_superuser=False,
        )
        if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
            self.save(RoleAssignment(user=user, role=role, **scope))
        return user

    # --- the common outcomes framework -------------------------------------------------------------

    def framework(self, people) -> dict[str, Outcome]:
        spec = data_cycle.FRAMEWORK
        framework = _first(
            Framework.objects.filter(slug=spec["slug"]), Framework, slug=spec["slug"]
        )
        framework = self.save(
            framework,
            place=self.borough,
            name=spec["name"],
            summary=spec["summary"],
            owner=self.organisations[spec["owner"]],
        )
        version = _first(
            framework.versions.filter(number=1), FrameworkVersion, framework=framework, number=1
        )
        version = self.save(
            version,
            status=FrameworkVersion.Status.PUBLISHED,
            change_note=spec["change_note"],
            created_by=version.created_by if version.pk else people["commissioner"],
            published_at=version.published_at or self._ago(200),
        )
        outcomes = {}
        for area_position, (area_code, area_name, area_outcomes) in enumerate(
            spec["areas"], start=1
        ):
            area = _first(
                version.areas.filter(code=area_code), OutcomeArea, version=version, code=area_code
            )
            area = self.save(area, name=area_name, position=area_position)
            for position, (code, title, description, indicators) in enumerate(
                area_outcomes, start=1
            ):
                outcome = _first(
                    version.outcomes.filter(code=code), Outcome, version=version, code=code
                )
                outcomes[code] = self.save(
                    outcome, area=area, title=title, description=description, position=position
                )
                for indicator_position, fields in enumerate(indicators, start=1):
                    fields = dict(fields)
                    code_ = fields.pop("code")
                    indicator = _first(
                        outcome.indicators.filter(code=code_),
                        Indicator,
                        outcome=outcome,
                        code=code_,
                    )
                    self.save(indicator, position=indicator_position, **fields)
        for slug, endorser, comment in spec["endorsed_by"]:
            organisation = self.organisations[slug]
            endorsement = _first(
                version.endorsements.filter(organisation=organisation),
                Endorsement,
                version=version,
                organisation=organisation,
            )
            self.save(endorsement, endorsed_by=people.get(endorser), comment=comment)
        return outcomes

    # --- needs ---------------------------------------------------------------------------------------

    def needs(self, terms, people, outcomes) -> dict[str, Need]:
        needs: dict[str, Need] = {}
        for spec in data_needs.NEEDS:
            place = self.places[spec["place"]]
            need = _first(
                Need.objects.filter(title=spec["title"], place=place),
                Need,
                title=spec["title"],
                place=place,
            )
            is_new = need.pk is None
            steps = [("raised", data_needs.STATUS_REASONS["raised"]), *spec["steps"]]
            # The round is the reason, and its evidence.
            if spec["title"] in data_cycle.ROUND["prioritised"]:
                reason = data_cycle.ROUND["prioritised"][spec["title"]]
                steps = [
                    (status, reason if status == Need.Status.PRIORITISED else text)
                    for status, text in steps
                ]
            status, reason = steps[-1]
            raiser = people[spec["raised_by"]]
            need = self.save(
                need,
                problem=spec["problem"],
                population=spec["population"],
                raised_by=raiser,
                raised_for=self.organisations[spec["raised_for"]] if spec["raised_for"] else None,
                status=status,
                status_reason=reason,
                merged_into=needs[spec["merged_into"]] if spec["merged_into"] else None,
            )
            themes = [terms[key] for key in spec["themes"]] + [
                terms[("agency", slug)] for slug in spec["agencies"]
            ]
            need.themes.set(themes)
            need.outcomes.set([outcomes[code] for code in spec["outcomes"]])
            created = self._ago(spec["days_ago"])
            if is_new:
                Need.objects.filter(pk=need.pk).update(created_at=created)
            self._status_changes(need, steps, raiser, people["commissioner"], created, is_new)
            self._evidence(need, spec["evidence"], raiser, created, is_new)
            for local_part in spec["supporters"]:
                if not Support.objects.filter(need=need, user=people[local_part]).exists():
                    support = self.save(Support(need=need, user=people[local_part]))
                    if is_new:
                        Support.objects.filter(pk=support.pk).update(
                            created_at=created + timedelta(days=1)
                        )
            for position, (author, body) in enumerate(spec["comments"], start=1):
                if not Comment.objects.filter(need=need, author=people[author], body=body).exists():
                    comment = self.save(Comment(need=need, author=people[author], body=body))
                    if is_new:
                        Comment.objects.filter(pk=comment.pk).update(
                            created_at=created + timedelta(days=2 * position)
                        )
            needs[spec["title"]] = need
        # Their times were set back above: when each last moved on follows them.
        need_services.needs_activity_recount(needs=needs.values())
        return needs

    def _status_changes(self, need, steps, raiser, commissioner, created, is_new):
        existing = list(need.status_changes.order_by("changed_at", "pk"))
        previous = ""
        for position, (status, reason) in enumerate(steps):
            change = existing[position] if position < len(existing) else StatusChange(need=need)
            by = raiser if position == 0 else commissioner
            change = self.save(
                change, from_status=previous, to_status=status, reason=reason, changed_by=by
            )
            if is_new:
                # Spread the steps over the time since the need was raised.
                when = created + (self.now - created) * position / len(steps)
                StatusChange.objects.filter(pk=change.pk).update(changed_at=when)
            previous = status

    def _evidence(self, need, items, raiser, created, is_new):
        for item in items:
            fields = {key: value for key, value in item.items() if key != "title"}
            evidence = _first(
                need.evidence.filter(title=item["title"]), Evidence, need=need, title=item["title"]
            )
            if fields["kind"] == Evidence.Kind.STORY and fields["consent_given"]:
                fields["consent_recorded_by"] = raiser
                fields["consent_recorded_at"] = evidence.consent_recorded_at or created
            evidence = self.save(evidence, added_by=raiser, **fields)
            if is_new:
                Evidence.objects.filter(pk=evidence.pk).update(added_at=created)

    # --- co-design and priorities ---------------------------------------------------------------------

    def sessions(self, people, needs, outcomes) -> None:
        for spec in data_cycle.SESSIONS:
            session = _first(
                Session.objects.filter(title=spec["title"], place=self.borough),
                Session,
                title=spec["title"],
                place=self.borough,
            )
            session = self.save(
                session,
                kind=spec["kind"],
                location=spec["location"],
                agenda=spec["agenda"],
                notes=spec["notes"],
                starts_at=session.starts_at
                or self._ago(spec["days_ago"]).replace(hour=10, minute=0, second=0, microsecond=0),
                organised_by=self.organisations[spec["organised_by"]],
                created_by=people[spec["created_by"]],
            )
            session.needs.set([needs[title] for title in spec["needs"]])
            session.outcomes.set([outcomes[code] for code in spec["outcomes"]])
            participants = {}
            for kind, name, local_part, organisation in spec["participants"]:
                participant = _first(
                    session.participants.filter(display_name=name),
                    Participant,
                    session=session,
                    display_name=name,
                )
                participants[name] = self.save(
                    participant,
                    kind=kind,
                    user=people.get(local_part) if local_part else None,
                    organisation=self.organisations[organisation] if organisation else None,
                )
            for text, agreed_by in spec["decisions"]:
                decision = _first(
                    session.decisions.filter(text=text), Decision, session=session, text=text
                )
                decision = self.save(decision, recorded_by=people[spec["created_by"]])
                decision.agreed_by.set([participants[name] for name in agreed_by])

    def priority_round(self, people, needs, spec=None) -> PriorityRound:
        spec = spec or data_cycle.ROUND
        priority_round = _first(
            PriorityRound.objects.filter(title=spec["title"], place=self.borough),
            PriorityRound,
            title=spec["title"],
            place=self.borough,
        )
        priority_round = self.save(
            priority_round,
            description=spec["description"],
            method=spec["method"],
            eligibility=spec["eligibility"],
            status=spec["status"],
            run_by=self.organisations[spec["run_by"]],
            created_by=people[spec["created_by"]],
            opens_at=priority_round.opens_at or self._ago(spec["opens_days_ago"]),
            closes_at=priority_round.closes_at or self._ago(spec["closes_days_ago"]),
        )
        round_needs = [needs[title] for title in spec["needs"]]
        priority_round.needs.set(round_needs)
        for local_part, order in spec["ballots"].items():
            voter = people[local_part]
            if priority_round.participations.filter(person=voter).exists():
                continue
            # Who voted in one table; the ballot goes into the ballot box, as a real vote does.
            self.save(Participation(round=priority_round, person=voter))
            # An approval ballot approves without ranking.
            marks = {
                str(round_needs[index].pk): rank
                if spec["method"] == PriorityRound.Method.BORDA
                else None
                for rank, index in enumerate(order, start=1)
            }
            ballot_box.ballot_queue(
                box=priority_box.box(priority_round.pk),
                key=priority_box.ballot_key(priority_round.pk, voter.pk),
                content={"marks": marks},
            )
        # Voting has ended: commit them.
        if priority_round.status not in (PriorityRound.Status.DRAFT, PriorityRound.Status.OPEN):
            ballot_box.box_flush(box=priority_box.box(priority_round.pk), force=True)
        return priority_round

    def cite_round(self, priority_round, needs) -> None:
        """The needs the commissioner marked prioritised give the round as their evidence."""
        try:
            url = reverse("priorities:round", kwargs={"pk": priority_round.pk})
        except NoReverseMatch:  # the priorities pages are not there yet
            url = ""
        for title in data_cycle.ROUND["prioritised"]:
            change = (
                needs[title]
                .status_changes.filter(to_status=Need.Status.PRIORITISED)
                .order_by("-pk")
                .first()
            )
            self.save(change, evidence_label=priority_round.title, evidence_url=url)
