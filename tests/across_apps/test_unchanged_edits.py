"""Nothing a person typed is lost: every edit form, submitted unchanged, changes nothing.

The pages are the load benchmark's (bench/load_pages.py) on the demo place, each as the person it is
driven as (not the public, not the API token), and the edit pages it leaves out because they need
setting up, set up here as a person would (SET_UP). On each page every ``<form method="post">`` that
posts back to the page itself is read as a browser reads it (html.parser) and sent back as a browser
sends it untouched, with the form's own button. Everything stored is compared before and after
(each table's rows compared whole, row by row only when a table differs; SNAPSHOT_LEFT_OUT is what
is not compared), and the audit trail must have recorded nothing. A form shown again with an error
on a value it showed itself refused its own data, and so did an edit page's form shown again with
any error (what is stored was accepted once): those fail too.

Which forms are edit forms is decided by what they are, not listed: a form on a page about a stored
record (its address names one, or it is the signed-in person's own account) that shows something
stored in a field a person can change (a filled-in box, a ticked choice, a chosen option); on an edit
page (its URL name says edit or settings) every such form. A form that shows nothing adds something
new or asks for an action (a vote, a draw, a reason for a status); sent untouched it is refused.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load_pages

pytestmark = pytest.mark.django_db


# --- Reading a form as a browser does -------------------------------------------------------------

# Inputs that are not fields a person fills in.
NOT_VISIBLE = frozenset({"hidden", "submit", "button", "reset", "image"})
SUBMITS = frozenset({"submit", "image"})

_FLOAT = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")
_DATE = re.compile(r"(\d{4,})-(\d\d)-(\d\d)")
_TIME = re.compile(r"(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,3})?)?")


def _real_date(text: str) -> bool:
    found = _DATE.fullmatch(text)
    if not found:
        return False
    try:
        datetime.date(*(int(part) for part in found.groups()))
    except ValueError:
        return False
    return True


def _real_time(text: str) -> bool:
    found = _TIME.fullmatch(text)
    return bool(found) and int(found[1]) < 24 and int(found[2]) < 60 and int(found[3] or 0) < 60


def sanitised(kind: str, value: str) -> str:
    """An input's value as a browser holds it (HTML's value sanitization algorithm): a browser sends a
    date box holding 05/10/2026, or a number box holding "ten", empty."""
    if kind in {"text", "search", "tel", "password"}:
        return value.replace("\r", "").replace("\n", "")
    if kind in {"email", "url"}:
        return value.replace("\r", "").replace("\n", "").strip(" \t\n\f\r")
    if kind in {"number", "range"}:
        return value if _FLOAT.fullmatch(value) else ""
    if kind == "date":
        return value if _real_date(value) else ""
    if kind == "time":
        return value if _real_time(value) else ""
    if kind == "datetime-local":
        day, _sep, time = value.replace(" ", "T", 1).partition("T")
        return f"{day}T{time}" if _real_date(day) and _real_time(time) else ""
    if kind == "month":
        return value if re.fullmatch(r"\d{4,}-(0[1-9]|1[0-2])", value) else ""
    if kind == "color":
        return value.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else "#000000"
    return value


def crlf(value: str) -> str:
    """Every value is sent with its line breaks as CR LF (HTML's form submission)."""
    return re.sub(r"\r\n|\r|\n", "\r\n", value)


@dataclass
class Button:
    name: str
    value: str

    @property
    def turns_a_page(self) -> bool:
        """A search or a page of things to choose from inside a form (needs/includes/need_chooser.html,
        includes/pagination_buttons.html, codesign's participants page): its name ends in "page" and
        its value is the page to show; the form comes back as sent (core.forms.show_again), unsaved."""
        return self.name.endswith("page")


@dataclass
class Form:
    action: str
    sent: list[tuple[str, str]] = field(default_factory=list)  # what a browser sends, no button
    visible: list[str] = field(default_factory=list)  # the names of the fields a person can change
    shown: list[str] = field(default_factory=list)  # names of visible fields showing a value
    ids: dict[str, str] = field(default_factory=dict)  # a field's id: its name
    buttons: list[Button] = field(default_factory=list)

    @property
    def own_button(self) -> Button | None:
        """The button that sends the form as its page means it (not a search or a page turner)."""
        for button in self.buttons:
            if not button.turns_a_page:
                return button if button.name else None
        return None

    def data(self) -> dict[str, list[str]]:
        pairs = list(self.sent)
        button = self.own_button
        if button is not None:
            pairs.append((button.name, button.value))
        data: dict[str, list[str]] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(crlf(value))
        return data


class FormsReader(HTMLParser):
    """Every ``<form method="post">`` on a page, as the browser would submit it untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            if (attributes.get("method") or "get").lower() == "post":
                self._form = Form(action=attributes.get("action") or "")
                self.forms.append(self._form)
            else:
                self._form = None
            return
        form = self._form
        if form is None:
            return
        disabled = "disabled" in attributes
        name = attributes.get("name") or ""
        if attributes.get("id") and tag in {"input", "select", "textarea"}:
            form.ids[attributes["id"]] = name
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in SUBMITS:
                if not disabled:
                    form.buttons.append(Button(name, attributes.get("value") or ""))
                return
            if kind in {"reset", "button"}:
                return
            if kind not in NOT_VISIBLE:
                form.visible.append(name)
            if disabled or not name or kind == "file":
                return  # an untouched file box sends no file
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    form.sent.append((name, attributes.get("value") or "on"))
                    form.shown.append(name)
                return
            value = sanitised(kind, attributes.get("value") or "")
            form.sent.append((name, value))
            if kind != "hidden" and value:
                form.shown.append(name)
        elif tag == "button":
            if (attributes.get("type") or "submit").lower() == "submit" and not disabled:
                form.buttons.append(Button(name, attributes.get("value") or ""))
        elif tag == "select":
            form.visible.append(name)
            self._select = {
                "name": name,
                "multiple": "multiple" in attributes,
                "disabled": disabled,
                "options": [],
            }
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attributes.get("value"),
                "selected": "selected" in attributes,
                "disabled": disabled,
                "text": "",
            }
            self._select["options"].append(self._option)
        elif tag == "textarea":
            form.visible.append(name)
            self._textarea = {"name": name, "disabled": disabled, "text": ""}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        form = self._form
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea is not None and form is not None:
            area, self._textarea = self._textarea, None
            # HTML drops the line break just after <textarea>.
            text = re.sub(r"\A\r?\n", "", area["text"])
            if area["name"] and not area["disabled"]:
                form.sent.append((area["name"], text))
                if text:
                    form.shown.append(area["name"])
        elif tag == "select" and self._select is not None and form is not None:
            select, self._select, self._option = self._select, None, None
            if not select["name"] or select["disabled"]:
                return
            options = [
                (option["value"] if option["value"] is not None else option["text"].strip(), option)
                for option in select["options"]
            ]
            chosen = [value for value, option in options if option["selected"]]
            if chosen and any(chosen):
                form.shown.append(select["name"])
            if not select["multiple"]:
                # A single select with nothing chosen shows, and sends, its first option that may be.
                chosen = chosen[-1:] or [v for v, option in options if not option["disabled"]][:1]
            form.sent.extend(
                (select["name"], value)
                for value, option in options
                if value in chosen and not option["disabled"]
            )


class ErrorLinks(HTMLParser):
    """The GOV.UK error summary's links (includes/error_summary.html): each the id of a field it
    refuses (or of the page, for the form as a whole) and the message."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._inside = False
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "ul" and "govuk-error-summary__list" in (attributes.get("class") or ""):
            self._inside = True
        elif tag == "a" and self._inside:
            self._link = [(attributes.get("href") or "").removeprefix("#"), ""]
            self.links.append(self._link)

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._link[1] = self._link[1].strip()
            self._link = None
        elif tag == "ul":
            self._inside = False


def error_links(html: str) -> list[tuple[str, str]]:
    reader = ErrorLinks()
    reader.feed(html)
    reader.close()
    return [(anchor, message) for anchor, message in reader.links]


def forms_on(page_path: str, html: str) -> list[Form]:
    """The forms on the page that post back to the page itself and have a field a person can change."""
    reader = FormsReader()
    reader.feed(html)
    reader.close()
    own = urlsplit(page_path).path
    return [
        form
        for form in reader.forms
        if urlsplit(urljoin(page_path, form.action)).path == own and form.visible
    ]


# --- Everything stored ----------------------------------------------------------------------------

# Left out of the comparison: none of it is what a person typed, and each changes on any request or,
# by design, on any write.
SNAPSHOT_LEFT_OUT = {
    # The audit trail, its seals and checkpoints: a write adds to it by design. Entries an unchanged
    # submission adds are reported on their own instead (the trail records only real changes).
    "core.auditentry": "the audit trail",
    "core.pendingseal": "the audit trail's entries waiting for their seal",
    "core.auditseal": "the audit trail's seals",
    "core.auditchainhead": "the audit trail's head",
    "core.auditcheckpoint": "signed checkpoints of the audit trail's head",
    "sessions.session": "saved on any request that signs in or leaves a message",
    "core.pagestamp": "page stamps: any save of what a kept page shows bumps them, even a save of "
    "the same values (pagecache.watch)",
    "accounts.attemptcount": "sign-in and other attempt limits, counted on any attempt",
}
FIELDS_LEFT_OUT = {
    "accounts.user": ("last_login",),  # stamped on signing in
    "accounts.apitoken": ("last_used_at",),  # stamped on any request made with the token
    "otp_totp.totpdevice": (  # the second factor's last code, use and attempt limit
        "last_t",
        "last_used_at",
        "throttling_failure_count",
        "throttling_failure_timestamp",
    ),
}


def _stored_models():
    from django.apps import apps

    # Many-to-many link tables too: choosing needs, themes, places served are rows of their own.
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in SNAPSHOT_LEFT_OUT
    ]


