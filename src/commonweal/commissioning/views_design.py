"""The barrier check page, and what the market, barrier and lot pages share: provider names capped
to a few with "and N more" (a page's work stays the same however big the market), each linked to
its organisation's page, and the counts drawn as a chart beside a table."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.commissioning import barriers as barrier_rules
from commonweal.commissioning import capacity, permissions
from commonweal.commissioning import selectors_design as design
from commonweal.commissioning.forms_design import RequirementsForm
from commonweal.commissioning.models import Lot
from commonweal.commissioning.services_design import requirements_save
from commonweal.commissioning.views import plan_or_404
from commonweal.core import charts
from commonweal.core.viewtools import add_service_errors, posted, require
from commonweal.messages import Message
from commonweal.organisations.models import Organisation

# How many providers a list names before it says "and N more".
NAMES_SHOWN = 10
# How many providers a barrier names as excluded: the point is who in the place it shuts out.
EXCLUDED_SHOWN = 20


@dataclass(frozen=True)
class Link:
    name: str
    slug: str
    address: str


@dataclass
class Named:
    """A list of providers, the first few of them to name (with links, once ``link_names`` has
    run) and how many more there are."""

    providers: tuple[capacity.Provider, ...]
    more: int
    total: int
    links: list[Link] = field(default_factory=list)


def named(providers: Iterable[capacity.Provider], *, cap: int = NAMES_SHOWN) -> Named:
    everyone = tuple(providers)
    return Named(everyone[:cap], max(0, len(everyone) - cap), len(everyone))


# A short name no organisation has, to find where the short name goes in a page's address.
_MARK = "slug-mark-1f9a"


def link_names(groups: Iterable[Named]) -> None:
    """Link every provider the groups name to its organisation's page: one query for them all."""
    groups = list(groups)
    slugs = design.organisation_slugs(
        provider.id for group in groups for provider in group.providers
    )
    before, _mark, after = reverse("organisations:detail", kwargs={"slug": _MARK}).partition(_MARK)
    for group in groups:
        group.links = []
        for provider in group.providers:
            slug = slugs.get(provider.id, "")
            address = f"{before}{slug}{after}" if slug else ""
            group.links.append(Link(provider.name, slug, address))


@dataclass
class BiddersShown:
    """Who could bid for a lot, each list capped (``named``)."""

    check: design.Bidders
    can_bid: Named | None = None
    stretch: Named | None = None
    too_small: Named | None = None
    unknown: Named | None = None
    consortium: Named | None = None

    def groups(self) -> list[Named]:
        return [
            group
            for group in (self.can_bid, self.stretch, self.too_small, self.unknown, self.consortium)
            if group is not None
        ]


def bidders_shown(check: design.Bidders, *, cap: int = NAMES_SHOWN) -> BiddersShown:
    found = check.capacity
    if found is None:
        return BiddersShown(check)
    return BiddersShown(
        check,
        can_bid=named(found.can_bid, cap=cap),
        stretch=named(found.stretch, cap=cap),
        too_small=named(found.too_small, cap=cap),
        unknown=named(found.unknown, cap=cap),
        consortium=named(found.consortium, cap=cap),
    )


def size_label(band: str) -> str:
    return str(dict(Organisation.SizeBand.choices).get(band) or _("Not known"))


def tally_chart(rows: list[design.Tally]) -> dict:
    """Counts as a table's rows and the same rows as a bar chart."""
    return {
        "rows": rows,
        "chart": charts.bar_chart(
            [(row.label, row.count) for row in rows], width=480, label_width=220, bar_height=28
        ),
    }


def rendered(text: Message) -> str:
    """A sentence from the pure check, translated."""
    return text.render(gettext, ngettext)


def requirement_label(field_name: str) -> str:
    """The requirement a flag is about, in words: the form's label for it."""
    if field_name == "lot_values":
        return _("Lot sizes")
    form_field = RequirementsForm.base_fields.get(field_name)
    return str(form_field.label) if form_field is not None else field_name


@dataclass(frozen=True)
class FlagShown:
    rule: str
    requirement: str
    lot: Lot | None
    reason: str
    mitigation: str
    reference: str
    excluded: Named


def flags_shown(check: design.BarrierCheck) -> list[FlagShown]:
    """The check's flags in words, each naming (a few of) the providers it would shut out."""
    shown = [
        FlagShown(
            rule=flag.rule,
            requirement=requirement_label(flag.requirement),
            lot=check.lots[flag.lot - 1] if flag.lot and flag.lot <= len(check.lots) else None,
            reason=rendered(flag.reason),
            mitigation=rendered(flag.mitigation),
            reference=flag.reference,
            excluded=named(flag.excluded, cap=EXCLUDED_SHOWN),
        )
        for flag in check.flags
    ]
    link_names(flag.excluded for flag in shown)
    return shown


@dataclass(frozen=True)
class RuleShown:
    rule: str
    title: str
    why: str
    guidance: bool
    passed: bool


def rules_shown(check: design.BarrierCheck) -> list[RuleShown]:
    """Every check made, and whether the requirements passed it."""
    flagged = check.flagged
    return [
        RuleShown(
            rule.rule,
            rendered(rule.title),
            rendered(rule.why),
            rule.guidance,
            rule.rule not in flagged,
        )
        for rule in barrier_rules.RULES
    ]


@require_http_methods(["GET", "POST"])
def barriers(request, pk: int):
    plan = plan_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, plan)
    if request.method == "POST":
        require(can_manage)  # only those who run the plan set its requirements
    requirements = design.requirements_of(plan)
    form = None
    if can_manage:
        form = RequirementsForm(posted(request), plan=plan, requirements=requirements)
        if request.method == "POST" and form.is_valid():
            before = requirements.updated_at if requirements is not None else None
            try:
                saved = requirements_save(
                    actor=request.user, plan=plan, **form.requirements_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if saved.updated_at != before:
                    messages.success(
                        request, _("The requirements are saved. The check below uses them.")
                    )
                return redirect(f"{reverse('commissioning:barriers', args=[plan.pk])}#check")
    check = design.barrier_check(plan, today=timezone.localdate())
    return render(
        request,
        "commissioning/barriers.html",
        {
            "plan": plan,
            "section": "barriers",
            "can_manage": can_manage,
            "form": form,
            "check": check,
            "flags": flags_shown(check),
            "rules": rules_shown(check) if check.requirements is not None else [],
            "problem": rendered(check.problem.message) if check.problem else "",
            "jurisdiction": rendered(barrier_rules.place_name(check.jurisdiction)),
        },
    )
