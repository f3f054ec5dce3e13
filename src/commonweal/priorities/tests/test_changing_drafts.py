"""Changing and deleting a draft round (issue 12): only those who run it, only while it is a draft,
audited; a form sent back unchanged changes nothing; an opening date in the past is refused when
the round is set up or changed."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.needs.models import Need
from commonweal.organisations.models import Organisation
from commonweal.organisations.services import organisation_register
from commonweal.priorities import services
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import PublicBodyFactory, RoleFactory, UserFactory
from commonweal.testing.forms import date_boxes

from .conftest import make_need
from .test_running_rounds import round_data

pytestmark = pytest.mark.django_db

S = PriorityRound.Status
PAST_OPENING = "The date voting opens must be today or in the future"


def edit_url(round_) -> str:
    return reverse("priorities:edit", kwargs={"pk": round_.pk})


def delete_url(round_) -> str:
    return reverse("priorities:delete", kwargs={"pk": round_.pk})


def create_url(place) -> str:
    return reverse("priorities:create", kwargs={"place_pk": place.pk})


def stored(round_) -> dict:
    """Everything a round holds, as read from the database."""
    fresh = PriorityRound.objects.get(pk=round_.pk)
    fields = {f.attname: getattr(fresh, f.attname) for f in PriorityRound._meta.concrete_fields}
    return {**fields, "needs": sorted(fresh.needs.values_list("pk", flat=True))}


def entries_about(round_):
    return AuditEntry.objects.filter(model="priorities.priorityround", object_id=str(round_.pk))


def days_from_today(days: int):
    return timezone.localdate() + timedelta(days=days)


def dates(opens_in: int, closes_in: int) -> dict:
    """The two dates as a browser sends them: three boxes each."""
    opens, closes = days_from_today(opens_in), days_from_today(closes_in)
    return {
        **date_boxes("opens_on", opens.day, opens.month, opens.year),
        **date_boxes("closes_on", closes.day, closes.month, closes.year),
    }


class BrowserForm(HTMLParser):
    """What a browser sends for the page's form when nobody touches it: every named box with its
    value, ticked boxes and chosen options, text areas with their line breaks as CR LF, and no
    button (the page's own button has no name)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sent: list[tuple[str, str]] = []
        self._inside = False
        self._area: list | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method") == "post":
            self._inside = True
        if not self._inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.sent.append((name, attributes.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset"):
                self.sent.append((name, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self._area = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.sent.append((self._select, attributes.get("value", "")))

    def handle_data(self, data):
        if self._area is not None:
            self._area[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._area is not None:
            text = re.sub(r"\A\r?\n", "", self._area[1])  # HTML drops the first line break
            self.sent.append((self._area[0], re.sub(r"\r\n|\r|\n", "\r\n", text)))
            self._area = None
        elif tag == "select":
            self._select = None

    @classmethod
    def of(cls, html: str) -> dict[str, list[str]]:
        reader = cls()
        reader.feed(html)
        data: dict[str, list[str]] = {}
        for name, value in reader.sent:
            data.setdefault(name, []).append(value)
        return data


@pytest.fixture
def draft(make_round):
    """A draft opening in two days and closing in ten, at the time of day it was made (not
    midnight, as a round set up in the back office or the demo may be)."""
    round_ = make_round(status=S.DRAFT, opens_in_days=2, closes_in_days=10)
    PriorityRound.objects.filter(pk=round_.pk).update(
        description="What the result is for.\nOn two lines."
    )
    round_.refresh_from_db()
    return round_


@pytest.fixture
def self_made(riverside):
    """A person who made their own account and registered their own "public body" for Riverside:
    nobody has verified it, so it gives no place-staff powers."""
    person = UserFactory(full_name="Sam Selfmade")
    body = organisation_register(
        actor=person,
        name="Totally Real Council",
        org_id="GB-LAE-ZZZ",
        legal_form=Organisation.LegalForm.PUBLIC_BODY,
        places_served=[riverside],
    )
    RoleFactory(user=person, organisation=body, role=Role.COMMISSIONER)
    return person


@pytest.fixture
def colleague(riverside):
    """A commissioner at another public body verified for Riverside: runs its rounds too."""
    body = PublicBodyFactory(name="Riverside Health Partnership")
    body.places_served.add(riverside)
    person = UserFactory(full_name="Cleo Colleague")
    RoleFactory(user=person, organisation=body, role=Role.COMMISSIONER)
    return person


class TestWhoMay:
    def test_anonymous_people_are_asked_to_sign_in(self, client, draft):
        before = stored(draft)
        for url in (edit_url(draft), delete_url(draft)):
            for response in (client.get(url), client.post(url, {"title": "Changed"})):
                assert response.status_code == 302
                assert response.url.startswith(reverse("accounts:sign-in"))
        assert stored(draft) == before

    @pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made"])
    def test_people_who_do_not_run_the_round_are_refused(
        self, sign_in, draft, council, needs, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        before, entries = stored(draft), AuditEntry.objects.count()
        data = round_data(council, needs, title="Taken over", **dates(3, 9))
        for url in (edit_url(draft), delete_url(draft)):
            assert client.get(url).status_code in (403, 404)
            response = client.post(url, data)
            assert response.status_code in (403, 404)
            assert draft.title not in response.content.decode()
        assert stored(draft) == before
        assert AuditEntry.objects.count() == entries

    @pytest.mark.parametrize("who", ["staff", "colleague", "back_office"])
    def test_those_who_run_rounds_for_the_place_may(self, sign_in, draft, request, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(edit_url(draft)).status_code == 200
        assert client.get(delete_url(draft)).status_code == 200

    def test_an_unknown_round_is_not_found(self, sign_in, staff):
        client = sign_in(staff)
        for name in ("priorities:edit", "priorities:delete"):
            assert client.get(reverse(name, kwargs={"pk": 9999})).status_code == 404


class TestTheRoundPage:
    def test_a_draft_offers_its_staff_to_change_or_delete_it(self, sign_in, staff, draft):
        html = sign_in(staff).get(draft.get_absolute_url()).content.decode()
        assert f'href="{edit_url(draft)}">Change the round<' in html
        assert f'href="{delete_url(draft)}">Delete the round<' in html

    @pytest.mark.parametrize("status", [S.OPEN, S.CLOSED, S.PUBLISHED])
    def test_a_round_that_is_not_a_draft_offers_neither(self, sign_in, staff, make_round, status):
        round_ = make_round(status=status)
        html = sign_in(staff).get(round_.get_absolute_url()).content.decode()
        assert edit_url(round_) not in html and delete_url(round_) not in html
        assert "Change the round" not in html and "Delete the round" not in html


class TestChanging:
    def test_the_page_shows_everything_the_round_holds(self, sign_in, staff, draft, needs):
        html = sign_in(staff).get(edit_url(draft)).content.decode()
        sent = BrowserForm.of(html)
        opens = timezone.localtime(draft.opens_at).date()
        closes = timezone.localtime(draft.closes_at).date()
        assert sent["title"] == [draft.title]
        assert sent["description"] == ["What the result is for.\r\nOn two lines."]
        assert sent["run_by"] == [str(draft.run_by_id)]
        assert sent["method"] == [draft.method] and sent["eligibility"] == [draft.eligibility]
        assert sorted(sent["needs"]) == sorted(str(need.pk) for need in needs)
        assert sent["opens_on-day"] == [str(opens.day)]
        assert sent["opens_on-month"] == [str(opens.month)]
        assert sent["opens_on-year"] == [str(opens.year)]
        assert sent["closes_on-day"] == [str(closes.day)]
        assert "Change the round" in html and "Save the changes" in html

    def test_staff_change_a_draft_recorded_in_the_audit_trail(
        self, sign_in, staff, draft, council, needs, riverside
    ):
        added = make_need(riverside, "Buses stop at six")
        data = round_data(
            council,
            [needs[0], added],
            title="  Which needs first in 2028?  ",
            method=PriorityRound.Method.APPROVAL,
            eligibility=PriorityRound.Eligibility.SIGNED_IN,
            **dates(5, 20),
        )
        response = sign_in(staff).post(edit_url(draft), data)
        assert response.status_code == 302 and response.url == draft.get_absolute_url()
        draft.refresh_from_db()
        assert draft.title == "Which needs first in 2028?"
        assert draft.method == PriorityRound.Method.APPROVAL
        assert draft.eligibility == PriorityRound.Eligibility.SIGNED_IN
        assert set(draft.needs.all()) == {needs[0], added}
        assert timezone.localtime(draft.opens_at).date() == days_from_today(5)
        assert timezone.localtime(draft.opens_at).time().isoformat() == "00:00:00"
        assert timezone.localtime(draft.closes_at).date() == days_from_today(20)
        assert draft.status == S.DRAFT
        changes = entries_about(draft).filter(action="update", actor=staff)
        assert changes.exists()
        assert set(changes.values_list("reason", flat=True)) == {"Changed the priority round"}
        assert any(
            entry.after.get("title") == "Which needs first in 2028?"
            and entry.before.get("title") == "Which needs first in 2027?"
            for entry in changes
        )
        page = sign_in(staff).get(draft.get_absolute_url()).content.decode()
        assert "The round is saved" in page

    def test_the_form_sent_back_unchanged_changes_nothing(self, sign_in, staff, draft):
        client = sign_in(staff)
        sent = BrowserForm.of(client.get(edit_url(draft)).content.decode())
        before, entries = stored(draft), AuditEntry.objects.count()
        response = client.post(edit_url(draft), sent)
        assert response.status_code == 302, response.content.decode()
        assert stored(draft) == before
        assert AuditEntry.objects.count() == entries

    def test_unchanged_keeps_a_closed_need_and_a_colleagues_body(
        self, sign_in, colleague, draft, needs
    ):
        """A need closed since the round was set up, and the council's name on a round a colleague
        at another body changes, come back as they were: the form accepts what the round holds."""
        Need.objects.filter(pk=needs[1].pk).update(status=Need.Status.ADDRESSED)
        client = sign_in(colleague)
        sent = BrowserForm.of(client.get(edit_url(draft)).content.decode())
        assert str(needs[1].pk) in sent["needs"]
        before, entries = stored(draft), AuditEntry.objects.count()
        response = client.post(edit_url(draft), sent)
        assert response.status_code == 302, response.content.decode()
        assert stored(draft) == before
        assert AuditEntry.objects.count() == entries

    def test_a_closed_need_cannot_be_added(self, sign_in, staff, draft, council, needs, riverside):
        addressed = make_need(riverside, "Already fixed", status=Need.Status.ADDRESSED)
        before = stored(draft)
        data = round_data(council, [*needs, addressed], **dates(2, 10))
        html = sign_in(staff).post(edit_url(draft), data).content.decode()
        assert "Choose open needs for this place or a place in it" in html
        assert stored(draft) == before

    def test_the_service_writes_nothing_when_nothing_changes(self, staff, draft, needs):
        before, entries = stored(draft), AuditEntry.objects.count()
        services.round_update(
            round_=draft,
            actor=staff,
            title=f"  {draft.title} ",
            method=draft.method,
            opens_at=draft.opens_at,
            needs=list(reversed(needs)),
        )
        assert stored(draft) == before
        assert AuditEntry.objects.count() == entries


class TestNotADraft:
    @pytest.mark.parametrize("status", [S.OPEN, S.CLOSED, S.PUBLISHED])
    def test_it_cannot_be_changed_or_deleted(self, sign_in, staff, make_round, council, status):
        round_ = make_round(status=status, opens_in_days=-9, closes_in_days=-1)
        client = sign_in(staff)
        before, entries = stored(round_), AuditEntry.objects.count()
        data = round_data(council, list(round_.needs.all()), title="Changed late", **dates(1, 9))
        for url in (edit_url(round_), delete_url(round_)):
            for response in (client.get(url), client.post(url, data)):
                assert response.status_code == 302
                assert response.url == round_.get_absolute_url()
        assert stored(round_) == before
        assert AuditEntry.objects.count() == entries
        page = client.get(round_.get_absolute_url()).content.decode()
        assert "This round has been opened for voting, so it can no longer be changed" in page

    def test_the_services_refuse(self, staff, make_round):
        round_ = make_round(status=S.OPEN)
        with pytest.raises(ValidationError, match="no longer be changed"):
            services.round_update(round_=round_, actor=staff, title="Changed late")
        with pytest.raises(ValidationError, match="no longer be changed"):
            services.round_delete(round_=round_, actor=staff)
        assert PriorityRound.objects.get(pk=round_.pk).title != "Changed late"


class TestDeleting:
    def test_the_page_asks_first(self, sign_in, staff, draft):
        html = sign_in(staff).get(delete_url(draft)).content.decode()
        assert f"Are you sure you want to delete {draft.title}?" in html
        assert 'class="govuk-button govuk-button--warning"' in html
        assert PriorityRound.objects.filter(pk=draft.pk).exists()

    def test_staff_delete_a_draft_recorded_in_the_audit_trail(self, sign_in, staff, draft, needs):
        pk, title = draft.pk, draft.title
        client = sign_in(staff)
        response = client.post(delete_url(draft))
        assert response.url == reverse("priorities:list")
        assert not PriorityRound.objects.filter(pk=pk).exists()
        assert Need.objects.filter(pk__in=[need.pk for need in needs]).count() == len(needs)
        deleted = AuditEntry.objects.get(
            model="priorities.priorityround", object_id=str(pk), action="delete"
        )
        assert deleted.actor == staff and deleted.at is not None
        assert deleted.object_repr == title and deleted.before["title"] == title
        assert deleted.reason == f"Deleted the draft priority round “{title}”"
        # Which needs it held is in the trail too.
        cleared = AuditEntry.objects.filter(
            model="priorities.priorityround", object_id=str(pk), action="update", actor=staff
        ).latest("pk")
        assert cleared.before["needs"] == sorted(need.pk for need in needs)
        assert cleared.after["needs"] == []
        page = client.get(response.url).content.decode()
        assert f"The round “{title}” is deleted." in page


class TestPastDates:
    def test_an_opening_date_in_the_past_is_refused_when_setting_up(
        self, sign_in, staff, riverside, council, needs
    ):
        data = round_data(council, needs, **dates(-1, 9))
        html = sign_in(staff).post(create_url(riverside), data).content.decode()
        assert_in_error_summary(html, "opens_on", PAST_OPENING)
        assert not PriorityRound.objects.exists()

    def test_today_is_accepted(self, sign_in, staff, riverside, council, needs):
        response = sign_in(staff).post(
            create_url(riverside), round_data(council, needs, **dates(0, 9))
        )
        assert response.status_code == 302
        assert timezone.localtime(PriorityRound.objects.get().opens_at).date() == days_from_today(0)

    def test_an_opening_date_in_the_past_is_refused_when_changing(
        self, sign_in, staff, draft, council, needs
    ):
        before = stored(draft)
        data = round_data(council, needs, title="Moved back", **dates(-3, 9))
        html = sign_in(staff).post(edit_url(draft), data).content.decode()
        assert_in_error_summary(html, "opens_on", PAST_OPENING)
        assert 'value="Moved back"' in html  # what was typed is shown again
        assert stored(draft) == before

    def test_a_draft_whose_opening_date_has_passed_must_be_given_a_new_one(
        self, sign_in, staff, make_round, council
    ):
        stale = make_round(status=S.DRAFT, opens_in_days=-2, closes_in_days=10)
        client = sign_in(staff)
        sent = BrowserForm.of(client.get(edit_url(stale)).content.decode())
        before = stored(stale)
        assert_in_error_summary(
            client.post(edit_url(stale), sent).content.decode(), "opens_on", PAST_OPENING
        )
        assert stored(stale) == before
        sent.update(dates(1, 10))
        assert client.post(edit_url(stale), sent).status_code == 302
        assert timezone.localtime(PriorityRound.objects.get(pk=stale.pk).opens_at).date() == (
            days_from_today(1)
        )

    def test_the_closing_date_before_the_opening_date_is_refused_when_changing(
        self, sign_in, staff, draft, council, needs
    ):
        before = stored(draft)
        html = sign_in(staff).post(edit_url(draft), round_data(council, needs, **dates(5, 4)))
        assert_in_error_summary(
            html.content.decode(),
            "closes_on",
            "The closing date must be the same as or after the opening date",
        )
        assert stored(draft) == before

    def test_the_services_refuse_a_past_opening_date(self, staff, riverside, council, needs, draft):
        yesterday = timezone.now() - timedelta(days=1)
        with pytest.raises(ValidationError, match="must be today or in the future"):
            services.round_create(
                actor=staff,
                run_by=council,
                place=riverside,
                title="Late",
                description="",
                method=PriorityRound.Method.APPROVAL,
                eligibility=PriorityRound.Eligibility.SIGNED_IN,
                needs=needs,
                opens_at=yesterday,
                closes_at=yesterday + timedelta(days=9),
            )
        with pytest.raises(ValidationError, match="must be today or in the future"):
            services.round_update(round_=draft, actor=staff, opens_at=yesterday)

    def test_opening_a_draft_whose_closing_date_has_passed_is_still_refused(
        self, sign_in, staff, make_round
    ):
        stale = make_round(status=S.DRAFT, opens_in_days=-9, closes_in_days=-1)
        url = reverse("priorities:open", kwargs={"pk": stale.pk})
        html = sign_in(staff).post(url, {"reason": "At last"}).content.decode()
        assert "The closing date has passed, so the round cannot open" in html
        assert PriorityRound.objects.get(pk=stale.pk).status == S.DRAFT


def assert_in_error_summary(html: str, field: str, message: str) -> None:
    """The message is in the GOV.UK error summary, linking to the date's first box, and by the field."""
    summary = html.split('class="govuk-error-summary"', 1)
    assert len(summary) == 2, "no error summary"
    assert f'<a href="#id_{field}-day">{message}</a>' in summary[1]
    assert f'id="id_{field}-error"' in html
