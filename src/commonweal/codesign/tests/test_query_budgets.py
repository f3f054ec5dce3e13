"""Co-design pages and API reads do the same work for 3 of everything as for 30: the list of sessions,
a session (its participants, decisions, needs and outcomes), the pages that run it, "You said, we did"
and the API, for each kind of caller."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.codesign import services
from commonweal.codesign.models import Participant, Session
from commonweal.codesign.tests.samples import change_status, make_need, make_outcome
from commonweal.needs.models import Need
from commonweal.testing.place_world import make_resident
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CEILING = 25


def build(size: int, *, place, body, actor) -> Session:
    """``size`` past and ``size`` upcoming sessions; the first past one (returned) has ``size``
    participants, decisions agreed by all of them, linked needs (each with a status change) and outcomes;
    as many needs and outcomes again are left to link."""
    now = timezone.now()
    sessions = [
        services.session_create(
            actor=actor,
            place=place,
            organised_by=body,
            title=f"Session {size}-{number}",
            kind="workshop",
            starts_at=now + datetime.timedelta(days=(number + 1) * (1 if upcoming else -1)),
        )
        for upcoming in (False, True)
        for number in range(size)
    ]
    session = sessions[0]
    people = [
        services.participant_add(
            session=session,
            actor=actor,
            kind=Participant.Kind.RESIDENT if number % 2 else Participant.Kind.SERVICE_USER,
            display_name=f"Person {size}-{number}",
        )
        for number in range(size)
    ]
    for number in range(size):
        services.decision_record(
            session=session, actor=actor, text=f"Decision {size}-{number}", agreed_by=people
        )
        need = make_need(place, title=f"Need {size}-{number}")
        change_status(need, Need.Status.UNDER_REVIEW, "Looking.")
        services.session_need_link(session=session, need=need, actor=actor)
        outcome = make_outcome(place, body, code=f"O{size}-{number}", title=f"Outcome {number}")
        services.session_outcome_link(session=session, outcome=outcome, actor=actor)
        make_need(place, title=f"Need not linked {size}-{number}")
        make_outcome(place, body, code=f"N{size}-{number}", title=f"Outcome not linked {number}")
    return session


@pytest.fixture
def grow(borough, council, commissioner):
    return lambda size: build(size, place=borough, body=council, actor=commissioner)


@pytest.fixture(params=["visitor", "resident", "commissioner"])
def caller(request, sign_in, ward, commissioner):
    return {
        "visitor": Client,
        "resident": lambda: sign_in(make_resident(ward)),
        "commissioner": lambda: sign_in(commissioner),
    }[request.param]()


def small_and_large(client, grow, url_of, *, what: str, shows: str = "") -> None:
    few, _page = queries_for(client, url_of(grow(3)))
    large = grow(30)
    many, page = queries_for(client, url_of(large))
    if shows:
        assert shows in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=CEILING, what=what)


def test_the_list_of_sessions(caller, grow):
    small_and_large(
        caller, grow, lambda _s: reverse("codesign:list"), what="sessions", shows="Session 30-1"
    )


def test_later_pages_of_the_list_of_sessions(caller, grow):
    """Each list on the page (coming up, already held) pages by its own parameter."""
    grow(3)
    few, _page = queries_for(caller, reverse("codesign:list"), {"upcoming": 2, "page": 2})
    grow(30)
    many, page = queries_for(caller, reverse("codesign:list"), {"upcoming": 2, "page": 2})
    assert "Session 30-29" in page.content.decode()  # the second page of each list
    no_growth(few, many, ceiling=CEILING, what="later pages of sessions")


def test_a_session(caller, grow):
    small_and_large(
        caller,
        grow,
        lambda session: reverse("codesign:session", kwargs={"pk": session.pk}),
        what="a session",
        shows="Decision 30-29",
    )


@pytest.mark.parametrize("page", ["participants", "links", "edit", "decision-record"])
def test_the_pages_that_run_a_session(page, sign_in, commissioner, grow):
    small_and_large(
        sign_in(commissioner),
        grow,
        lambda session: reverse(f"codesign:{page}", kwargs={"pk": session.pk}),
        what=page,
    )


def test_you_said_we_did(caller, grow, borough):
    small_and_large(
        caller,
        grow,
        lambda _s: reverse("codesign:you-said-we-did", kwargs={"place_slug": borough.slug}),
        what="you said, we did",
    )


def test_the_apis_list(caller, grow):
    small_and_large(
        caller, grow, lambda _s: reverse("api:session-list"), what="the API's list of sessions"
    )


def test_the_apis_session(caller, grow):
    small_and_large(
        caller,
        grow,
        lambda session: reverse("api:session-detail", kwargs={"pk": session.pk}),
        what="the API's session",
        shows="Decision 30-29",
    )


def test_the_links_page_finds_a_need_among_many_a_page_at_a_time(sign_in, commissioner, session):
    from commonweal.codesign.views.links import NEEDS_PAGE_SIZE

    place = session.place
    for number in range(NEEDS_PAGE_SIZE + 3):
        make_need(place, title=f"Duplicate {number:02}")
    other = make_need(place, title="Nowhere to meet")
    client = sign_in(commissioner)
    url = reverse("codesign:links", kwargs={"pk": session.pk})
    first = client.get(url).content.decode()
    assert first.count('name="need-need" type="radio"') == NEEDS_PAGE_SIZE
    assert "<select" not in first.split("Outcomes")[0] and 'rel="next"' in first
    found = client.get(url, {"q": f"#{other.pk}"}).content.decode()
    assert found.count('name="need-need" type="radio"') == 1 and "Nowhere to meet" in found
    second = client.get(url, {"q": "duplicate", "page": "2"}).content.decode()
    assert second.count('name="need-need" type="radio"') == 3
    assert 'action="?q=duplicate&amp;page=2"' in second
    last = Need.objects.get(title=f"Duplicate {NEEDS_PAGE_SIZE + 2:02}")
    response = client.post(url + "?q=duplicate&page=2", {"link": "need", "need-need": last.pk})
    assert response.status_code == 302 and list(session.needs.all()) == [last]
    nothing = client.get(url, {"q": "no such words"}).content.decode()
    assert "No open need to link matches “no such words”" in nothing


def _participants_url(session) -> str:
    return reverse("codesign:participants", kwargs={"pk": session.pk})


def _organisations(size: int) -> None:
    from commonweal.testing.factories import OrganisationFactory

    for number in range(size):
        OrganisationFactory(name=f"Tenants Trust {size}-{number:02}")


@pytest.mark.parametrize("query", [{"q": ""}, {"q": "trust"}, {"q": "trust", "page": "2"}])
def test_choosing_the_organisation_a_participant_represents(query, sign_in, commissioner, grow):
    """A search among the directory: a page of 20, however many organisations and participants."""
    client = sign_in(commissioner)
    _organisations(3)
    few, _page = queries_for(client, _participants_url(grow(3)), query)
    _organisations(30)
    many, page = queries_for(client, _participants_url(grow(30)), query)
    assert 'name="organisation" type="radio"' in page.content.decode()
    no_growth(few, many, ceiling=CEILING, what=f"the participants page, {query}")


@pytest.mark.parametrize("query", [{}, {"q": "trust"}, {"q": "trust", "page": "2"}])
def test_choosing_the_organiser_of_a_new_session(query, sign_in, back_office, grow):
    """The back office may name any organisation: a page of 20 of those a search found."""
    client = sign_in(back_office)
    _organisations(3)
    grow(3)
    few, _page = queries_for(client, reverse("codesign:create"), query)
    _organisations(30)
    grow(30)
    many, page = queries_for(client, reverse("codesign:create"), query)
    assert 'name="organised_by" type="radio"' in page.content.decode()
    no_growth(few, many, ceiling=CEILING, what=f"setting up a session, {query}")