def _columns(model) -> list[str]:
    left_out = FIELDS_LEFT_OUT.get(model._meta.label_lower, ())
    return [f.attname for f in model._meta.concrete_fields if f.name not in left_out]


def snapshot() -> dict[str, list[tuple]]:
    """Every stored table's rows (the primary key first), in primary key order."""
    return {
        model._meta.label_lower: list(
            model._base_manager.order_by("pk").values_list("pk", *_columns(model))
        )
        for model in _stored_models()
    }


def changes(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    """What changed, row by row, in the tables that are not as they were."""
    from django.apps import apps

    found = []
    for label, rows in after.items():
        if before[label] == rows:
            continue
        names = _columns(apps.get_model(label))
        old_rows = {row[0]: row[1:] for row in before[label]}
        new_rows = {row[0]: row[1:] for row in rows}
        for pk in sorted(old_rows.keys() | new_rows.keys(), key=str):
            old, new = old_rows.get(pk), new_rows.get(pk)
            if old == new:
                continue
            if old is None:
                found.append(f"{label} {pk} added")
            elif new is None:
                found.append(f"{label} {pk} removed")
            else:
                changed = {
                    name: (was, now)
                    for name, was, now in zip(names, old, new, strict=True)
                    if was != now
                }
                found.append(f"{label} {pk} changed: {changed}")
    return found


def recorded_since(last_entry: int) -> list[str]:
    from commonweal.core.models import AuditEntry

    return [
        f"the audit trail recorded {action} {model} {object_id}"
        for action, model, object_id in AuditEntry.objects.filter(pk__gt=last_entry)
        .order_by("pk")
        .values_list("action", "model", "object_id")
    ]


# --- Which forms are edit forms -------------------------------------------------------------------

EDIT_URL = re.compile(r"edit|settings")


def is_edit_url(name: str) -> bool:
    return bool(EDIT_URL.search(name.partition(":")[2]))


def about_a_record(page: load_pages.Target) -> bool:
    """The page is about something stored: its address names it, or it is the signed-in person's own
    account (their details, and their choices of notifications)."""
    from django.urls import resolve

    return bool(resolve(urlsplit(page.path).path).kwargs) or page.name.startswith(
        ("accounts:", "notifications:")
    )


def is_edit_form(page: load_pages.Target, form: Form) -> bool:
    """A form that changes a stored record: on a page about one, showing something stored in a field a
    person can change; on an edit page, any form (one that shows nothing there has lost it all)."""
    return about_a_record(page) and (bool(form.shown) or is_edit_url(page.name))


# Edit pages (by their URL name) with no edit form of their own.
NO_EDIT_FORM = {
    "accounts:settings": "an overview: it links to the pages that change each thing (each checked "
    "here) and its buttons (two-factor, API tokens) post to pages of their own",
}


# --- The pages ------------------------------------------------------------------------------------


@pytest.fixture
def demo():
    from commonweal.demo import services

    services.demo_load()


class Browser:
    """The test client signed in as each person, the way the load benchmark signs them in."""

    def __init__(self, client):
        from django.conf import settings

        self.client = client
        self.cookie = settings.SESSION_COOKIE_NAME
        self.keys = {
            role: headers["Cookie"].partition("=")[2]
            for role, headers in load_pages.credentials(load_pages.PEOPLE).items()
        }

    def as_(self, role: str):
        self.client.cookies.clear()
        self.client.cookies[self.cookie] = self.keys[role]
        return self.client


def driven_pages() -> list[load_pages.Target]:
    """The benchmark's pages, as each person it drives them as (not the public, not the API)."""
    return [target for target in load_pages.targets() if target.role in load_pages.PEOPLE]


def draft_version_pages() -> list[load_pages.Target]:
    """The edit pages of a draft outcomes framework version: a new version, started by the
    commissioner who looks after the demo's framework (it copies the published one)."""
    from django.urls import reverse

    from commonweal.outcomes import permissions, services
    from commonweal.outcomes.models import Framework, Indicator

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    framework = next(
        f for f in Framework.objects.order_by("pk") if permissions.can_manage(commissioner, f)
    )
    draft = services.framework_version_create(
        framework=framework, actor=commissioner, change_note="Checking every edit form"
    )
    version = {"slug": framework.slug, "number": draft.number}
    # An indicator with dates and breakdowns, if there is one.
    indicators = Indicator.objects.filter(outcome__version=draft).order_by("pk")
    indicator = (
        indicators.exclude(baseline_date=None).exclude(breakdowns=[]).first() or indicators.first()
    )
    area = draft.areas.order_by("position", "pk").first()
    # An outcome of the last area: its area is not the first choice, which a browser sends for none.
    outcome = draft.outcomes.order_by("-area__position", "-area_id", "position", "pk").first()
    return [
        load_pages.Target(name, reverse(name, kwargs=kwargs), load_pages.COMMISSIONER)
        for name, kwargs in {
            "outcomes:area-edit": {**version, "area_id": area.pk},
            "outcomes:outcome-edit": {**version, "outcome_id": outcome.pk},
            "outcomes:indicator-edit": {
                **version,
                "outcome_id": indicator.outcome_id,
                "indicator_id": indicator.pk,
            },
        }.items()
    ]


def selected_panel_pages() -> list[load_pages.Target]:
    """A panel's edit pages while its make-up may still change (the demo's panel is drawn and
    seated): a small panel set up by the commissioner, its pool imported and a selection run as the
    worker runs it, so it waits for its draw."""
    import csv
    import io

    from django.urls import reverse

    from commonweal.panels import imports, selection, services
    from commonweal.panels.models import Panel

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    panel = services.panel_create(
        actor=commissioner,
        place=Panel.objects.order_by("pk").first().place,
        title="Panel on the riverside path",
        description="Which stretch to light first.\nAnd how.",
        size=4,
    )
    feature = services.feature_add(
        actor=commissioner, panel=panel, name="Age band", categories=["Under 40", "40 and over"]
    )
    services.quotas_set(
        actor=commissioner,
        feature=feature,
        quotas={category.pk: (1, 3) for category in feature.categories.all()},
    )
    pool = io.StringIO()
    rows = csv.writer(pool, lineterminator="\n")
    rows.writerow(["name", "email", "household", "Age band"])
    for number in range(1, 11):
        band = "Under 40" if number % 2 else "40 and over"
        rows.writerow([f"Person {number}", f"person{number}@example.net", f"h{number}", band])
    people = imports.read_pool(panel, pool.getvalue().encode())
    services.pool_replace(actor=commissioner, panel=panel, people=people)
    run = selection.run_start(actor=commissioner, panel=panel, method="maximin", time_limit=30)
    selection.run_execute(run_id=run.pk)
    panel.refresh_from_db()
    assert panel.status == Panel.Status.SELECTED, panel.status
    return [
        load_pages.Target(name, reverse(name, kwargs=kwargs), load_pages.COMMISSIONER)
        for name, kwargs in {
            "panels:edit": {"pk": panel.pk},
            "panels:quotas": {"pk": panel.pk, "feature_pk": feature.pk},
        }.items()
    ]


def draft_round_pages() -> list[load_pages.Target]:
    """A draft priority round's edit page (the demo's rounds are open or published): a round set up
    by the commissioner like the demo's open one, opening at a time of day of its own."""
    from django.urls import reverse
    from django.utils import timezone

    from commonweal.priorities import services
    from commonweal.priorities.models import PriorityRound

    like = PriorityRound.objects.filter(status=PriorityRound.Status.OPEN).order_by("pk").first()
    opens = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    draft = services.round_create(
        actor=load_pages.person(load_pages.COMMISSIONER),
        run_by=like.run_by,
        place=like.place,
        title="Which needs come first next spring",
        description="Put them in order.\nThe first gets the most attention.",
        method=like.method,
        eligibility=like.eligibility,
        needs=list(like.needs.all()),
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=30),
    )
    name = "priorities:edit"
    return [
        load_pages.Target(name, reverse(name, kwargs={"pk": draft.pk}), load_pages.COMMISSIONER)
    ]


