"""Outcomes pages and API reads do the same work for 3 of everything as for 30: the list of frameworks,
a framework, a version with what changed since the one before, its exports, a draft for its managers,
an outcome's needs and the API, for each kind of caller.

The pages cache (core/pagecache.py) keeps a framework's content; each world here is a framework of its
own, so each first view is counted whole."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs.models import Need
from commonweal.outcomes import services
from commonweal.outcomes.models import Framework
from commonweal.outcomes.tests.conftest import indicator_values
from commonweal.testing.factories import OrganisationFactory, RoleFactory
from commonweal.testing.queries import no_growth, queries_for, queries_for_post

pytestmark = pytest.mark.django_db

CEILING = 25


def build(size: int, *, place, owner, manager) -> Framework:
    """A framework with two published versions of ``size`` areas, each with an outcome addressing a need
    and two indicators (the second version changes each), endorsed by ``size`` charities, and a draft.
    And ``size - 1`` other frameworks, so the list has ``size`` more."""
    framework = Framework.objects.create(
        place=place, name=f"Framework {size}", slug=f"framework-{size}", owner=owner
    )
    for number in range(size - 1):
        Framework.objects.create(
            place=place, name=f"Other {size}-{number}", slug=f"other-{size}-{number}", owner=owner
        )
    for edition in (1, 2, 3):
        version = services.framework_version_create(
            framework=framework, actor=manager, change_note=f"Version {edition}"
        )
        if edition == 1:
            for number in range(size):
                area = services.outcome_area_save(
                    version=version, actor=manager, code=f"A{number}", name=f"Area {number}"
                )
                outcome = services.outcome_save(
                    version=version, actor=manager, area=area, code=f"O{number}", title="Outcome"
                )
                for code in ("I1", "I2"):
                    services.indicator_save(
                        outcome=outcome, actor=manager, **indicator_values(f"{code}-{number}")
                    )
                need = Need.objects.create(
                    title=f"Need {size}-{number}", problem="-", population="-", place=place
                )
                services.outcome_needs_set(outcome=outcome, actor=manager, needs=[need])
        else:
            for outcome in version.outcomes.all():
                services.outcome_save(
                    version=version,
                    actor=manager,
                    area=outcome.area,
                    code=outcome.code,
                    title=f"Outcome changed in {edition}",
                    outcome=outcome,
                )
        if edition < 3:
            services.framework_version_publish(
                version=version, actor=manager, change_note=f"Version {edition}"
            )
    published = framework.versions.get(number=2)
    for number in range(size):
        charity = OrganisationFactory(name=f"Charity {size}-{number}")
        services.endorsement_add(
            version=published,
            organisation=charity,
            actor=RoleFactory(organisation=charity).user,
            comment=f"Endorsed {number}",
        )
    return framework


@pytest.fixture
def grow(place, council, manager):
    return lambda size: build(size, place=place, owner=council, manager=manager)


@pytest.fixture(params=["visitor", "charity member", "manager"])
def caller(request, sign_in, vcse_member, manager):
    return {
        "visitor": Client,
        "charity member": lambda: sign_in(vcse_member),
        "manager": lambda: sign_in(manager),
    }[request.param]()


def small_and_large(client, grow, url_of, *, what: str, shows: str = "") -> None:
    few, _page = queries_for(client, url_of(grow(3)))
    many, page = queries_for(client, url_of(grow(30)))
    if shows:
        assert shows in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=CEILING, what=what)


def version_url(name: str, number: int):
    return lambda framework: reverse(
        f"outcomes:{name}", kwargs={"slug": framework.slug, "number": number}
    )


def test_the_list_of_frameworks(caller, grow):
    small_and_large(caller, grow, lambda _f: reverse("outcomes:list"), what="frameworks")


def test_a_framework(caller, grow):
    small_and_large(
        caller,
        grow,
        lambda framework: framework.get_absolute_url(),
        what="a framework",
        shows="Endorsed 29",
    )


def test_a_version_with_what_changed(caller, grow):
    small_and_large(caller, grow, version_url("version", 2), what="a version", shows="Area 29")


@pytest.mark.parametrize("name", ["export-json", "export-csv"])
def test_the_exports(caller, grow, name):
    small_and_large(caller, grow, version_url(name, 2), what=name, shows="I2-29")


def test_a_draft_for_its_managers(sign_in, manager, grow):
    small_and_large(
        sign_in(manager), grow, version_url("version", 3), what="a draft", shows="Area 29"
    )


def test_an_outcomes_needs(sign_in, manager, grow):
    def url(framework):
        outcome = framework.versions.get(number=3).outcomes.get(code="O0")
        return reverse(
            "outcomes:outcome-needs", kwargs={"slug": framework.slug, "outcome_id": outcome.pk}
        )

    small_and_large(sign_in(manager), grow, url, what="an outcome's needs")


def test_the_apis_list(caller, grow):
    small_and_large(
        caller, grow, lambda _f: reverse("api:framework-list"), what="the API's frameworks"
    )


def test_the_apis_framework(caller, grow):
    small_and_large(
        caller,
        grow,
        lambda framework: reverse("api:framework-detail", kwargs={"slug": framework.slug}),
        what="the API's framework",
        shows="I2-29",
    )


def test_choosing_an_outcomes_needs_among_many(sign_in, manager, grow, place):
    """The chooser shows the needs chosen and a page of 20 of the place's: as many queries with 63
    needs (11 chosen) as with 3 (1 chosen), searched or not, by a link or sent with the form."""
    framework = grow(3)
    outcome = framework.versions.get(number=3).outcomes.get(code="O0")
    url = reverse(
        "outcomes:outcome-needs", kwargs={"slug": framework.slug, "outcome_id": outcome.pk}
    )
    client = sign_in(manager)
    search = {"needs-q": "need", "needs-page": "2"}

    def counts() -> list[int]:
        chosen = list(outcome.needs.values_list("pk", flat=True))
        return [
            queries_for(client, url)[0],
            queries_for(client, url, search)[0],
            queries_for_post(client, url, {"needs": chosen, **search})[0],
            queries_for_post(client, url, {"needs": chosen}, status=302)[0],
        ]

    few = counts()
    more = [
        Need.objects.create(title=f"More need {n:02}", problem="-", population="-", place=place)
        for n in range(60)
    ]
    services.outcome_needs_set(
        outcome=outcome, actor=manager, needs=[*outcome.needs.all(), *more[:10]]
    )
    many = counts()
    page = queries_for(client, url, search)[1].content.decode()
    assert page.count('name="needs" type="checkbox"') == 11 + 20  # the chosen and page 2's
    for what, small, large in zip(
        ("page", "search", "sent search", "saved"), few, many, strict=True
    ):
        no_growth(small, large, ceiling=CEILING, what=f"an outcome's needs: {what}")
