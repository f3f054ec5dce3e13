"""Riverside's needs register, as plain data: needs with evidence, stories, supporters and comments.

Everything here is made up. The people who raise and support needs are the demo people in
``data.PEOPLE`` (by the local part of their email address) and the fictional residents in
``RESIDENTS`` below, who take part in the priority round and cannot sign in.
"""

from datetime import date
from decimal import Decimal

# vocabulary, slug, name: looked up by vocabulary and slug, made if the seed does not have them.
TERMS = [
    ("outcome_area", "housing-and-local-facilities", "Housing and local facilities"),
    ("outcome_area", "mental-health-and-wellbeing", "Mental health and wellbeing"),
    ("outcome_area", "physical-health", "Physical health"),
    ("outcome_area", "family-friends-and-relationships", "Family, friends and relationships"),
    ("outcome_area", "employment-education-and-training", "Employment, education and training"),
    ("outcome_area", "income-and-financial-inclusion", "Income and financial inclusion"),
    ("outcome_area", "citizenship-and-community", "Citizenship and community"),
    ("outcome_area", "arts-heritage-sport-and-faith", "Arts, heritage, sport and faith"),
    (
        "outcome_area",
        "conservation-of-the-natural-environment",
        "Conservation of the natural environment",
    ),
    ("beneficiary_group", "people-who-are-homeless", "People who are homeless"),
    ("beneficiary_group", "people-who-misuse-substances", "People who misuse substances"),
    ("beneficiary_group", "people-with-mental-ill-health", "People with mental ill health"),
    ("beneficiary_group", "people-leaving-prison", "People leaving prison"),
    ("beneficiary_group", "children-in-care", "Children in care"),
    ("beneficiary_group", "care-leavers", "Care leavers"),
    ("beneficiary_group", "older-people", "Older people"),
    (
        "beneficiary_group",
        "young-people-at-risk-of-exploitation",
        "Young people at risk of exploitation",
    ),
    ("beneficiary_group", "carers", "Carers"),
    ("agency", "housing", "Housing"),
    ("agency", "health", "Health"),
    ("agency", "adult-social-care", "Adult social care"),
    ("agency", "childrens-services", "Children's services"),
    ("agency", "police", "Police"),
    ("agency", "probation", "Probation"),
    ("agency", "dwp", "DWP (Jobcentre Plus)"),
    ("agency", "voluntary-sector", "Voluntary sector"),
]

# Short names for the themes used below: (vocabulary, slug).
HOUSING = ("outcome_area", "housing-and-local-facilities")
MENTAL = ("outcome_area", "mental-health-and-wellbeing")
PHYSICAL = ("outcome_area", "physical-health")
FAMILY = ("outcome_area", "family-friends-and-relationships")
WORK = ("outcome_area", "employment-education-and-training")
INCOME = ("outcome_area", "income-and-financial-inclusion")
COMMUNITY = ("outcome_area", "citizenship-and-community")
HOMELESS = ("beneficiary_group", "people-who-are-homeless")
SUBSTANCES = ("beneficiary_group", "people-who-misuse-substances")
MH_GROUP = ("beneficiary_group", "people-with-mental-ill-health")
PRISON = ("beneficiary_group", "people-leaving-prison")
IN_CARE = ("beneficiary_group", "children-in-care")
CARE_LEAVERS = ("beneficiary_group", "care-leavers")
OLDER = ("beneficiary_group", "older-people")
EXPLOITATION = ("beneficiary_group", "young-people-at-risk-of-exploitation")
CARERS = ("beneficiary_group", "carers")

# Fictional residents who vote in the priority round and support needs. They hold the
# resident role for their ward and have no password: nobody signs in as them.
# email local part, full name, ward slug
RESIDENTS = [
    ("amara.okoye", "Amara Okoye", "riverside-old-wharf"),
    ("bill.hendricks", "Bill Hendricks", "riverside-millbrook"),
    ("chen.li", "Chen Li", "riverside-st-annes"),
    ("dorota.nowak", "Dorota Nowak", "riverside-hartfield"),
    ("eddie.flynn", "Eddie Flynn", "riverside-ferry-lane"),
    ("fatima.begum", "Fatima Begum", "riverside-northgate"),
    ("george.pryce", "George Pryce", "riverside-eastmarsh"),
    ("hana.yilmaz", "Hana Yilmaz", "riverside-kingsmead"),
    ("isaac.mensah", "Isaac Mensah", "riverside-canal-side"),
    ("joy.campbell", "Joy Campbell", "riverside-central"),
    ("karl.jensen", "Karl Jensen", "riverside-old-wharf"),
    ("lina.haddad", "Lina Haddad", "riverside-northgate"),
    ("mo.farouk", "Mo Farouk", "riverside-ferry-lane"),
    ("nell.tanner", "Nell Tanner", "riverside-millbrook"),
]
VOTERS = [local_part for local_part, _name, _ward in RESIDENTS]