def idea_under_review_pages() -> list[load_pages.Target]:
    """A community budget's project idea being checked, its cost in a box to revise (the demo's
    rounds vote or are published, when the review page has no form): a round like the demo's
    voting one, in review, with an idea costing pounds and pence."""
    from decimal import Decimal

    from django.urls import reverse

    from commonweal.participation import services
    from commonweal.participation.models import BudgetRound, Project

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    like = BudgetRound.objects.filter(status=BudgetRound.Status.VOTING).order_by("pk").first()
    round_ = services.round_create(
        actor=commissioner,
        place=like.place,
        title="Ideas for next year",
        budget=Decimal("20000"),
        run_by=like.run_by,
    )
    idea = services.project_add(
        round_=round_,
        actor=commissioner,
        title="A new play area",
        description="Swings and a slide.",
        cost=Decimal("12000.50"),
        status=Project.Status.PROPOSED,
    )
    services.round_move(round_=round_, actor=commissioner, to=BudgetRound.Status.PROPOSALS)
    services.round_move(round_=round_, actor=commissioner, to=BudgetRound.Status.REVIEW)
    name = "participation:review"
    path = reverse(name, kwargs={"pk": round_.pk, "project_pk": idea.pk})
    return [load_pages.Target(name, path, load_pages.COMMISSIONER)]


