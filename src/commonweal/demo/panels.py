"""Riverside's citizens' panel: a pool of fictional volunteers, quotas, a selection worked out by the engine
during the load, a public draw from one fixed seed, and a seated panel. The drawn member with the lowest pool
number can sign in with the demo password, so testers can see a member's pages.

The seated panel has a workspace: a meeting held (with what it decided), the next two, papers for
them (links) and tasks for its members, so the member who signs in sees real work to do.

Called by ``services.demo_load`` inside its audit context. The panel is found again by its title and
place; once it is there, loading again only makes sure its members are in place, so nothing is duplicated.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.demo import data
from commonweal.panels import engine, quotas, selection
from commonweal.panels.models import (
    Category,
    Draw,
    Feature,
    Meeting,
    Panel,
    PanelMember,
    PanelTask,
    Paper,
    PoolImport,
    SelectionRun,
    TaskDone,
    Volunteer,
)

TITLE = "Riverside youth services panel"
DESCRIPTION = (
    "Sixteen residents, chosen by lottery, decide what the council's new youth services contract "
    "should achieve and help score the bids."
)
SIZE = 16
POOL_SIZE = 200
SEED = "Riverside draw meeting, 6 5 3 1 4 2"

# Census-like shares for Riverside (fictional), in per cent, and how volunteers differ from them:
# volunteers skew older, owner-occupying and female, as they do in real recruitment.
FEATURES = [
    (
        "Age band",
        {"16 to 29": 24, "30 to 44": 27, "45 to 64": 31, "65 and over": 18},
        {"16 to 29": 0.6, "30 to 44": 0.9, "45 to 64": 1.3, "65 and over": 1.4},
    ),
    ("Sex", {"Female": 51, "Male": 49}, {"Female": 1.2, "Male": 0.85}),
    (
        "Housing tenure",
        {"Owns their home": 45, "Social rent": 30, "Private rent": 25},
        {"Owns their home": 1.4, "Social rent": 0.8, "Private rent": 0.7},
    ),
    ("Disability", {"Disabled": 18, "Not disabled": 82}, {"Disabled": 0.9, "Not disabled": 1.0}),
]
FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chen",
    "Deborah",
    "Emeka",
    "Fatima",
    "George",
    "Hannah",
    "Imran",
    "Joy",
    "Kwame",
    "Laura",
    "Mohammed",
    "Niamh",
    "Olu",
    "Patrick",
    "Qian",
    "Rosa",
    "Sunil",
    "Tanya",
    "Umar",
    "Vera",
    "Wesley",
    "Ximena",
    "Yusuf",
    "Zara",
    "Amir",
    "Bridget",
    "Callum",
    "Dina",
]
LAST_NAMES = [
    "Abbott",
    "Begum",
    "Clarke",
    "Da Silva",
    "Evans",
    "Fofana",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Rahman",
    "Smith",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Yilmaz",
    "Zielinski",
]


def load(*, places, organisations, save) -> dict[str, int]:
    """Load the panel; returns how many people were added to the demo (pool volunteers are not accounts)."""
    borough = places[data.BOROUGH["slug"]]
    commissioner = User.objects.get(email=data.email("commissioner"))
    panel = Panel.objects.filter(title=TITLE, place=borough).first()
    if panel is None:
        panel = _build(borough, commissioner, save)
    _seat(panel, commissioner, save)
    _workspace(panel, commissioner, save)
    return {"people": 0}


def _wards(borough) -> dict[str, int]:
    wards = {name: population for name, population, _about in data.WARDS}
    total = sum(wards.values())
    return {name: Decimal(population * 100) / Decimal(total) for name, population in wards.items()}


def _build(borough, commissioner, save) -> Panel:
    panel = save(
        Panel(place=borough, created_by=commissioner),
        title=TITLE,
        description=DESCRIPTION,
        size=SIZE,
        one_per_household=True,
        status=Panel.Status.POOL_OPEN,
    )
    feature_specs = list(FEATURES) + [("Ward", _wards(borough), {})]
    for position, (name, shares, _skew) in enumerate(feature_specs, start=1):
        feature = save(Feature(panel=panel), name=name, position=position)
        limits = quotas.quotas_from_shares(
            SIZE, {k: Decimal(v) for k, v in shares.items()}, margin=1
        )
        for category_position, (category, (low, high)) in enumerate(limits.items(), start=1):
            save(
                Category(feature=feature),
                name=category,
                position=category_position,
                min_seats=low,
                max_seats=high,
            )
    for number, person in enumerate(_volunteers(feature_specs), start=1):
        save(Volunteer(panel=panel, number=number), **person)
    # The import that brought the pool in, so its page can be seen (the file itself is never kept once imported).
    now = timezone.now()
    save(
        PoolImport(panel=panel, created_by=commissioner),
        file_name="riverside-youth-panel-pool.csv",
        status=PoolImport.Status.DONE,
        rows_total=POOL_SIZE,
        rows_read=POOL_SIZE,
        imported=POOL_SIZE,
        started_at=now,
        finished_at=now,
    )
    _select_and_draw(panel, commissioner, save)
    return panel


def _volunteers(feature_specs) -> list[dict]:
    """The same fictional pool every time: a fixed random seed, skewed like real volunteers."""
    return volunteers(
        feature_specs,
        rng=random.Random(20270601),
        size=POOL_SIZE,
        email=lambda number: f"panel.volunteer{number}@{data.EMAIL_DOMAIN}",
        household=lambda number: f"RH{number:04d}",
    )


def volunteers(feature_specs, *, rng: random.Random, size: int, email, household) -> list[dict]:
    """``size`` fictional volunteers drawn with ``rng``, skewed like real ones (``feature_specs``:
    name, shares and skew of each feature); ``email(number)`` and ``household(number)`` give their
    address and household reference. About one in eight lives with the one before."""
    people, in_household = [], 0
    for number in range(1, size + 1):
        values = {}
        for name, shares, skew in feature_specs:
            categories = list(shares)
            weights = [float(shares[c]) * skew.get(c, 1.0) for c in categories]
            values[name] = rng.choices(categories, weights=weights)[0]
        if number == 1 or rng.random() > 0.125:
            in_household += 1
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        people.append(
            {
                "name": name,
                "email": email(number),
                "household": household(in_household),
                "values": values,
            }
        )
    return people


# The lottery depends only on the pool, the quotas and the seats, which are the same at every load:
# work it out once per process (the test suite loads the demo many times).
_LOTTERIES: dict[tuple, object] = {}


def _lottery(panel: Panel):
    people, limits = engine.people(panel), engine.quotas(panel)
    key = (
        panel.size,
        tuple((p.id, tuple(sorted(p.features.items())), p.household) for p in people),
        tuple(limits),
    )
    if key not in _LOTTERIES:
        # Maximin keeps the load quick; a commissioner can run leximin from the panel page.
        _LOTTERIES[key] = engine.sortition.find_distribution(
            people, limits, panel.size, one_per_household=True, method="maximin", time_limit=30.0
        )
    return _LOTTERIES[key]


def _select_and_draw(panel: Panel, commissioner, save) -> None:
    lottery = _lottery(panel)
    now = timezone.now()
    run = save(
        SelectionRun(panel=panel),
        method=SelectionRun.Method.MAXIMIN,
        time_limit=30,
        status=SelectionRun.Status.FINISHED,
        progress_message="Finished",
        progress_fraction=1.0,
        started_at=now,
        finished_at=now,
        panels=[list(p) for p in lottery.panels],
        probabilities=[float(p) for p in lottery.probabilities],
        selection_probability={str(k): float(v) for k, v in lottery.selection_probability.items()},
        maximin=float(lottery.maximin),
        stages_completed=lottery.stages_completed,
        refinement_finished=bool(lottery.finished),
        seconds=float(lottery.seconds),
        created_by=commissioner,
    )
    selection.distribution_record(
        run, reason=""
    )  # as a finished run records it: one entry with its digest
    # One seed, as at a real draw meeting: whoever it draws is seated.
    seed = SEED
    drawn = engine.draw_from(run, seed)
    save(
        Draw(panel=panel, run=run),
        seed=seed,
        entered_by=commissioner,
        entered_at=now,
        drawn=sorted(int(n) for n in drawn),
        problems=engine.check(panel, drawn),
    )
    panel.status = Panel.Status.DRAWN
    save(panel)


def _seat(panel: Panel, commissioner, save) -> None:
    """An account, the citizen commissioner role for Riverside and a membership for each drawn person.

    Only the first drawn member (lowest pool number) gets the demo password; the others cannot sign in."""
    draw = Draw.objects.filter(panel=panel).first()
    if draw is None:
        return
    for volunteer in panel.pool.filter(number__in=draw.drawn).order_by("number"):
        user = User.objects.filter(email=volunteer.email).first()
        if user is None:
            user = User(email=volunteer.email)
            if volunteer.number == min(draw.drawn):
                user.set_password(data.DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user = save(user, full_name=volunteer.name, is_demo_account=True)
        if not RoleAssignment.objects.filter(
            user=user, role=Role.CITIZEN_COMMISSIONER, place=panel.place
        ).exists():
            save(RoleAssignment(user=user, role=Role.CITIZEN_COMMISSIONER, place=panel.place))
        if not PanelMember.objects.filter(panel=panel, user=user).exists():
            save(PanelMember(panel=panel, user=user, volunteer=volunteer))
    if panel.status != Panel.Status.SEATED:
        panel.status = Panel.Status.SEATED
        save(panel)


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment ``days`` from today, at a time of day where the site is."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _workspace(panel: Panel, commissioner, save) -> None:
    """The seated panel's meetings, papers and tasks, once (dated from the day the demo is loaded)."""
    if panel.status != Panel.Status.SEATED or panel.meetings.exists():
        return
    where = "Riverside Civic Centre, Committee Room 2, 1 Quay Street"
    first = save(
        Meeting(panel=panel, created_by=commissioner),
        title="First meeting: getting to know the work",
        starts_at=_at(-14, 18, 30),
        ends_at=_at(-14, 20, 30),
        location=where,
        agenda="1. Welcome, and how the panel will work\n2. What the youth services contract is for\n"
        "3. What young people told the council last year",
        decisions="The panel agreed its ground rules and chose two members to chair meetings in turn. "
        "It asked to hear from young people themselves at the next meeting.",
    )
    second = save(
        Meeting(panel=panel, created_by=commissioner),
        title="Second meeting: what young people need",
        starts_at=_at(7, 18, 30),
        ends_at=_at(7, 20, 30),
        location=where,
        online_link="https://meet.riverside.example/youth-panel",
        agenda="1. Young people from the Millbrook youth club tell their stories\n"
        "2. The needs raised about youth services in Riverside\n"
        "3. Which outcomes the contract should pay for",
    )
    save(
        Meeting(panel=panel, created_by=commissioner),
        title="Third meeting: how to score the bids",
        starts_at=_at(28, 10),
        ends_at=_at(28, 13),
        online_link="https://meet.riverside.example/youth-panel",
        agenda="1. The scoring criteria, and how much each counts\n2. Practice scoring on a sample bid",
    )
    for meeting, title, summary, link in (
        (
            first,
            "How the panel works",
            "Your role as a citizen commissioner, expenses, and who to contact.",
            "https://www.riverside.example/youth-panel/how-the-panel-works",
        ),
        (
            second,
            "Youth services in Riverside: the facts",
            "Who uses the services now, what they cost and what they achieve. Eight pages.",
            "https://www.riverside.example/youth-panel/facts",
        ),
        (
            second,
            "What young people told us",
            "A summary of 140 young people's answers to the council's survey last year.",
            "https://www.riverside.example/youth-panel/survey",
        ),
    ):
        save(
            Paper(panel=panel, added_by=commissioner),
            meeting=meeting,
            title=title,
            summary=summary,
            link=link,
        )
    members = list(panel.members.select_related("volunteer").order_by("volunteer__number", "pk"))
    read = save(
        PanelTask(panel=panel, created_by=commissioner),
        title="Read the papers for the second meeting",
        instructions="Read “Youth services in Riverside: the facts” and “What young people told us”. "
        "Note one question you would like answered.",
        due_on=timezone.localdate() + datetime.timedelta(days=6),
    )
    save(
        PanelTask(panel=panel, created_by=commissioner),
        title="Say whether you can come to the third meeting",
        instructions="Reply to the panel's email, or tell the chair at the second meeting.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    if members:
        save(
            PanelTask(panel=panel, member=members[0], created_by=commissioner),
            title="Chair the second meeting",
            instructions="Open the meeting, keep it to time and sum up what was agreed. The council's "
            "officer will meet you half an hour before to go through the agenda.",
            due_on=timezone.localdate() + datetime.timedelta(days=7),
        )
    for member in members[1:4]:
        save(TaskDone(task=read, member=member), done_by=member.user, done_at=timezone.now())
