"""A seated panel's workspace: who may see it and who may change it, page by page; staff arranging
meetings, adding papers (files and links) and giving tasks; members marking their tasks done; bad
input refused in plain words; and the page's queries, which do not grow with what it lists."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.panels import members, selection, services, services_workspace
from commonweal.panels.models import Meeting, PanelTask, Paper, TaskDone
from commonweal.panels.tests.helpers import make_panel, staff_for
from commonweal.testing.factories import (
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
)
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TODAY = timezone.localdate


def seated_panel(capture, *, pool: int = 12, emails: str = ""):
    """A panel of 4 seats, drawn and seated: its staff and its members (with accounts). ``emails``
    goes before each volunteer's address, so two panels have people of their own."""
    panel, staff = make_panel(size=4, pool=pool)
    for volunteer in panel.pool.all():
        volunteer.email = emails + volunteer.email
        volunteer.save()
    with capture(execute=True):
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="4 1 6")
    with capture(execute=True):
        seated = members.panel_seat(actor=staff, panel=panel)
    panel.refresh_from_db()
    return panel, staff, seated


def moment(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = TODAY() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def meeting_for(panel, staff, title="Meeting", days=7, **fields) -> Meeting:
    return services_workspace.meeting_create(
        actor=staff,
        panel=panel,
        title=title,
        starts_at=moment(days, 18),
        ends_at=moment(days, 20),
        location=fields.pop("location", "Civic Centre"),
        **fields,
    )


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """The seated panel with a meeting, a paper on file, a task for everyone and one for the first
    member; another seated panel; and the people around them."""
    capture = django_capture_on_commit_callbacks
    panel, staff, seated = seated_panel(capture)
    other_panel, _other_staff, other_seated = seated_panel(capture, emails="other.")
    meeting = meeting_for(panel, staff, title="Second meeting")
    from django.core.files.uploadedfile import SimpleUploadedFile

    paper = services_workspace.paper_add(
        actor=staff,
        panel=panel,
        title="The facts",
        meeting=meeting,
        file=SimpleUploadedFile("facts.pdf", PDF, content_type="application/pdf"),
    )
    everyone = services_workspace.task_create(
        actor=staff,
        panel=panel,
        title="Read the facts",
        due_on=TODAY() + datetime.timedelta(days=5),
    )
    first = services_workspace.task_create(
        actor=staff,
        panel=panel,
        title="Chair the meeting",
        due_on=TODAY() + datetime.timedelta(days=7),
        member=seated[0],
    )
    resident = RoleFactory(role=Role.RESIDENT, organisation=None, place=panel.place).user
    # Made their own account and organisation, calling it a public body serving the place: unverified.
    self_made_body = UnverifiedPublicBodyFactory(places_served=[panel.place])
    self_made = RoleFactory(role=Role.COMMISSIONER, organisation=self_made_body).user
    return {
        "panel": panel,
        "staff": staff,
        "member": seated[0].user,
        "seat": seated[0],
        "second member": seated[1].user,
        "second seat": seated[1],
        "other panel's member": other_seated[0].user,
        "other panel": other_panel,
        "resident": resident,
        "self-made staff": self_made,
        "meeting": meeting,
        "paper": paper,
        "everyone's task": everyone,
        "first member's task": first,
    }


def urls(world) -> dict[str, str]:
    pk = world["panel"].pk
    meeting = {"pk": pk, "meeting_pk": world["meeting"].pk}
    paper = {"pk": pk, "paper_pk": world["paper"].pk}
    task = {"pk": pk, "task_pk": world["everyone's task"].pk}
    return {
        "workspace": reverse("panels:workspace", kwargs={"pk": pk}),
        "meeting": reverse("panels:meeting", kwargs=meeting),
        "paper-download": reverse("panels:paper-download", kwargs=paper),
        "meeting-add": reverse("panels:meeting-add", kwargs={"pk": pk}),
        "meeting-edit": reverse("panels:meeting-edit", kwargs=meeting),
        "meeting-delete": reverse("panels:meeting-delete", kwargs=meeting),
        "paper-add": reverse("panels:paper-add", kwargs={"pk": pk}),
        "paper-edit": reverse("panels:paper-edit", kwargs=paper),
        "paper-delete": reverse("panels:paper-delete", kwargs=paper),
        "task-add": reverse("panels:task-add", kwargs={"pk": pk}),
        "task-edit": reverse("panels:task-edit", kwargs=task),
        "task-delete": reverse("panels:task-delete", kwargs=task),
    }


MEMBERS_SEE = {"workspace", "meeting", "paper-download"}


@pytest.mark.parametrize(
    "who", ["staff", "member", "other panel's member", "resident", "self-made staff"]
)
def test_who_may_see_and_change_the_workspace(world, sign_in, who):
    client = sign_in(world[who])
    for name, url in urls(world).items():
        if who == "staff" or (who == "member" and name in MEMBERS_SEE):
            expected = 200
        else:
            expected = 403
        assert client.get(url).status_code == expected, (who, name)


def test_anonymous_people_are_asked_to_sign_in_and_see_nothing(world):
    client = Client()
    for name, url in urls(world).items():
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response["Location"], name
        assert world["meeting"].title not in response.content.decode()


def test_an_unknown_panel_or_thing_is_a_404_and_another_panels_thing_too(world, sign_in):
    client = sign_in(world["staff"])
    assert client.get(reverse("panels:workspace", kwargs={"pk": 99999})).status_code == 404
    pk = world["panel"].pk
    for name, kwargs in (
        ("panels:meeting", {"meeting_pk": 99999}),
        ("panels:meeting-edit", {"meeting_pk": 99999}),
        ("panels:paper-edit", {"paper_pk": 99999}),
        ("panels:paper-download", {"paper_pk": 99999}),
        ("panels:task-edit", {"task_pk": 99999}),
    ):
        assert client.get(reverse(name, kwargs={"pk": pk, **kwargs})).status_code == 404, name
    # The other panel's meeting through this panel's address (its staff manage both places' panels
    # only if they act for them; this one's staff do not, so ask as the back office).
    elsewhere = meeting_for(world["other panel"], UserFactory(is_staff=True), title="Elsewhere")
    back_office = sign_in(UserFactory(is_staff=True))
    url = reverse("panels:meeting", kwargs={"pk": pk, "meeting_pk": elsewhere.pk})
    assert back_office.get(url).status_code == 404


def test_a_member_sees_their_panel_next_meeting_first_and_their_own_tasks(world, sign_in):
    panel, staff = world["panel"], world["staff"]
    meeting_for(panel, staff, title="Third meeting", days=21)
    meeting_for(panel, staff, title="First meeting", days=-7, decisions="We chose two chairs.")
    page = sign_in(world["member"]).get(urls(world)["workspace"]).content.decode()
    assert "Your panel" in page
    next_at, later_at = page.index("Second meeting"), page.index("Third meeting")
    assert page.index("Next meeting") < next_at < later_at < page.index("First meeting")
    assert "We chose two chairs." in page
    assert "Read the facts" in page and "Chair the meeting" in page
    assert "Mark as done" in page and world["paper"].get_download_url() in page
    # Staff's links are not theirs.
    assert reverse("panels:meeting-add", kwargs={"pk": panel.pk}) not in page
    # The second member is not given the first member's task.
    other = sign_in(world["second member"]).get(urls(world)["workspace"]).content.decode()
    assert "Read the facts" in other and "Chair the meeting" not in other


def test_staff_see_who_each_task_is_given_to_and_how_many_have_done_it(world, sign_in):
    services_workspace.task_mark_done(
        actor=world["member"], task=world["everyone's task"], member=world["seat"]
    )
    page = sign_in(world["staff"]).get(urls(world)["workspace"]).content.decode()
    assert "Panel workspace" in page and "Every member" in page
    assert "1 of 4 members" in page
    assert world["seat"].user.full_name in page and "Not done yet" in page


def test_a_member_marks_a_task_done_and_undoes_it(world, sign_in):
    client = sign_in(world["member"])
    task = world["everyone's task"]
    url = reverse("panels:task-done", kwargs={"pk": world["panel"].pk, "task_pk": task.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, {"done": "yes"})
    assert response.status_code == 302 and response["Location"].endswith("#tasks")
    done = TaskDone.objects.get(task=task)
    assert done.member == world["seat"] and done.done_by == world["member"] and done.done_at
    client.post(url, {"done": "yes"})  # twice: still one mark
    assert TaskDone.objects.filter(task=task).count() == 1
    page = client.get(urls(world)["workspace"]).content.decode()
    assert "Mark as not done" in page and "Done</strong>" in page
    client.post(url, {"done": "no"})
    assert not TaskDone.objects.filter(task=task).exists()
    assert AuditEntry.objects.filter(model="panels.taskdone", action="delete").exists()


def test_only_the_member_a_task_is_given_to_may_mark_it(world, sign_in):
    task = world["first member's task"]
    url = reverse("panels:task-done", kwargs={"pk": world["panel"].pk, "task_pk": task.pk})
    for who in ("second member", "staff", "other panel's member", "resident"):
        assert sign_in(world[who]).post(url, {"done": "yes"}).status_code == 403, who
    assert Client().post(url, {"done": "yes"}).status_code == 302  # to sign in
    assert not TaskDone.objects.exists()
    assert sign_in(world["member"]).post(url, {"done": "yes"}).status_code == 302
    assert TaskDone.objects.filter(task=task, member=world["seat"]).exists()


def meeting_data(**changes) -> dict:
    day = TODAY() + datetime.timedelta(days=10)
    data = {
        "title": "Scoring the bids",
        "date-day": str(day.day),
        "date-month": str(day.month),
        "date-year": str(day.year),
        "starts_at": "10:00",
        "ends_at": "13:00",
        "location": "",
        "online_link": "meet.example.org/panel",
        "agenda": "1. Criteria\n2. Practice",
        "decisions": "",
    }
    return {**data, **changes}


def test_staff_arrange_change_and_call_off_a_meeting(world, sign_in):
    client = sign_in(world["staff"])
    response = client.post(urls(world)["meeting-add"], meeting_data())
    meeting = Meeting.objects.get(title="Scoring the bids")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.online_link == "https://meet.example.org/panel"
    assert timezone.localtime(meeting.starts_at).time() == datetime.time(10)
    assert meeting.created_by == world["staff"]
    edit = reverse(
        "panels:meeting-edit", kwargs={"pk": world["panel"].pk, "meeting_pk": meeting.pk}
    )
    client.post(edit, meeting_data(decisions="Quality counts for 60%."))
    meeting.refresh_from_db()
    assert meeting.decisions == "Quality counts for 60%."
    assert AuditEntry.objects.filter(model="panels.meeting", object_id=str(meeting.pk)).count() == 2
    delete = reverse(
        "panels:meeting-delete", kwargs={"pk": world["panel"].pk, "meeting_pk": meeting.pk}
    )
    assert "Confirm you want to remove it" in client.post(delete, {}).content.decode()
    assert client.post(delete, {"confirm": "on"}).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_calling_off_a_meeting_keeps_its_papers(world, sign_in):
    world["meeting"].refresh_from_db()
    services_workspace.meeting_delete(actor=world["staff"], meeting=world["meeting"])
    world["paper"].refresh_from_db()
    assert world["paper"].meeting is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter a title for the meeting"),
        ({"date-day": "", "date-month": "", "date-year": ""}, "Enter the date of the meeting"),
        ({"date-month": "13"}, "Date must be a real date"),
        ({"starts_at": "ten"}, "Enter a time like 18:30"),
        ({"ends_at": "09:00"}, "The end time must be after the start time"),
        ({"online_link": ""}, "Enter where the meeting is, or a link to join it online"),
        ({"online_link": "not a link at all"}, "Enter a link like https://meet.example.org/panel"),
        ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
    ],
)
def test_a_meeting_with_bad_input_is_refused_in_plain_words(world, sign_in, changes, message):
    response = sign_in(world["staff"]).post(urls(world)["meeting-add"], meeting_data(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Meeting.objects.filter(title="Scoring the bids").exists()


def test_a_meeting_sent_back_unchanged_keeps_its_seconds_and_records_nothing(world, sign_in):
    meeting = world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at.replace(second=30))
    meeting.refresh_from_db()
    client = sign_in(world["staff"])
    before = AuditEntry.objects.count()
    starts = timezone.localtime(meeting.starts_at)
    data = meeting_data(
        title=meeting.title,
        **{
            "date-day": str(starts.day),
            "date-month": str(starts.month),
            "date-year": str(starts.year),
        },
        starts_at=starts.strftime("%H:%M"),
        ends_at=timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        location=meeting.location,
        online_link="",
        agenda="",
    )
    assert client.post(urls(world)["meeting-edit"], data).status_code == 302
    changed = Meeting.objects.get(pk=meeting.pk)
    assert changed.starts_at == meeting.starts_at and AuditEntry.objects.count() == before


def test_papers_by_file_and_by_link_and_only_members_download_them(
    world, sign_in, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = sign_in(world["staff"])
    response = client.post(
        urls(world)["paper-add"],
        {
            "title": "Survey",
            "summary": "What young people said.",
            "meeting": "",
            "kind": "link",
            "link": "https://www.example.org/survey",
        },
    )
    assert response.status_code == 302
    linked = Paper.objects.get(title="Survey")
    assert linked.link == "https://www.example.org/survey" and not linked.file
    # A file that is not what its name says is refused.
    response = client.post(
        urls(world)["paper-add"],
        {
            "title": "Budget",
            "kind": "file",
            "file": SimpleUploadedFile(
                "budget.pdf", b"MZ\x90\x00 a program", content_type="application/pdf"
            ),
        },
    )
    assert "The file must be a PDF, Word, Excel" in response.content.decode()
    assert not Paper.objects.filter(title="Budget").exists()

    paper = world["paper"]
    download = urls(world)["paper-download"]
    got = sign_in(world["member"]).get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert "private" in got["Cache-Control"] and "attachment" in got["Content-Disposition"]
    for who in ("other panel's member", "resident", "self-made staff"):
        assert sign_in(world[who]).get(download).status_code == 403, who

    # A link in place of the file: the file goes once the change is committed.
    stored = paper.file.name
    storage = paper.file.storage
    client = sign_in(world["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            urls(world)["paper-edit"],
            {
                "title": "The facts",
                "meeting": str(world["meeting"].pk),
                "kind": "link",
                "link": "https://www.example.org/facts",
            },
        )
    paper.refresh_from_db()
    assert paper.link == "https://www.example.org/facts" and not paper.file
    assert not storage.exists(stored)
    assert sign_in(world["member"]).get(download).status_code == 404  # nothing on file now

    delete = reverse("panels:paper-delete", kwargs={"pk": world["panel"].pk, "paper_pk": linked.pk})
    assert sign_in(world["staff"]).post(delete, {"confirm": "on"}).status_code == 302
    assert not Paper.objects.filter(pk=linked.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "A paper", "kind": "file"}, "Choose a file to upload"),
        ({"title": "A paper", "kind": "link"}, "Enter the link to the paper"),
        ({"title": "A paper"}, "Choose whether to upload a file or give a link"),
        ({"title": "A paper", "kind": "link", "link": "javascript:alert(1)"}, "Enter a link like"),
        (
            {"title": "", "kind": "link", "link": "https://example.org/"},
            "Enter a title for the paper",
        ),
        (
            {
                "title": "A paper",
                "kind": "link",
                "link": "https://example.org/",
                "meeting": "99999",
            },
            "Choose one of the panel&#x27;s meetings",
        ),
        (
            {"title": "A paper", "kind": "link", "link": "https://example.org/", "meeting": "x"},
            "Choose one of the panel&#x27;s meetings",
        ),
    ],
)
def test_a_paper_with_bad_input_is_refused_in_plain_words(world, sign_in, data, message):
    response = sign_in(world["staff"]).post(urls(world)["paper-add"], data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Paper.objects.filter(title="A paper").exists()


def test_a_paper_cannot_be_for_another_panels_meeting(world):
    elsewhere = meeting_for(world["other panel"], UserFactory(is_staff=True), title="Elsewhere")
    with pytest.raises(Exception, match="this panel"):
        services_workspace.paper_add(
            actor=world["staff"],
            panel=world["panel"],
            title="X",
            meeting=elsewhere,
            link="https://example.org/",
        )


def task_data(**changes) -> dict:
    due = TODAY() + datetime.timedelta(days=3)
    data = {
        "title": "Score the sample bid",
        "instructions": "Use the scoring sheet.",
        "due_on-day": str(due.day),
        "due_on-month": str(due.month),
        "due_on-year": str(due.year),
        "member": "",
    }
    return {**data, **changes}


def test_staff_give_change_and_take_back_a_task(world, sign_in):
    client = sign_in(world["staff"])
    assert client.post(urls(world)["task-add"], task_data()).status_code == 302
    task = PanelTask.objects.get(title="Score the sample bid")
    assert task.member is None and task.due_on == TODAY() + datetime.timedelta(days=3)
    for seat in (world["seat"], world["second seat"]):
        services_workspace.task_mark_done(actor=seat.user, task=task, member=seat)
    edit = reverse("panels:task-edit", kwargs={"pk": world["panel"].pk, "task_pk": task.pk})
    # Given to one member now: the other's mark of it done goes.
    assert client.post(edit, task_data(member=str(world["seat"].pk))).status_code == 302
    task.refresh_from_db()
    assert task.member == world["seat"]
    assert list(task.done.values_list("member", flat=True)) == [world["seat"].pk]
    delete = reverse("panels:task-delete", kwargs={"pk": world["panel"].pk, "task_pk": task.pk})
    assert client.post(delete, {"confirm": "on"}).status_code == 302
    assert (
        not PanelTask.objects.filter(pk=task.pk).exists()
        and not TaskDone.objects.filter(task_id=task.pk).exists()
    )


def test_a_task_due_in_the_past_is_kept_when_sent_back_but_refused_when_typed(world, sign_in):
    task = world["everyone's task"]
    past = TODAY() - datetime.timedelta(days=2)
    PanelTask.objects.filter(pk=task.pk).update(due_on=past)
    client = sign_in(world["staff"])
    kept = task_data(
        title=task.title,
        instructions="",
        **{
            "due_on-day": str(past.day),
            "due_on-month": str(past.month),
            "due_on-year": str(past.year),
        },
    )
    assert client.post(urls(world)["task-edit"], kept).status_code == 302
    earlier = past - datetime.timedelta(days=1)
    response = client.post(
        urls(world)["task-edit"],
        {
            **kept,
            "due_on-day": str(earlier.day),
            "due_on-month": str(earlier.month),
            "due_on-year": str(earlier.year),
        },
    )
    assert "The date the task is due must be today or in the future" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter a title for the task"),
        (
            {"due_on-day": "", "due_on-month": "", "due_on-year": ""},
            "Enter the date the task is due",
        ),
        ({"due_on-year": "27"}, "Year must include 4 numbers"),
        (
            {"due_on-day": "1", "due_on-month": "1", "due_on-year": "2001"},
            "must be today or in the future",
        ),
        ({"member": "99999"}, "Choose a member of the panel, or every member"),
        ({"member": "99999999999999999999999"}, "Choose a member of the panel, or every member"),
    ],
)
def test_a_task_with_bad_input_is_refused_in_plain_words(world, sign_in, changes, message):
    response = sign_in(world["staff"]).post(urls(world)["task-add"], task_data(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not PanelTask.objects.filter(title="Score the sample bid").exists()


def test_a_task_cannot_be_given_to_a_member_of_another_panel(world, sign_in):
    other_seat = world["other panel's member"].panel_memberships.get()
    response = sign_in(world["staff"]).post(
        urls(world)["task-add"], task_data(member=str(other_seat.pk))
    )
    assert "Choose a member of the panel, or every member" in response.content.decode()


def grow(world, size: int) -> None:
    """``size`` more meetings (past and coming), papers and tasks, some done."""
    panel, staff = world["panel"], world["staff"]
    for number in range(size):
        past = meeting_for(
            panel, staff, title=f"Past {size}-{number}", days=-30 - number, decisions="Agreed."
        )
        meeting_for(panel, staff, title=f"Coming {size}-{number}", days=30 + number)
        services_workspace.paper_add(
            actor=staff,
            panel=panel,
            title=f"Paper {size}-{number}",
            meeting=past,
            link="https://example.org/",
        )
        task = services_workspace.task_create(
            actor=staff,
            panel=panel,
            title=f"Task {size}-{number}",
            due_on=TODAY(),
            member=world["seat"] if number % 2 else None,
        )
        if number % 3 == 0:
            services_workspace.task_mark_done(
                actor=world["member"], task=task, member=world["seat"]
            )


@pytest.mark.parametrize("who", ["member", "staff"])
@pytest.mark.parametrize("page", ["workspace", "meeting"])
def test_the_workspace_does_the_same_work_for_30_of_everything_as_for_3(world, sign_in, who, page):
    client = sign_in(world[who])
    grow(world, 3)
    few, _response = queries_for(client, urls(world)[page])
    grow(world, 27)
    many, response = queries_for(client, urls(world)[page])
    if page == "workspace":
        assert "Coming 27-26" in response.content.decode()
    no_growth(few, many, ceiling=30, what=f"the {page} for the {who}")


def test_staff_for_another_place_do_not_see_the_workspace(world, sign_in):
    from commonweal.testing.factories import LocalAuthorityFactory

    elsewhere_staff = staff_for(LocalAuthorityFactory())
    assert sign_in(elsewhere_staff).get(urls(world)["workspace"]).status_code == 403