def draft_opportunity_pages() -> list[load_pages.Target]:
    """A tender being written (the demo's are published, when nothing can change): from the demo's
    published plan, with pence in its value, a linear price formula and a criterion with guidance."""
    from decimal import Decimal

    from django.urls import reverse
    from django.utils import timezone

    from commonweal.competitions import services_opportunities as services
    from commonweal.competitions.models import Criterion, Opportunity

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    closes = timezone.now().replace(microsecond=0) + datetime.timedelta(days=40)
    draft = services.opportunity_create(
        actor=commissioner,
        plan=load_pages._plan(),
        kind=Opportunity.Kind.TENDER,
        title="Street outreach at night",
        description="Find people sleeping rough.\nHelp them inside.",
        value=Decimal("450000.50"),
        budget=Decimal("450000"),
        contract_months=36,
        questions_close_at=closes - datetime.timedelta(days=10),
        closes_at=closes,
        quality_weight=Decimal("60"),
        social_value_weight=Decimal("10"),
        price_weight=Decimal("30"),
        price_formula=Opportunity.PriceFormula.LINEAR,
        price_floor=Decimal("300000"),
        price_ceiling=Decimal("500000"),
    )
    criterion = services.criterion_save(
        actor=commissioner,
        opportunity=draft,
        part=Criterion.Part.QUALITY,
        title="Reaching people",
        question="How will you find people sleeping rough?",
        guidance="Look for routes & times.",
        plain_guidance="Would they find you?",
        weight=Decimal("100"),
        open_to_citizens=True,
        position=1,
    )
    return [
        load_pages.Target(
            "competitions:opportunity-edit",
            reverse("competitions:opportunity-edit", kwargs={"pk": draft.pk}),
            load_pages.COMMISSIONER,
        ),
        load_pages.Target(
            "competitions:criterion-edit",
            reverse(
                "competitions:criterion-edit",
                kwargs={"pk": draft.pk, "criterion_pk": criterion.pk},
            ),
            load_pages.COMMISSIONER,
        ),
    ]