# Fictional members of voluntary organisations who endorse the outcomes framework. Like the
# residents above, they have no password.
# email local part, full name, organisation slug
VOLUNTEERS = [
    ("chloe.barnes", "Chloe Barnes", "riverside-voluntary-action"),
    ("sunita.rao", "Sunita Rao", "open-door-recovery"),
]

# Public reasons for each step, unless a need gives its own.
STATUS_REASONS = {
    "raised": "Raised on the needs register.",
    "under_review": "The commissioning team is gathering evidence and talking to the services involved.",
    "prioritised": "Agreed as a priority for Riverside.",
    "in_commissioning": "Agreed as a priority. The council is now working out with partners how to fund a response.",
    "addressed": "A service is now running that meets this need. We will keep checking that it works.",
    "not_taken_forward": "Not taken forward for now.",
}


def figure(title, value, unit, source, as_of):
    return {
        "kind": "figure",
        "title": title,
        "value": Decimal(value),
        "unit": unit,
        "source": source,
        "as_of": as_of,
    }


def story(title, text, *, storyteller, publication, consent=True):
    return {
        "kind": "story",
        "title": title,
        "story": text,
        "storyteller": storyteller,
        "publication": publication,
        "consent_given": consent,
    }


def need(
    title,
    where,
    population,
    problem,
    *,
    themes,
    agencies,
    raised_by,
    raised_for=None,
    steps=(),
    supporters=(),
    outcomes=(),
    evidence=(),
    comments=(),
    days_ago=30,
    merged_into=None,
):
    """``steps``: the statuses after "raised", each a status or (status, its public reason)."""
    return {
        "title": title,
        "place": where,
        "population": population,
        "problem": problem,
        "themes": themes,
        "agencies": agencies,
        "raised_by": raised_by,
        "raised_for": raised_for,
        "steps": [
            step if isinstance(step, tuple) else (step, STATUS_REASONS[step]) for step in steps
        ],
        "supporters": list(supporters),
        "outcomes": list(outcomes),
        "evidence": list(evidence),
        "comments": list(comments),
        "days_ago": days_ago,
        "merged_into": merged_into,
    }


