"""Pages: who sees and does what, the voting booth from start to finish, forms that show errors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound, Participation, Project
from commonweal.participation.tests.conftest import cast_ballots, make_resident, project_pk
from commonweal.testing.forms import date_boxes

pytestmark = pytest.mark.django_db
R = BudgetRound


def url(name, round_=None, **kwargs):
    if round_ is not None:
        kwargs["pk"] = round_.pk
    return reverse(f"participation:{name}", kwargs=kwargs)


def publish(round_, staff, ward):
    for n, titles in enumerate(
        [
            ["Benches by the river", "Street trees"],
            ["Benches by the river"],
            ["Youth club kit", "Community fridge"],
        ]
    ):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"V{n}"),
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    services.round_move(round_=round_, actor=staff, to=R.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)


class TestWhoSeesWhat:
    def test_the_list_shows_open_rounds_first_and_hides_drafts(self, client, make_round):
        closed = make_round(status=R.Status.CLOSED)
        closed.title = "Closed round"
        closed.save()
        open_ = make_round()
        draft = make_round(status=R.Status.DRAFT)
        draft.title = "Secret draft"
        draft.save()
        page = client.get(url("list")).content.decode()
        assert page.index(open_.title) < page.index("Closed round")
        assert "Secret draft" not in page

    def test_the_list_shows_25_rounds_a_page_and_counts_only_those_shown(
        self, client, sign_in, make_round, staff
    ):
        def titled(title, **fields):
            round_ = make_round(projects=(), **fields)
            BudgetRound.objects.filter(pk=round_.pk).update(title=title)

        for number in range(27):
            titled(f"Closed round {number:02}", status=R.Status.CLOSED)
        titled("The open round")
        titled("Secret draft", status=R.Status.DRAFT)
        first = client.get(url("list")).content.decode()
        assert "28 rounds, open ones first" in first  # the draft is not counted for a visitor
        assert first.count('<tr class="govuk-table__row">') == 1 + 25
        assert "The open round" in first and 'rel="next"' in first
        second = client.get(url("list"), {"page": "2"}).content.decode()
        assert second.count('<tr class="govuk-table__row">') == 1 + 3
        assert "The open round" not in second and "Secret draft" not in second
        assert client.get(url("list"), {"page": "99"}).status_code == 200  # the nearest page
        managing = sign_in(staff).get(url("list")).content.decode()
        assert "29 rounds" in managing and "Secret draft" in managing

    def test_a_draft_is_refused_to_others_and_unknown_rounds_are_404(
        self, client, sign_in, make_round, staff, other_staff
    ):
        draft = make_round(status=R.Status.DRAFT)
        assert client.get(url("round", draft)).status_code == 403
        assert sign_in(other_staff).get(url("round", draft)).status_code == 403
        assert sign_in(staff).get(url("round", draft)).status_code == 200
        assert client.get(url("round", pk=999999)).status_code == 404

    @pytest.mark.parametrize(
        "name",
        # The publishing page (a preview, then the button) has its own tests: test_publish_preview.py.
        ["edit", "project-add", "paper", "paper-sheet", "count", "codes", "verify", "eligibility"],
    )
    def test_officer_pages_are_for_the_places_staff_only(
        self, sign_in, make_round, resident, other_staff, staff, name
    ):
        round_ = make_round()
        assert sign_in(resident).get(url(name, round_)).status_code == 403
        assert sign_in(other_staff).get(url(name, round_)).status_code == 403
        page = sign_in(staff).get(url(name, round_))
        assert page.status_code == 200
        html = page.content.decode()
        # Fields are drawn as GOV.UK components, not shown as escaped text.
        assert '<div class="govuk-form-group' in html and "&lt;div" not in html

    def test_results_are_404_until_published_even_for_staff(
        self, sign_in, make_round, staff, ward, client
    ):
        round_ = make_round()
        assert sign_in(staff).get(url("results", round_)).status_code == 404
        publish(round_, staff, ward)
        client.logout()
        page = client.get(url("results", round_))
        assert page.status_code == 200
        assert "Benches by the river" in page.content.decode()


class TestVotingBooth:
    def test_a_resident_checks_their_choices_then_sends_them_then_changes_them(
        self, sign_in, make_round, resident
    ):
        round_ = make_round(max_projects=2)
        client = sign_in(resident)
        trees, fridge = project_pk(round_, "Street trees"), project_pk(round_, "Community fridge")
        page = client.get(url("vote", round_)).content.decode()
        assert "Street trees (£4,000)" in page and "£10,000" in page
        check = client.post(
            url("vote", round_), {"projects": [trees, fridge], "age_confirmed": "on"}
        )
        assert check.status_code == 200 and "Check your vote" in check.content.decode()
        assert not cast_ballots().exists()
        done = client.post(
            url("vote", round_),
            {"projects": [trees, fridge], "age_confirmed": "on", "confirm": "yes"},
        )
        assert done.status_code == 302 and done["Location"] == url("voted", round_)
        recorded = client.get(url("voted", round_)).content.decode()
        assert "Your vote is recorded" in recorded and "Community fridge" in recorded
        client.post(
            url("vote", round_), {"projects": [trees], "age_confirmed": "on", "confirm": "yes"}
        )
        assert cast_ballots().count() == 1 and Participation.objects.count() == 1
        assert list(cast_ballots().get().marks) == [str(trees)]

    def test_change_my_choices_goes_back_to_the_booth_with_them_ticked(
        self, sign_in, make_round, resident
    ):
        round_ = make_round()
        trees = project_pk(round_, "Street trees")
        page = (
            sign_in(resident)
            .post(url("vote", round_), {"projects": [trees], "edit": "yes"})
            .content.decode()
        )
        assert "Check your vote" not in page
        assert f'value="{trees}" checked>' in page and page.count(" checked>") == 1
        assert not cast_ballots().exists()

    def test_a_ballot_over_the_limit_shows_the_reason_in_an_error_summary(
        self, sign_in, make_round, resident
    ):
        round_ = make_round(max_projects=1)
        response = sign_in(resident).post(
            url("vote", round_),
            {
                "projects": [
                    project_pk(round_, "Street trees"),
                    project_pk(round_, "Youth club kit"),
                ],
                "age_confirmed": "on",
                "confirm": "yes",
            },
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert (
            "govuk-error-summary" in page and "Choose no more than 1 project. You chose 2." in page
        )
        assert not cast_ballots().exists()

    def test_the_age_must_be_confirmed(self, sign_in, make_round, resident):
        round_ = make_round(minimum_age=16)
        page = (
            sign_in(resident)
            .post(
                url("vote", round_),
                {"projects": [project_pk(round_, "Street trees")], "confirm": "yes"},
            )
            .content.decode()
        )
        assert "Confirm you are 16 or older to vote" in page
        assert not cast_ballots().exists()

    @pytest.mark.parametrize(
        "kind,data_for",
        [
            ("cumulative", lambda r: {f"project_{project_pk(r, 'Street trees')}": "7"}),
            (
                "ranked",
                lambda r: {
                    f"project_{project_pk(r, 'Street trees')}": "1",
                    f"project_{project_pk(r, 'Youth club kit')}": "2",
                },
            ),
            ("choose_one", lambda r: {"projects": str(project_pk(r, "Street trees"))}),
        ],
    )
    def test_each_ballot_type_can_be_cast(self, sign_in, make_round, resident, kind, data_for):
        round_ = make_round(ballot_type=kind, points_total=10)
        client = sign_in(resident)
        assert client.get(url("vote", round_)).status_code == 200
        response = client.post(
            url("vote", round_), {**data_for(round_), "age_confirmed": "on", "confirm": "yes"}
        )
        assert response.status_code == 302
        assert cast_ballots().count() == 1

    def test_strangers_cannot_open_the_booth(self, sign_in, make_round, stranger, client):
        round_ = make_round()
        assert client.get(url("vote", round_)).status_code == 302
        assert sign_in(stranger).get(url("vote", round_)).status_code == 403

    def test_a_closed_rounds_booth_says_it_is_closed_and_when_the_results_come(
        self, sign_in, make_round, resident
    ):
        closed = make_round(status=R.Status.CLOSED, results_by=date(2027, 5, 20))
        client = sign_in(resident)
        response = client.get(url("vote", closed))
        page = response.content.decode()
        assert response.status_code == 403
        assert "Voting is not open" in page and "Voting has closed." in page
        assert "The results will be published by 20 May 2027" in page
        assert "administrator" not in page
        # A vote sent anyway is not recorded.
        client.post(
            url("vote", closed),
            {
                "projects": [project_pk(closed, "Street trees")],
                "age_confirmed": "on",
                "confirm": "yes",
            },
        )
        assert cast_ballots().count() == 0

    def test_a_booth_past_its_closing_day_or_before_its_opening_day_says_so(
        self, sign_in, make_round, resident
    ):
        today = timezone.localdate()
        late = make_round(voting_closes=today - timedelta(days=1))
        page = sign_in(resident).get(url("vote", late)).content.decode()
        assert "Voting closed at the end of" in page
        assert "once the votes are counted" in page  # no results date was set
        early = make_round(voting_opens=today + timedelta(days=3))
        page = sign_in(resident).get(url("vote", early)).content.decode()
        assert "Voting opens on" in page

    def test_someone_who_may_not_vote_is_told_why_on_the_booth(self, sign_in, make_round, stranger):
        page = sign_in(stranger).get(url("vote", make_round())).content.decode()
        assert "You cannot vote in this round" in page
        assert "This round is for residents of Riverside" in page

    def test_results_not_yet_published_say_when_they_are_due(self, client, make_round):
        voting = make_round(voting_closes=date(2099, 3, 31), results_by=date(2099, 4, 30))
        response = client.get(url("results", voting))
        page = response.content.decode()
        assert response.status_code == 404
        assert "The results are not published yet" in page
        assert "Voting closes at the end of 31 March 2099." in page
        assert "The results will be published by 30 April 2099" in page
        closed = make_round(status=R.Status.CLOSED)
        page = client.get(url("results", closed)).content.decode()
        assert "once the votes are counted" in page and "Voting closes" not in page

    def test_an_invitation_code_lets_a_person_vote(self, sign_in, make_round, staff, stranger):
        round_ = make_round(verification=R.Verification.CODE)
        code = services.invitation_codes_create(round_=round_, actor=staff, count=1)[0]
        client = sign_in(stranger)
        assert "Enter your code" in client.get(url("round", round_)).content.decode()
        wrong = client.post(url("check-me", round_), {"code": "AAAA-AAAA"}).content.decode()
        assert "That code is not right" in wrong
        assert client.post(url("check-me", round_), {"code": code}).status_code == 302
        assert client.get(url("vote", round_)).status_code == 200


class TestOfficerPages:
    def test_set_up_a_round_with_errors_then_without(self, sign_in, staff, riverside, council):
        client = sign_in(staff)
        bad = client.post(
            url("create"), {"place": riverside.pk, "title": "", "budget": "lots"}
        ).content.decode()
        assert "govuk-error-summary" in bad and "Enter a title for the round" in bad
        response = client.post(
            url("create"),
            {
                "place": riverside.pk,
                "run_by": council.pk,
                "title": "Riverside decides",
                "budget": "50000",
                "minimum_age": "16",
                "verification": "resident",
                "ballot_type": "approval",
                "rule": "mes",
                "completion": "add1",
            },
        )
        assert response.status_code == 302
        round_ = BudgetRound.objects.get(title="Riverside decides")
        assert round_.status == R.Status.DRAFT and round_.budget == 50000

    def test_review_needs_a_reason(self, sign_in, make_round, staff):
        round_ = make_round(status=R.Status.REVIEW, projects=[])
        project = Project.objects.create(round=round_, title="Idea", cost=100)
        client = sign_in(staff)
        page = client.post(
            url("review", round_, project_pk=project.pk), {"status": "accepted"}
        ).content.decode()
        assert "Say why, so people can see the reason" in page
        client.post(
            url("review", round_, project_pk=project.pk), {"status": "accepted", "reason": "Costed"}
        )
        project.refresh_from_db()
        assert project.status == Project.Status.ACCEPTED

    def test_a_recount_after_publishing_without_a_reason_shows_an_error(
        self, sign_in, make_round, staff, ward
    ):
        round_ = make_round()
        publish(round_, staff, ward)
        page = (
            sign_in(staff)
            .post(
                url("count", round_),
                {"rule": "greedy", "satisfaction": "cost", "completion": "none"},
            )
            .content.decode()
        )
        assert "Say why you are counting again" in page
        assert round_.counts.count() == 1

    def test_paper_ballots_and_eligibility_upload_show_errors(self, sign_in, make_round, staff):
        from django.core.files.uploadedfile import SimpleUploadedFile

        round_ = make_round(verification=R.Verification.LIST)
        client = sign_in(staff)
        page = client.post(url("paper", round_), {"batch": ""}).content.decode()
        assert "Enter the batch reference" in page
        upload = SimpleUploadedFile("list.csv", b"email\nbad@\n")
        page = client.post(url("eligibility", round_), {"file": upload}).content.decode()
        assert "Row 2: “bad@” is not a valid email address." in page
        ok = client.post(
            url("paper", round_),
            {"batch": "BOX 1", "projects": [project_pk(round_, "Street trees")]},
        )
        assert ok.status_code == 302 and cast_ballots().filter(source="paper").count() == 1

    def test_codes_are_shown_once(self, sign_in, make_round, staff):
        round_ = make_round(verification=R.Verification.CODE)
        page = sign_in(staff).post(url("codes", round_), {"count": "3"})
        assert page["Cache-Control"] == "no-store"
        assert page.content.decode().count("<code>") == 3


class TestProposingAndPhases:
    def test_a_resident_proposes_an_idea_only_while_ideas_are_taken(
        self, sign_in, make_round, resident, client
    ):
        round_ = make_round(status=R.Status.PROPOSALS, projects=[])
        assert client.get(url("propose", round_)).status_code == 302
        person = sign_in(resident)
        bad = person.post(
            url("propose", round_), {"title": "Play area", "description": "Swings", "cost": "lots"}
        )
        assert "Enter the cost as a number, like 4500" in bad.content.decode()
        assert (
            person.post(
                url("propose", round_),
                {"title": "Play area", "description": "Swings", "cost": "4000"},
            ).status_code
            == 302
        )
        assert round_.projects.get().status == Project.Status.PROPOSED
        assert "Play area" in person.get(url("round", round_)).content.decode()
        voting = make_round()
        assert person.get(url("propose", voting)).status_code == 403

    def test_an_idea_waiting_to_be_checked_is_seen_only_by_its_proposer_and_staff(
        self, sign_in, make_round, resident, staff, ward
    ):
        round_ = make_round(status=R.Status.REVIEW, projects=[])
        Project.objects.create(round=round_, title="Secret idea", cost=10, proposer=resident)
        assert "Secret idea" in sign_in(resident).get(url("round", round_)).content.decode()
        assert "Secret idea" in sign_in(staff).get(url("round", round_)).content.decode()
        assert (
            "Secret idea"
            not in sign_in(make_resident(ward, "Other")).get(url("round", round_)).content.decode()
        )

    def test_staff_move_the_round_on_and_others_cannot(self, sign_in, make_round, staff, resident):
        round_ = make_round(status=R.Status.DRAFT)
        assert sign_in(resident).post(url("move", round_, to="voting"), {}).status_code == 403
        assert sign_in(staff).get(url("move", round_, to="nowhere")).status_code == 404
        assert (
            sign_in(staff).post(url("move", round_, to="voting"), {"reason": "Ready"}).status_code
            == 302
        )
        round_.refresh_from_db()
        assert round_.status == R.Status.VOTING
        page = sign_in(staff).post(url("move", round_, to="proposals"), {}).content.decode()
        assert "A round can only move on to a later phase." in page

    @pytest.mark.parametrize("name", ["create", "import"])
    def test_setting_up_and_importing_are_for_public_body_staff(
        self, sign_in, staff, resident, name
    ):
        assert sign_in(resident).get(url(name)).status_code == 403
        html = sign_in(staff).get(url(name)).content.decode()
        assert '<div class="govuk-form-group' in html and "&lt;div" not in html


class TestEditing:
    def test_saving_the_settings_unchanged_keeps_every_date(
        self, sign_in, make_round, staff, council
    ):
        """The dates were drawn as 05/10/2026 in a browser's date box, which sent them back empty:
        saving the settings blanked them all. Each date is now three boxes holding what is stored."""
        dates = {
            "proposals_open": date(2027, 1, 4),
            "review_from": date(2027, 2, 1),
            "voting_opens": date(2027, 3, 1),
            "voting_closes": date(2027, 3, 31),
            "results_by": date(2027, 4, 15),
        }
        draft = make_round(status=R.Status.DRAFT, **dates)
        client = sign_in(staff)
        page = client.get(url("edit", draft)).content.decode()
        sent = {}
        for name, day in dates.items():
            for part, value in zip(
                ("day", "month", "year"), (day.day, day.month, day.year), strict=True
            ):
                assert (
                    f'name="{name}-{part}" type="text" inputmode="numeric" value="{value}"' in page
                )
            sent.update(date_boxes(name, day.day, day.month, day.year))
        fields = {
            "run_by": council.pk,
            "title": draft.title,
            "budget": "10000",
            "minimum_age": str(draft.minimum_age),
            "verification": draft.verification,
            "ballot_type": draft.ballot_type,
            "rule": draft.rule,
            "completion": draft.completion,
        }
        assert client.post(url("edit", draft), {**fields, **sent}).status_code == 302
        draft.refresh_from_db()
        assert {name: getattr(draft, name) for name in dates} == dates

    def test_a_date_that_is_not_real_is_refused_and_what_was_typed_is_kept(
        self, sign_in, make_round, staff, council
    ):
        draft = make_round(status=R.Status.DRAFT, voting_opens=date(2027, 3, 1))
        page = (
            sign_in(staff)
            .post(
                url("edit", draft),
                {
                    "run_by": council.pk,
                    "title": draft.title,
                    "budget": "10000",
                    "minimum_age": "16",
                    "verification": draft.verification,
                    "ballot_type": draft.ballot_type,
                    "rule": draft.rule,
                    "completion": draft.completion,
                    **date_boxes("voting_opens", 30, 2, 2027),
                    **date_boxes("voting_closes", "", 3, 2027),
                },
            )
            .content.decode()
        )
        assert "There is a problem" in page
        assert "Voting opens must be a real date" in page
        assert "Voting closes must include a day" in page
        assert 'href="#id_voting_closes-day"' in page  # the summary leads to the empty box
        assert 'name="voting_opens-day" type="text" inputmode="numeric" value="30"' in page
        draft.refresh_from_db()
        assert draft.voting_opens == date(2027, 3, 1)

    def test_staff_change_a_drafts_settings_but_not_a_ballot_once_voting_started(
        self, sign_in, make_round, staff, council
    ):
        draft = make_round(status=R.Status.DRAFT)
        fields = {
            "run_by": council.pk,
            "title": "New title",
            "budget": "20000",
            "minimum_age": "16",
            "verification": "resident",
            "ballot_type": "approval",
            "rule": "mes",
            "completion": "add1",
        }
        client = sign_in(staff)
        assert client.post(url("edit", draft), fields).status_code == 302
        draft.refresh_from_db()
        assert (draft.title, draft.budget) == ("New title", 20000)
        voting = make_round()
        page = client.post(url("edit", voting), {**fields, "budget": "30000"}).content.decode()
        assert "Voting has started, so this cannot change." in page
        voting.refresh_from_db()
        assert voting.budget == 10000