def draft_agreement_pages() -> list[load_pages.Target]:
    """A grant agreement being set up (the demo has no agreements yet), with pence in its money, a
    conditions text over two lines, a KPI, a break point and an asset transfer."""
    from decimal import Decimal

    from django.urls import reverse

    from commonweal.agreements import services_agreements, services_variations
    from commonweal.organisations.models import Organisation

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    plan = load_pages._plan()
    holder = (
        Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .order_by("pk")
        .first()
    )
    draft = services_agreements.agreement_create(
        actor=commissioner,
        kind="grant",
        place=plan.place,
        commissioner=plan.lead,
        provider=holder,
        title="Community kitchen grant",
        summary="Meals & company.\nTwice a week.",
        value=Decimal("48000.50"),
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2028, 3, 31),
        max_extension_months=12,
        payment_terms_days=14,
        payment_profile="milestone",
        conditions="Report each quarter.\nKeep the kitchen open to all.",
        match_funding=Decimal("5000.25"),
        in_kind="Volunteers' time",
        in_kind_value=Decimal("1200"),
    )
    kpi = services_variations.kpi_add(
        actor=commissioner, agreement=draft, title="Meals served", target="200 a week"
    )
    point = services_variations.break_point_add(
        actor=commissioner,
        agreement=draft,
        on=datetime.date(2027, 3, 31),
        notice_months=3,
        note="Either side, after a review",
    )
    asset = services_variations.asset_add(
        actor=commissioner,
        agreement=draft,
        kind="equipment",
        description="Kitchen ovens",
        value=Decimal("3500.75"),
        conditions="Kept for community use.\nInsured by the holder.",
        transferred_on=datetime.date(2026, 5, 1),
    )
    pages = [("agreements:edit", {"pk": draft.pk})]
    for part, row in (("kpis", kpi), ("break-points", point), ("assets", asset)):
        pages.append((f"agreements:{part}-edit", {"pk": draft.pk, "row_pk": row.pk}))
    return [
        load_pages.Target(name, reverse(name, kwargs=kwargs), load_pages.COMMISSIONER)
        for name, kwargs in pages
    ]