NEEDS = [
    # --- Homelessness -----------------------------------------------------------------------------
    need(
        "People sleeping rough near the bus interchange have nowhere to go in the day",
        "riverside-ferry-lane",
        "People sleeping rough around Ferry Lane",
        "The night shelter closes at 8am. People who slept out or in the shelter spend the day at the bus "
        "interchange, with nowhere to wash, charge a phone or see a nurse. Outreach workers cannot find them "
        "again for appointments.",
        themes=[HOUSING, HOMELESS, PHYSICAL],
        agencies=["housing", "health", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="riverside-night-shelter",
        steps=[
            "under_review",
            (
                "prioritised",
                "The co-design session on getting help when things first go wrong "
                "agreed that a day centre near Ferry Lane is needed.",
            ),
        ],
        supporters=["resident", "eddie.flynn", "mo.farouk", "joy.campbell", "amara.okoye"],
        outcomes=["O2"],
        evidence=[
            figure(
                "People seen sleeping rough on the autumn count night",
                "23",
                "people",
                "Riverside Night Shelter street count",
                date(2025, 11, 13),
            ),
            story(
                "Waiting for the doors to open",
                "I used to sit in the bus station from eight in the morning. Security moved me on every hour. "
                "I missed my methadone pick-up twice because I had no way to charge my phone.",
                storyteller="Dean",
                publication="anonymised",
            ),
        ],
        comments=[
            (
                "eddie.flynn",
                "I see the same faces at the interchange every morning. A day centre would help.",
            ),
            (
                "commissioner",
                "Thank you. We are looking at the old library building on Ferry Lane.",
            ),
        ],
        days_ago=150,
    ),
    need(
        "Families are placed in emergency hotels outside the borough for months",
        "riverside",
        "Families with children who become homeless",
        "Families who lose their home are placed in hotels up to two hours away. Children miss school, parents "
        "lose their jobs and their support from family and friends.",
        themes=[HOUSING, FAMILY, HOMELESS],
        agencies=["housing", "childrens-services"],
        raised_by="citizen_commissioner",
        steps=["under_review", "in_commissioning"],
        supporters=["amara.okoye", "fatima.begum", "karl.jensen", "resident"],
        outcomes=["O1"],
        evidence=[
            figure(
                "Families in temporary accommodation outside Riverside",
                "184",
                "households",
                "Riverside Borough Council housing register",
                date(2026, 3, 31),
            ),
            figure(
                "Average stay in a hotel",
                "94",
                "days",
                "Riverside Borough Council housing register",
                date(2026, 3, 31),
            ),
        ],
        days_ago=210,
    ),
    need(
        "Young people leaving supported housing fall back into homelessness",
        "riverside",
        "Young people aged 18 to 25 leaving supported housing",
        "After two years in supported housing, young people move to a private flat with no support. Many lose "
        "the tenancy within a year, often over rent arrears they did not understand.",
        themes=[HOUSING, HOMELESS, INCOME],
        agencies=["housing", "dwp", "voluntary-sector"],
        raised_by="provider_member",
        steps=["under_review"],
        supporters=["chen.li", "joy.campbell"],
        outcomes=["O1"],
        days_ago=95,
    ),
    need(
        "Private renters get eviction notices with nowhere to turn for advice",
        "riverside-hartfield",
        "Private renters in Hartfield",
        "Tenants get no-fault eviction notices and come to the council on the day they must leave. By then it is "
        "too late to save the tenancy or plan a move.",
        themes=[HOUSING, INCOME],
        agencies=["housing", "voluntary-sector"],
        raised_by="resident",
        supporters=["dorota.nowak", "hana.yilmaz"],
        outcomes=["O1"],
        evidence=[
            figure(
                "Households who came to the council after an eviction notice",
                "412",
                "households a year",
                "Riverside homelessness statistics (H-CLIC return)",
                date(2026, 3, 31),
            )
        ],
        days_ago=40,
    ),
    need(
        "Women sleeping rough are hidden and not counted",
        "riverside-central",
        "Women without a home, often sofa surfing or in unsafe places",
        "Women avoid the night shelter and stay with men who exploit them, or ride night buses. Street counts "
        "miss them, so services are planned as if they were not there.",
        themes=[HOUSING, HOMELESS],
        agencies=["housing", "police", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="riverside-night-shelter",
        steps=["under_review"],
        supporters=["joy.campbell", "lina.haddad", "nell.tanner"],
        outcomes=["O2"],
        evidence=[
            story(
                "Night buses",
                "For three months I rode the N47 until it got light. I did not go to the shelter because "
                "it was all men.",
                storyteller="Tasha",
                publication="anonymised",
            )
        ],
        days_ago=120,
    ),
    need(
        "Nowhere safe to store belongings when you lose your home",
        "riverside-central",
        "People who are homeless",
        "People lose their ID, medicines and documents because they have nowhere to keep them. Replacing ID "
        "takes weeks and stops benefit claims.",
        themes=[HOUSING, HOMELESS],
        agencies=["housing", "dwp"],
        raised_by="eddie.flynn",
        steps=[
            (
                "merged",
                "The same need as 'People sleeping rough near the bus interchange have nowhere to go "
                "in the day'. Its supporters and evidence are now there.",
            )
        ],
        merged_into="People sleeping rough near the bus interchange have nowhere to go in the day",
        days_ago=140,
    ),
    # --- Substance misuse ---------------------------------------------------------------------------
    need(
        "People leaving detox have to wait weeks for a place in recovery housing",
        "riverside",
        "Adults finishing detox or rehab",
        "After detox people go back to the flat or the street where they used. The wait for a recovery housing "
        "place is about seven weeks, and most relapse before then.",
        themes=[HOUSING, SUBSTANCES, MENTAL],
        agencies=["health", "housing", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="open-door-recovery",
        steps=["under_review", "prioritised"],
        supporters=[
            "resident",
            "bill.hendricks",
            "george.pryce",
            "karl.jensen",
            "isaac.mensah",
            "mo.farouk",
        ],
        outcomes=["O3", "O1"],
        evidence=[
            figure(
                "Average wait for recovery housing",
                "49",
                "days",
                "Open Door Recovery referral records",
                date(2026, 2, 28),
            ),
            story(
                "Back to the same stairwell",
                "I came out of detox clean for the first time in ten years. They gave me a leaflet and a "
                "bus fare. Within a week I was back in the stairwell where I used to buy.",
                storyteller="Marcus Doyle",
                publication="named",
            ),
        ],
        comments=[
            (
                "bill.hendricks",
                "My son went through this. The weeks after detox were the most dangerous.",
            ),
            (
                "provider_member",
                "We have two flats we could use if there was funding for a support worker.",
            ),
        ],
        days_ago=180,
    ),
    need(
        "Parents who use drugs fear asking for help in case their children are taken into care",
        "riverside",
        "Parents who use drugs or alcohol, and their children",
        "Parents hide their drug or alcohol use from health visitors and schools. By the time anyone knows, "
        "the family is in crisis.",
        themes=[FAMILY, SUBSTANCES],
        agencies=["childrens-services", "health", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="open-door-recovery",
        steps=["under_review"],
        supporters=["fatima.begum", "chen.li"],
        outcomes=["O3", "O8"],
        evidence=[
            story(
                "What I could not say",
                "I wanted to tell the health visitor I was drinking every night. I was sure they would take "
                "my daughter.",
                storyteller="A mother in Canal Side",
                publication="private",
                consent=False,
            )
        ],
        days_ago=75,
    ),
    need(
        "Drug deaths among older men who have used heroin for decades",
        "riverside-old-wharf",
        "Men over 45 with a long history of heroin use",
        "Older drug users have lung and liver disease and live alone. They die at home and are found days "
        "later. Treatment services are built for younger people.",
        themes=[PHYSICAL, SUBSTANCES, OLDER],
        agencies=["health", "adult-social-care"],
        raised_by="commissioner",
        steps=["under_review"],
        supporters=["karl.jensen"],
        outcomes=["O3"],
        evidence=[
            figure(
                "Drug-related deaths in Riverside",
                "31",
                "deaths over three years",
                "Office for National Statistics, deaths related to drug poisoning (fictional local figure)",
                date(2025, 10, 1),
            )
        ],
        days_ago=60,
    ),
    need(
        "No alcohol support in Bengali, Somali or Polish",
        "riverside",
        "People who drink too much and do not speak English well",
        "Alcohol groups are only in English. People come to A&E again and again instead.",
        themes=[SUBSTANCES, PHYSICAL],
        agencies=["health", "voluntary-sector"],
        raised_by="dorota.nowak",
        supporters=["hana.yilmaz", "fatima.begum"],
        outcomes=["O3"],
        days_ago=20,
    ),
    need(
        "Needle exchange closes at 5pm",
        "riverside-central",
        "People who inject drugs",
        "The only needle exchange closes at 5pm and all weekend. People share needles in the evening.",
        themes=[SUBSTANCES, PHYSICAL],
        agencies=["health"],
        raised_by="provider_member",
        steps=[
            "under_review",
            (
                "addressed",
                "The pharmacy on the High Street now runs a needle exchange until "
                "10pm every day, paid for by public health from April 2026.",
            ),
        ],
        supporters=["joy.campbell"],
        outcomes=["O3"],
        days_ago=300,
    ),
    # --- Mental health ----------------------------------------------------------------------------------
    need(
        "People in a mental health crisis at night end up in A&E or a police cell",
        "riverside",
        "Adults in a mental health crisis out of hours",
        "After 6pm the only places to go are A&E or, if the police are called, a cell. People wait twelve hours "
        "in A&E with nobody to talk to.",
        themes=[MENTAL, MH_GROUP],
        agencies=["health", "police", "voluntary-sector"],
        raised_by="resident",
        steps=["under_review", "prioritised"],
        supporters=[
            "amara.okoye",
            "chen.li",
            "dorota.nowak",
            "george.pryce",
            "hana.yilmaz",
            "joy.campbell",
            "lina.haddad",
        ],
        outcomes=["O4"],
        evidence=[
            figure(
                "Mental health crisis attendances at St Anne's A&E after 6pm",
                "1420",
                "attendances a year",
                "Riverside Health NHS Trust",
                date(2026, 3, 31),
            ),
            figure(
                "People detained under section 136 and held in a police station",
                "17",
                "people a year",
                "Riverside Police",
                date(2026, 3, 31),
            ),
            story(
                "Twelve hours on a plastic chair",
                "I went to A&E because I was scared of what I would do. I sat there from ten at night "
                "until the morning. Nobody asked how I was.",
                storyteller="Jo",
                publication="anonymised",
            ),
        ],
        comments=[
            ("chen.li", "The crisis café in Riverside Central is great but it closes at 11pm."),
            (
                "commissioner",
                "This came out top in the priority round. We are talking to the NHS trust.",
            ),
        ],
        days_ago=200,
    ),
    need(
        "Children wait over a year for mental health support",
        "riverside",
        "Children and young people with anxiety and depression",
        "Children referred by their GP or school wait more than a year for a first appointment. Schools are "
        "left to cope on their own.",
        themes=[MENTAL, FAMILY],
        agencies=["health", "childrens-services"],
        raised_by="citizen_commissioner",
        steps=["under_review"],
        supporters=["isaac.mensah", "fatima.begum", "nell.tanner"],
        outcomes=["O4"],
        evidence=[
            figure(
                "Median wait for a first appointment with children's mental health services",
                "58",
                "weeks",
                "Riverside Health NHS Trust waiting list",
                date(2026, 3, 31),
            )
        ],
        days_ago=110,
    ),
    need(
        "Counselling is only available in working hours",
        "riverside-kingsmead",
        "Working adults with low mood or anxiety",
        "Low-cost counselling is nine to five. People in shift work or with childcare cannot go.",
        themes=[MENTAL, WORK],
        agencies=["health", "voluntary-sector"],
        raised_by="hana.yilmaz",
        steps=[
            (
                "not_taken_forward",
                "Kingsmead Counselling Service and the NHS talking therapies service now both "
                "offer evening sessions, so no new service is needed. Raise it again if you "
                "still cannot get an appointment.",
            )
        ],
        outcomes=["O4"],
        days_ago=250,
    ),
    need(
        "Men in their 40s and 50s do not come forward until they are at crisis point",
        "riverside-northgate",
        "Men aged 40 to 60, often living alone or recently separated",
        "Men in Northgate tell us they would never see a GP about their mental health. Suicide rates among "
        "middle-aged men are the highest of any group.",
        themes=[MENTAL, MH_GROUP, COMMUNITY],
        agencies=["health", "voluntary-sector"],
        raised_by="fatima.begum",
        supporters=["lina.haddad", "george.pryce"],
        outcomes=["O4"],
        days_ago=15,
    ),
    need(
        "Debt is making people ill and nobody joins it up",
        "riverside",
        "People in problem debt",
        "GPs see people whose anxiety comes from debt but cannot refer them to debt advice. The advice centre has "
        "a six week wait.",
        themes=[MENTAL, INCOME],
        agencies=["health", "dwp", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="riverside-law-centre",
        steps=["under_review"],
        supporters=["dorota.nowak"],
        days_ago=70,
    ),
    # --- Offending ---------------------------------------------------------------------------------------
    need(
        "People released from prison on a Friday have no home and no money until Monday",
        "riverside",
        "People leaving prison",
        "People are released on a Friday afternoon with a discharge grant and no address. The council and the "
        "Jobcentre are closed. Many sleep rough and some reoffend that weekend.",
        themes=[HOUSING, PRISON, HOMELESS],
        agencies=["probation", "housing", "dwp"],
        raised_by="administrator",
        raised_for="wharf-works",
        steps=["under_review"],
        supporters=["mo.farouk", "karl.jensen", "eddie.flynn"],
        outcomes=["O6", "O1"],
        evidence=[
            figure(
                "People released to Riverside with no fixed address",
                "68",
                "people a year",
                "Probation Service, Riverside delivery unit",
                date(2026, 3, 31),
            ),
            story(
                "Out on a Friday",
                "They let me out at 3pm with £82. By the time I got to Riverside the housing office had "
                "shut. I slept in the park.",
                storyteller="Femi",
                publication="anonymised",
            ),
        ],
        days_ago=130,
    ),
    need(
        "Ex-offenders cannot get work because of their record",
        "riverside",
        "People with a criminal record looking for work",
        "Local employers turn people down as soon as they see a conviction, even an old one. Without work, "
        "reoffending is far more likely.",
        themes=[WORK, PRISON],
        agencies=["probation", "dwp", "voluntary-sector"],
        raised_by="administrator",
        steps=["under_review", "in_commissioning"],
        supporters=["mo.farouk", "isaac.mensah"],
        outcomes=["O6", "O10"],
        evidence=[
            figure(
                "People on probation in Riverside in work six months after release",
                "21",
                "%",
                "Probation Service, Riverside delivery unit",
                date(2026, 3, 31),
            )
        ],
        days_ago=240,
    ),
    need(
        "Young people's first offence leads to a criminal record instead of help",
        "riverside",
        "Young people aged 10 to 17 arrested for the first time",
        "Young people caught for a first, minor offence are charged rather than diverted. Families and schools "
        "are not told what happened or how to help.",
        themes=[FAMILY, EXPLOITATION],
        agencies=["police", "childrens-services"],
        raised_by="citizen_commissioner",
        supporters=["amara.okoye"],
        days_ago=25,
    ),
    need(
        "Women on probation have to report to an office full of men",
        "riverside-central",
        "Women on probation, many of them survivors of abuse",
        "Women must report at the probation office, often next to the men who abused them. Many miss "
        "appointments and are recalled to prison.",
        themes=[PRISON, MENTAL],
        agencies=["probation", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="safe-harbour-riverside",
        steps=["under_review"],
        supporters=["joy.campbell", "lina.haddad"],
        outcomes=["O6"],
        days_ago=85,
    ),
    # --- Exploitation ------------------------------------------------------------------------------------
    need(
        "Teenagers are groomed to carry drugs between Riverside and the coast",
        "riverside-northgate",
        "Young people aged 12 to 17, especially those excluded from school",
        "Older dealers recruit children at the bus interchange and on social media to carry drugs out of London. "
        "Parents do not know where to turn when their child goes missing.",
        themes=[FAMILY, EXPLOITATION, SUBSTANCES],
        agencies=["police", "childrens-services", "voluntary-sector"],
        raised_by="commissioner",
        steps=[
            "under_review",
            (
                "prioritised",
                "Agreed as a priority by the Riverside Community Safety Partnership, "
                "with the police, children's services and youth workers.",
            ),
        ],
        supporters=["fatima.begum", "lina.haddad", "isaac.mensah", "amara.okoye", "resident"],
        outcomes=["O7"],
        evidence=[
            figure(
                "Children in Riverside referred for criminal exploitation",
                "57",
                "children a year",
                "Riverside multi-agency safeguarding hub",
                date(2026, 3, 31),
            ),
            story(
                "He said it was easy money",
                "My son was fourteen. A man gave him new trainers and a phone. Three weeks later he was "
                "found in a flat in Margate.",
                storyteller="A parent in Northgate",
                publication="anonymised",
            ),
        ],
        comments=[
            (
                "lina.haddad",
                "The youth club used to be open till ten. Now there is nothing for them in the evening.",
            )
        ],
        days_ago=160,
    ),
    need(
        "Children who go missing are not asked why when they come home",
        "riverside",
        "Children who go missing from home or care",
        "Return home interviews happen weeks later, if at all. The chance to find out who is exploiting the "
        "child is lost.",
        themes=[FAMILY, EXPLOITATION, IN_CARE],
        agencies=["childrens-services", "police"],
        raised_by="provider_member",
        raised_for="fresh-start-families",
        steps=["under_review"],
        supporters=["nell.tanner"],
        outcomes=["O7"],
        evidence=[
            figure(
                "Return home interviews done within 72 hours",
                "38",
                "%",
                "Riverside children's services performance report",
                date(2026, 3, 31),
            )
        ],
        days_ago=90,
    ),
    need(
        "Nowhere for young people to go in the evening on Northgate Heights",
        "riverside-northgate-heights",
        "Young people living on Northgate Heights",
        "The youth centre closed in 2019. Young people hang around the stairwells, where dealers find them.",
        themes=[COMMUNITY, EXPLOITATION],
        agencies=["childrens-services", "voluntary-sector"],
        raised_by="lina.haddad",
        supporters=["fatima.begum", "resident"],
        outcomes=["O7"],
        days_ago=12,
    ),
    need(
        "Adults with learning disabilities are being cuckooed in their own flats",
        "riverside-old-wharf",
        "Adults with learning disabilities living alone",
        "Dealers take over the flats of vulnerable adults to sell drugs from. Neighbours report it but nobody "
        "acts until there is a raid.",
        themes=[HOUSING, EXPLOITATION],
        agencies=["police", "adult-social-care", "housing"],
        raised_by="karl.jensen",
        steps=["under_review"],
        supporters=["amara.okoye"],
        days_ago=55,
    ),
    need(
        "Young women exploited in private flats above shops",
        "riverside-central",
        "Young women exploited for sex",
        "Outreach workers see young women moved between flats above the High Street. They do not trust the police.",
        themes=[MENTAL, PHYSICAL, EXPLOITATION],
        agencies=["police", "health", "voluntary-sector"],
        raised_by="provider_member",
        raised_for="safe-harbour-riverside",
        days_ago=8,
    ),
    # --- Children in care ------------------------------------------------------------------------------
    need(
        "Children in care are placed miles away from their school and family",
        "riverside",
        "Children in care",
        "There are not enough foster carers in Riverside, so children are placed in other counties. They change "
        "school and lose touch with brothers, sisters and friends.",
        themes=[FAMILY, IN_CARE],
        agencies=["childrens-services"],
        raised_by="commissioner",
        steps=["under_review", "in_commissioning"],
        supporters=["nell.tanner", "isaac.mensah", "chen.li"],
        outcomes=["O8"],
        evidence=[
            figure(
                "Children in care placed more than 20 miles from home",
                "41",
                "%",
                "Department for Education children looked after return (fictional local figure)",
                date(2026, 3, 31),
            ),
            story(
                "Three schools in one year",
                "I moved foster homes three times. Each time I had to start a new school and make new "
                "friends. I stopped bothering.",
                storyteller="Kayla Brown",
                publication="named",
            ),
        ],
        days_ago=270,
    ),
    need(
        "Care leavers are left alone at 18 with a flat and no furniture",
        "riverside",
        "Young people leaving care",
        "Care leavers get a flat with no cooker or bed and the first bills arrive within a month. Many fall "
        "into debt and lose the tenancy.",
        themes=[HOUSING, INCOME, CARE_LEAVERS],
        agencies=["childrens-services", "housing", "dwp"],
        raised_by="citizen_commissioner",
        steps=[
            "under_review",
            (
                "prioritised",
                "Agreed as a priority by the Corporate Parenting Board, after care "
                "leavers told it what happened to them.",
            ),
        ],
        supporters=["resident", "chen.li", "joy.campbell", "nell.tanner"],
        outcomes=["O9"],
        evidence=[
            figure(
                "Care leavers aged 19 to 21 in suitable accommodation",
                "79",
                "%",
                "Department for Education care leavers return (fictional local figure)",
                date(2026, 3, 31),
            ),
            story(
                "An empty flat",
                "I got the keys on my birthday. There was nothing in it. I slept on the floor for a month.",
                storyteller="Jay",
                publication="anonymised",
            ),
        ],
        days_ago=190,
    ),
    need(
        "Care leavers drop out of college in the first term",
        "riverside",
        "Care leavers aged 16 to 21",
        "Care leavers start college but drop out before Christmas, often because of money or housing problems.",
        themes=[WORK, CARE_LEAVERS],
        agencies=["childrens-services", "voluntary-sector"],
        raised_by="resident",
        steps=["under_review"],
        supporters=["isaac.mensah"],
        outcomes=["O9", "O10"],
        days_ago=65,
    ),
    need(
        "Brothers and sisters in care are split up",
        "riverside",
        "Brothers and sisters in care",
        "Siblings are placed in different homes because no carer can take them all. Some see each other once a month.",
        themes=[FAMILY, IN_CARE],
        agencies=["childrens-services"],
        raised_by="nell.tanner",
        steps=[
            (
                "merged",
                "The same need as 'Children in care are placed miles away from their school and "
                "family'. Its supporters and evidence are now there.",
            )
        ],
        merged_into="Children in care are placed miles away from their school and family",
        days_ago=100,
    ),
    need(
        "Young carers miss school to look after a parent",
        "riverside-st-annes",
        "Children who care for a parent or sibling",
        "Young carers are late or absent and get into trouble at school, which does not know they are carers.",
        themes=[FAMILY, WORK, CARERS],
        agencies=["childrens-services", "adult-social-care", "voluntary-sector"],
        raised_by="chen.li",
        supporters=["nell.tanner"],
        days_ago=30,
    ),
    # --- Older people ---------------------------------------------------------------------------------
    need(
        "Older people in Millbrook are lonely and cut off",
        "riverside-millbrook",
        "People over 75 living alone in Millbrook",
        "Since the bus route was cut and the day centre closed, many older people go days without speaking to "
        "anyone. Loneliness is making them ill.",
        themes=[COMMUNITY, MENTAL, OLDER],
        agencies=["adult-social-care", "health", "voluntary-sector"],
        raised_by="resident",
        steps=["under_review"],
        supporters=["bill.hendricks", "nell.tanner", "george.pryce", "dorota.nowak"],
        outcomes=["O5"],
        evidence=[
            figure(
                "People over 75 living alone in Millbrook",
                "1240",
                "people",
                "Census 2021 (fictional local figure)",
                date(2021, 3, 21),
            ),
            story(
                "The days are long",
                "Since my husband died, the milkman is the only person I talk to some weeks.",
                storyteller="Edna Walsh",
                publication="named",
            ),
        ],
        comments=[
            (
                "bill.hendricks",
                "The lunch club at the forum is full every week. We need more of them.",
            )
        ],
        days_ago=175,
    ),
    need(
        "Older people are discharged from hospital with no care at home",
        "riverside",
        "Older people leaving St Anne's Hospital",
        "Older people go home from hospital before their care starts. Some fall and are back in A&E within days.",
        themes=[PHYSICAL, OLDER],
        agencies=["health", "adult-social-care"],
        raised_by="commissioner",
        steps=["under_review", "in_commissioning"],
        supporters=["bill.hendricks", "george.pryce"],
        outcomes=["O5"],
        evidence=[
            figure(
                "Older people readmitted within 30 days of discharge",
                "19",
                "%",
                "Riverside Health NHS Trust",
                date(2026, 3, 31),
            )
        ],
        days_ago=220,
    ),
    need(
        "Falls at home are the main reason older people go into a care home",
        "riverside",
        "People over 65",
        "A fall at home is often the start of losing independence. Simple changes at home and strength classes "
        "could prevent many of them.",
        themes=[PHYSICAL, OLDER],
        agencies=["health", "adult-social-care", "housing"],
        raised_by="provider_member",
        raised_for="riverside-community-health",
        steps=[
            "under_review",
            (
                "addressed",
                "The falls prevention service now visits every older person after a "
                "first fall, within two weeks.",
            ),
        ],
        supporters=["bill.hendricks"],
        outcomes=["O5"],
        days_ago=320,
    ),
    need(
        "Unpaid carers of people with dementia get no break",
        "riverside-eastmarsh",
        "Carers of people with dementia",
        "Carers look after a husband or wife with dementia day and night. Respite is booked up months ahead.",
        themes=[FAMILY, MENTAL, CARERS, OLDER],
        agencies=["adult-social-care", "health", "voluntary-sector"],
        raised_by="george.pryce",
        steps=["under_review"],
        supporters=["bill.hendricks", "nell.tanner"],
        outcomes=["O5"],
        evidence=[
            story(
                "Twenty-four hours a day",
                "I have not had a full night's sleep in two years. I love him, but I am so tired.",
                storyteller="Pat",
                publication="anonymised",
            )
        ],
        days_ago=80,
    ),
    need(
        "Older people cannot get online to book GP appointments",
        "riverside-kingsmead",
        "Older people without the internet",
        "GP surgeries now ask people to book online. Older people without a smartphone cannot get through.",
        themes=[PHYSICAL, OLDER, COMMUNITY],
        agencies=["health", "voluntary-sector"],
        raised_by="bill.hendricks",
        steps=[
            (
                "not_taken_forward",
                "Both Kingsmead surgeries have agreed to keep a phone line and a reception "
                "desk for booking. The Older People's Forum's digital help desk helps too.",
            )
        ],
        days_ago=230,
    ),
    need(
        "Older people cannot afford to heat their homes",
        "riverside-canal-side",
        "Older people on low incomes",
        "Older people sit in one cold room in winter. Many do not claim the pension credit they are owed.",
        themes=[HOUSING, INCOME, OLDER, PHYSICAL],
        agencies=["adult-social-care", "dwp", "voluntary-sector"],
        raised_by="isaac.mensah",
        supporters=["george.pryce", "bill.hendricks"],
        days_ago=18,
    ),
    # --- Across the silos --------------------------------------------------------------------------------
    need(
        "People with several problems are passed between services",
        "riverside",
        "Adults facing homelessness, addiction, mental ill health and offending at once",
        "One person can have six keyworkers from six services, each with its own assessment. Nobody holds the "
        "whole picture and people give up.",
        themes=[HOUSING, MENTAL, HOMELESS, SUBSTANCES, PRISON],
        agencies=[
            "housing",
            "health",
            "adult-social-care",
            "police",
            "probation",
            "voluntary-sector",
        ],
        raised_by="provider_member",
        raised_for="riverside-voluntary-action",
        steps=["under_review"],
        supporters=["resident", "eddie.flynn", "karl.jensen"],
        outcomes=["O1", "O3", "O6"],
        evidence=[
            story(
                "Six workers, no help",
                "I had a housing officer, a drugs worker, a probation officer, a mental health nurse, a "
                "Jobcentre coach and a GP. None of them talked to each other.",
                storyteller="Ray",
                publication="anonymised",
            )
        ],
        days_ago=145,
    ),
    need(
        "People lose benefits when they go into hospital or prison",
        "riverside",
        "People on benefits who go into hospital or prison",
        "Benefits stop and the rent is not paid, so people lose their home while they are away.",
        themes=[INCOME, HOUSING, PRISON],
        agencies=["dwp", "housing", "probation", "health"],
        raised_by="provider_member",
        raised_for="riverside-law-centre",
        days_ago=35,
    ),
    need(
        "Long-term unemployed people on the Wharf Estate cannot find work that fits round caring",
        "riverside-wharf-estate",
        "Long-term unemployed adults, many of them parents and carers",
        "Jobs on offer are shifts that change every week. Parents and carers cannot arrange childcare around them.",
        themes=[WORK, INCOME, CARERS],
        agencies=["dwp", "voluntary-sector"],
        raised_by="administrator",
        raised_for="wharf-works",
        steps=["under_review"],
        supporters=["amara.okoye", "karl.jensen"],
        outcomes=["O10"],
        days_ago=50,
    ),
    need(
        "Refugees wait months to start English classes",
        "riverside-kingsmead",
        "Refugees and people seeking asylum",
        "The waiting list for English classes is six months. Without English, people cannot work or get help.",
        themes=[WORK, COMMUNITY],
        agencies=["voluntary-sector", "dwp"],
        raised_by="hana.yilmaz",
        supporters=["chen.li"],
        days_ago=5,
    ),
]

# The needs linked to sessions and the round are named by title.
