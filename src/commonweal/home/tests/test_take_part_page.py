"""The "Take part" page: everything open now and coming soon, everywhere or in one place, with what
a person can do and when; the header, the home page, a place's page and a resident's dashboard
draw from it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.home.tests.builders import DAY, budget, panel, priority_round, session
from commonweal.panels.models import Panel
from commonweal.participation.models import BudgetRound
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import LocalAuthorityFactory, WardFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

URL = reverse("core:take-part")


def test_everything_open_now_and_soon_is_listed_with_what_to_do_and_when(
    client, riverside, ward, council, staff
):
    today = timezone.localdate()
    priority_round(riverside, council, staff, "Which needs first?")
    priority_round(ward, council, staff, "Quayside's turn", opens=3, closes=10)
    priority_round(riverside, council, staff, "A draft round", status=PriorityRound.Status.DRAFT)
    priority_round(riverside, council, staff, "An ended round", opens=-9, closes=-1)
    budget(
        riverside,
        council,
        staff,
        "Ideas wanted",
        BudgetRound.Status.PROPOSALS,
        review_from=today + 9 * DAY,
    )
    budget(
        riverside,
        council,
        staff,
        "Being checked",
        BudgetRound.Status.REVIEW,
        voting_opens=today + 20 * DAY,
    )
    budget(
        riverside,
        council,
        staff,
        "Vote now",
        BudgetRound.Status.VOTING,
        voting_closes=today + 5 * DAY,
    )
    budget(
        riverside,
        council,
        staff,
        "Counting",
        BudgetRound.Status.CLOSED,
        results_by=today + 30 * DAY,
    )
    budget(riverside, council, staff, "A draft budget", BudgetRound.Status.DRAFT)
    budget(riverside, council, staff, "Long done", BudgetRound.Status.PUBLISHED)
    session(ward, council, "Youth club workshop")
    session(ward, council, "Last month's workshop", in_days=-30)
    panel(riverside, staff, "Riverside citizens' panel")
    panel(riverside, staff, "A draft panel", Panel.Status.DRAFT)

    page = client.get(URL).content.decode()
    for shown in (
        "Which needs first?",
        "Vote until",
        "Quayside&#x27;s turn",
        "Voting opens at",
        "Ideas wanted",
        "Put forward a project idea now.",
        "Being checked",
        "Project ideas are being checked.",
        "Vote now",
        "Vote on the projects until the end of",
        "Counting",
        "Results by",
        "Youth club workshop",
        "Town Hall",
        "Riverside citizens&#x27; panel",
        "Gathering volunteers for 30 seats, chosen by a fair lottery.",
    ):
        assert shown in page, shown
    for hidden in (
        "A draft round",
        "An ended round",
        "A draft budget",
        "Long done",
        "Last month",
        "A draft panel",
    ):
        assert hidden not in page, hidden
    # Voting first, then ideas, then the rest.
    assert (
        page.index("Vote now")
        < page.index("Ideas wanted")
        < page.index("Being checked")
        < page.index("Counting")
    )


def test_a_places_page_of_it_holds_the_wider_area_and_the_places_inside_and_nothing_else(
    client, riverside, ward, elsewhere, council, staff
):
    priority_round(riverside, council, staff, "Borough-wide round")
    session(ward, council, "Ward session")
    session(elsewhere, council, "Somewhere else's session")
    in_ward = client.get(URL, {"place": ward.slug}).content.decode()
    assert "Take part in Quayside" in in_ward
    assert "Borough-wide round" in in_ward and "Ward session" in in_ward
    assert "Somewhere else" not in in_ward
    assert "Somewhere else&#x27;s session" in client.get(URL).content.decode()
    nothing = client.get(URL, {"place": elsewhere.slug}).content.decode()
    assert "Somewhere else&#x27;s session" in nothing and "Ward session" not in nothing
    assert client.get(URL, {"place": "no-such-place"}).status_code == 404


def test_with_nothing_open_it_says_so(client, riverside):
    page = client.get(URL).content.decode()
    assert "Nothing is open at the moment." in page
    assert (
        "Nothing is open in Riverside at the moment."
        in client.get(URL, {"place": riverside.slug}).content.decode()
    )
    # And it offers the councils' areas to choose from.
    assert f"{URL}?place={riverside.slug}" in page


def test_a_long_list_shows_a_page_of_each_kind_and_leads_to_the_rest(client, riverside, council):
    for number in range(22):
        session(riverside, council, f"Session {number:02}", in_days=number + 1)
    page = client.get(URL).content.decode()
    assert "Session 19" in page and "Session 20" not in page
    assert reverse("codesign:list") in page and "See every co-design session" in page


def test_what_opens_shows_at_once(client, riverside, council, staff):
    assert "Fresh round" not in client.get(URL).content.decode()
    priority_round(riverside, council, staff, "Fresh round")
    assert "Fresh round" in client.get(URL).content.decode()
    made = panel(riverside, staff, "Fresh panel", Panel.Status.DRAFT)
    assert "Fresh panel" not in client.get(URL).content.decode()
    made.status = Panel.Status.POOL_OPEN
    made.save()
    assert "Fresh panel" in client.get(URL).content.decode()


def test_the_header_leads_to_every_area_and_marks_where_you_are(client, riverside):
    page = client.get(URL).content.decode()
    nav = page[page.index('id="navigation"') : page.index("</nav>")]
    for name in (
        "core:take-part",
        "needs:list",
        "participation:list",
        "panels:list",
        "outcomes:list",
        "organisations:list",
        "places:list",
    ):
        assert f'href="{reverse(name)}"' in nav, name
    assert f'href="{URL}" aria-current="page">Take part' in nav
    place_page = client.get(riverside.get_absolute_url()).content.decode()
    assert f'href="{reverse("places:list")}" aria-current="true">Places' in place_page


def test_the_home_page_a_places_page_and_a_residents_dashboard_draw_from_it(
    client, sign_in, riverside, ward, council, staff, resident
):
    priority_round(riverside, council, staff, "Which needs first?")
    session(ward, council, "Ward session")
    home = client.get(reverse("core:home")).content.decode()
    assert "Which needs first?" in home and "Ward session" in home
    assert f'href="{URL}"' in home
    here = client.get(ward.get_absolute_url()).content.decode()
    assert "Which needs first?" in here and f"{URL}?place={ward.slug}" in here
    dashboard = sign_in(resident).get(reverse("core:dashboard")).content.decode()
    assert "Open to you in Quayside" in dashboard and "Ward session" in dashboard


@pytest.mark.parametrize("where", ["everywhere", "a ward"])
@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_its_queries_do_not_grow_with_what_is_open(
    sign_in, riverside, council, staff, resident, who, where
):
    ward = WardFactory(parent=riverside)
    LocalAuthorityFactory(name="Eastford")

    def grow(size):
        for number in range(size):
            priority_round(riverside, council, staff, f"Round {size}-{number}")
            priority_round(ward, council, staff, f"Soon {size}-{number}", opens=2, closes=9)
            budget(riverside, council, staff, f"Budget {size}-{number}", BudgetRound.Status.VOTING)
            session(ward, council, f"Session {size}-{number}")
            panel(riverside, staff, f"Panel {size}-{number}")

    client = sign_in(resident) if who == "resident" else Client()
    params = {"place": ward.slug} if where == "a ward" else None
    grow(3)
    few, _page = queries_for(client, URL, params)
    grow(27)
    many, page = queries_for(client, URL, params)
    assert "Round 27-" in page.content.decode()
    no_growth(few, many, ceiling=12, what=f"take part {where} for a {who}")