def alliance_pages() -> list[load_pages.Target]:
    """An alliance (the demo has none yet, issue 15 demo) with a member off the leadership team whose
    share has pence, and a risk with an owner and a two-line mitigation."""
    import datetime
    from decimal import Decimal

    from django.urls import reverse

    from commonweal.agreements import services_alliance
    from commonweal.agreements.models import Agreement
    from commonweal.organisations.models import Organisation

    commissioner = load_pages.person(load_pages.COMMISSIONER)
    plan = load_pages._plan()
    partner = (
        Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .order_by("pk")
        .first()
    )
    alliance = Agreement.objects.create(
        kind=Agreement.Kind.ALLIANCE,
        place=plan.place,
        commissioner=plan.lead,
        title="Recovery alliance",
        value=Decimal("1000000"),
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2036, 3, 31),
        original_ends_on=datetime.date(2036, 3, 31),
        target_cost=Decimal("100000"),
    )
    services_alliance.member_add(
        actor=commissioner, agreement=alliance, organisation=plan.lead, share=Decimal("50.50")
    )
    member = services_alliance.member_add(
        actor=commissioner,
        agreement=alliance,
        organisation=partner,
        share=Decimal("49.50"),
        on_leadership_team=False,
    )
    risk = services_alliance.risk_add(
        actor=commissioner,
        agreement=alliance,
        title="Winter beds & staff",
        likelihood=3,
        impact=2,
        owner=member,
        mitigation="Book forty beds.\nAsk the night shelter.",
    )
    pages = [
        ("agreements:member-edit", {"pk": alliance.pk, "member_pk": member.pk}),
        ("agreements:risk-edit", {"pk": alliance.pk, "risk_pk": risk.pk}),
    ]
    return [
        load_pages.Target(name, reverse(name, kwargs=kwargs), load_pages.COMMISSIONER)
        for name, kwargs in pages
    ]


# Edit pages the benchmark does not drive (or drives only in a state where nothing can change), set
# up here, and the URL names each gives.
SET_UP = {
    draft_version_pages: ("outcomes:area-edit", "outcomes:outcome-edit", "outcomes:indicator-edit"),
    selected_panel_pages: ("panels:edit", "panels:quotas"),
    draft_round_pages: ("priorities:edit",),
    idea_under_review_pages: ("participation:review",),
    draft_opportunity_pages: ("competitions:opportunity-edit", "competitions:criterion-edit"),
    draft_agreement_pages: (
        "agreements:edit",
        "agreements:kpis-edit",
        "agreements:break-points-edit",
        "agreements:assets-edit",
    ),
    alliance_pages: ("agreements:member-edit", "agreements:risk-edit"),
}


# --- The tests ------------------------------------------------------------------------------------


def test_a_form_is_sent_as_a_browser_sends_it_untouched():
    html = """
    <form method="get"><input name="q" value="not this form"></form>
    <form method="post" action="/elsewhere/"><input name="title" value="not this one"></form>
    <form method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="title" value="Riverside &amp; Quay">
      <input type="date" name="opens" value="05/10/2026">
      <input type="number" name="size" value="12">
      <input name="locked" value="x" disabled>
      <textarea name="agenda">
1. Welcome
2. Stories</textarea>
      <input type="checkbox" name="needs" value="3" checked>
      <input type="checkbox" name="needs" value="4">
      <input type="checkbox" name="needs" value="5" checked>
      <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
      <select name="area"><option value="1">One</option><option value="2">Two</option></select>
      <select name="run_by"><option value="">Choose</option><option selected>Council</option></select>
      <button type="submit" name="needs-page" value="1">Search</button>
      <button type="submit" name="save" value="yes">Save</button>
    </form>"""
    [form] = forms_on("/things/1/edit/", html)
    assert form.data() == {
        "csrfmiddlewaretoken": ["t"],
        "title": ["Riverside & Quay"],
        "opens": [""],  # a browser cannot read it, so sends nothing
        "size": ["12"],
        "agenda": ["1. Welcome\r\n2. Stories"],
        "needs": ["3", "5"],
        "kind": ["b"],
        "area": ["1"],  # nothing chosen: the first option
        "run_by": ["Council"],
        "save": ["yes"],  # its own button, not the search inside it
    }
    assert sorted(set(form.shown)) == ["agenda", "kind", "needs", "run_by", "size", "title"]


def test_every_edit_url_is_checked_or_left_out_for_a_reason():
    """A new edit page cannot be forgotten: the benchmark drives it as a person, it is set up here, or
    it is listed with the reason it has no edit form."""
    driven = {
        name
        for name, drive in load_pages.DRIVEN.items()
        if set(drive.roles) & set(load_pages.PEOPLE)
    }
    set_up = {name for names in SET_UP.values() for name in names}
    edit_urls = [name for name in load_pages.url_names() if is_edit_url(name)]
    assert [name for name in edit_urls if name not in driven | set_up | set(NO_EDIT_FORM)] == []
    assert set(NO_EDIT_FORM) <= set(edit_urls)


def test_every_edit_form_submitted_unchanged_changes_nothing(demo, client):
    from django.db.models import Max

    from commonweal.core.models import AuditEntry

    browser = Browser(client)
    checked: set[str] = set()
    failures: list[str] = []

    def check(page: load_pages.Target) -> None:
        person = browser.as_(page.role)
        response = person.get(page.path)
        if response.status_code != 200:
            failures.append(f"{page.label} {page.path}: answered {response.status_code}")
            return
        forms = [f for f in forms_on(page.path, response.content.decode()) if is_edit_form(page, f)]
        for number, form in enumerate(forms, start=1):
            label = (
                f"{page.label} (form {number} of {len(forms)})" if len(forms) > 1 else page.label
            )
            url = urljoin(page.path, form.action)
            before = snapshot()
            last_entry = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
            answer = person.post(url, form.data())
            found = changes(before, snapshot()) + recorded_since(last_entry)
            if answer.status_code == 200:
                errors = error_links(answer.content.decode())
                if is_edit_url(page.name):
                    # What is stored was accepted once: an edit page that refuses it unchanged did
                    # not show it all (a box left empty, a choice not made).
                    found += [f"refused: {message}" for _anchor, message in errors] or [
                        "shown again, not saved"
                    ]
                else:
                    # Right for a box left empty that must be filled in (a password, a reason for a
                    # status), never for a value the form showed itself.
                    found += [
                        f"refused its own {form.ids[anchor]}: {message}"
                        for anchor, message in errors
                        if form.ids.get(anchor) in form.shown
                    ]
            elif answer.status_code != 302:
                found.append(f"answered {answer.status_code}")
            checked.add(page.name)
            if found:
                failures.append(f"{label} POST {url}: " + "; ".join(found))

    for page in driven_pages():
        check(page)
    # Set up after the benchmark's pages are seen: some show the latest version of a framework.
    for set_up, names in SET_UP.items():
        pages = set_up()
        assert sorted(page.name for page in pages) == sorted(names)
        for page in pages:
            check(page)

    # Every edit page gave an edit form to check: one the rules above no longer saw would pass unseen.
    edit_urls = [name for name in load_pages.url_names() if is_edit_url(name)]
    assert [n for n in edit_urls if n not in checked and n not in NO_EDIT_FORM] == []
    assert failures == [], "\n".join(failures)
