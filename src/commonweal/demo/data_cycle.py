"""Riverside's common outcomes framework, co-design sessions and priority round, as plain data.

Needs are named by their titles in ``data_needs.NEEDS``; outcomes by their codes; people by the
local part of their email address; organisations by their short names.
"""

from datetime import date
from decimal import Decimal

ALL_CHARACTERISTICS = ["age", "disability", "race", "religion_belief", "sex", "sexual_orientation"]
EQUALITY = [*ALL_CHARACTERISTICS, "ward", "deprivation"]


def indicator(
    code,
    name,
    definition,
    unit,
    direction,
    baseline,
    baseline_date,
    target,
    target_date,
    source,
    frequency,
    validation,
    breakdowns=EQUALITY,
):
    return {
        "code": code,
        "name": name,
        "definition": definition,
        "unit": unit,
        "direction": direction,
        "baseline_value": Decimal(baseline),
        "baseline_date": baseline_date,
        "target_value": Decimal(target),
        "target_date": target_date,
        "data_source": source,
        "frequency": frequency,
        "validation_method": validation,
        "breakdowns": list(breakdowns),
    }


B = date(2025, 3, 31)  # the baseline: the end of the 2024-25 financial year
T = date(2029, 3, 31)  # the target: the end of the 2028-29 financial year
CASE_AUDIT = "A sample of one record in ten is checked against case files by the council's performance team each quarter."
SURVEY = "Results are weighted to the population by age, sex and ward; the method is published with the results."
OFFICIAL = "Taken from the official return as published; the council checks its own submission before it is sent."

FRAMEWORK = {
    "slug": "riverside-common-outcomes",
    "name": "Riverside common outcomes framework",
    "summary": (
        "The outcomes that Riverside's public bodies and voluntary sector agreed to work towards together for "
        "people-focused services, and how we will know they are being achieved. Every grant and contract for "
        "these services reports against it."
    ),
    "owner": "riverside-borough-council",
    "change_note": "The first version, agreed at the Riverside outcomes summit with 40 local organisations.",
    "endorsed_by": [
        (
            "riverside-voluntary-action",
            "chloe.barnes",
            "Agreed by our members' assembly. The indicators measure what matters to people, not just activity.",
        ),
        (
            "riverside-night-shelter",
            "provider_member",
            "We will use these outcomes for all our services.",
        ),
        (
            "open-door-recovery",
            "sunita.rao",
            "Endorsed by our board of trustees, including two people in recovery.",
        ),
    ],
    # area code, name, [outcomes: code, title, description, [indicators]]
    "areas": [
        (
            "A1",
            "A home and a place in the community",
            [
                (
                    "O1",
                    "People have a safe, settled home",
                    "People live somewhere they choose, can afford and can stay.",
                    [
                        indicator(
                            "I1",
                            "Households prevented from becoming homeless",
                            "Households owed a prevention duty whose homelessness was prevented, as a share of all "
                            "households owed that duty in the year.",
                            "%",
                            "higher",
                            "52",
                            B,
                            "65",
                            T,
                            "Homelessness case management system (H-CLIC return)",
                            "quarterly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I2",
                            "Families in temporary accommodation outside Riverside",
                            "Households with children in temporary accommodation outside the borough on the last day "
                            "of the quarter.",
                            "households",
                            "lower",
                            "184",
                            B,
                            "50",
                            T,
                            "Riverside housing register",
                            "quarterly",
                            CASE_AUDIT,
                            ["ward", "race", "disability"],
                        ),
                        indicator(
                            "I3",
                            "Tenancies still held after 12 months",
                            "People who were homeless and moved into a tenancy with support, who still hold it 12 months "
                            "later.",
                            "%",
                            "higher",
                            "71",
                            B,
                            "85",
                            T,
                            "Provider returns, checked against landlord records",
                            "twice_yearly",
                            CASE_AUDIT,
                        ),
                    ],
                ),
                (
                    "O2",
                    "Nobody has to sleep rough",
                    "Nobody sleeps rough for more than one night, and nobody returns to the street.",
                    [
                        indicator(
                            "I4",
                            "People seen sleeping rough on a single night",
                            "People counted sleeping rough on the autumn count night, by the method of the national "
                            "rough sleeping snapshot.",
                            "people",
                            "lower",
                            "23",
                            date(2024, 11, 14),
                            "5",
                            T,
                            "Rough sleeping snapshot",
                            "yearly",
                            "The count is verified by an independent observer from a neighbouring borough.",
                            ["age", "sex", "race"],
                        ),
                        indicator(
                            "I5",
                            "People new to the street who spend a second night out",
                            "People seen sleeping rough for the first time who are seen sleeping rough again within "
                            "the month.",
                            "%",
                            "lower",
                            "38",
                            B,
                            "10",
                            T,
                            "Outreach team's case records",
                            "monthly",
                            CASE_AUDIT,
                            ["age", "sex", "race"],
                        ),
                    ],
                ),
            ],
        ),
        (
            "A2",
            "Health and wellbeing",
            [
                (
                    "O3",
                    "People recover from drug and alcohol problems",
                    "People stop or control their use and rebuild their lives, and fewer people die.",
                    [
                        indicator(
                            "I6",
                            "People who complete treatment and do not return within six months",
                            "Adults leaving structured treatment free of dependence who do not re-present within six "
                            "months, as a share of all adults in treatment.",
                            "%",
                            "higher",
                            "14",
                            B,
                            "22",
                            T,
                            "National Drug Treatment Monitoring System",
                            "quarterly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I7",
                            "Drug-related deaths",
                            "Deaths related to drug poisoning of Riverside residents, three-year rolling total.",
                            "deaths",
                            "lower",
                            "31",
                            B,
                            "20",
                            T,
                            "Office for National Statistics",
                            "yearly",
                            OFFICIAL,
                            ["age", "sex", "deprivation"],
                        ),
                        indicator(
                            "I8",
                            "People leaving detox who start recovery housing within a week",
                            "People completing inpatient detox who move into recovery housing within seven days.",
                            "%",
                            "higher",
                            "18",
                            B,
                            "75",
                            T,
                            "Provider returns",
                            "quarterly",
                            CASE_AUDIT,
                        ),
                    ],
                ),
                (
                    "O4",
                    "People in a mental health crisis get help quickly",
                    "People in crisis get calm, safe help close to home, at any hour.",
                    [
                        indicator(
                            "I9",
                            "Crisis attendances at A&E after 6pm",
                            "Attendances at St Anne's A&E with a mental health crisis between 6pm and 8am.",
                            "attendances",
                            "lower",
                            "1420",
                            B,
                            "900",
                            T,
                            "Riverside Health NHS Trust",
                            "monthly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I10",
                            "People held in a police cell as a place of safety",
                            "People detained under section 136 of the Mental Health Act and taken to a police station.",
                            "people",
                            "lower",
                            "17",
                            B,
                            "0",
                            T,
                            "Riverside Police",
                            "quarterly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I11",
                            "People who say the crisis service helped",
                            "People using a crisis service who answer 'yes' to 'Did you get the help you needed?'",
                            "%",
                            "higher",
                            "61",
                            B,
                            "85",
                            T,
                            "Crisis service feedback survey",
                            "quarterly",
                            SURVEY,
                        ),
                    ],
                ),
                (
                    "O5",
                    "Older people stay well and connected at home",
                    "Older people live at home for as long as they want, safe, well and in touch with others.",
                    [
                        indicator(
                            "I12",
                            "Older people who say they are often lonely",
                            "People over 65 answering 'often or always' to 'How often do you feel lonely?'",
                            "%",
                            "lower",
                            "14",
                            B,
                            "9",
                            T,
                            "Riverside residents' survey",
                            "yearly",
                            SURVEY,
                        ),
                        indicator(
                            "I13",
                            "Emergency admissions after a fall",
                            "Emergency hospital admissions after a fall, people over 65, per 100,000.",
                            "per 100,000",
                            "lower",
                            "2210",
                            B,
                            "1800",
                            T,
                            "Office for Health Improvement and Disparities, fingertips",
                            "yearly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I14",
                            "Older people readmitted within 30 days",
                            "People over 65 discharged from hospital and readmitted as an emergency within 30 days.",
                            "%",
                            "lower",
                            "19",
                            B,
                            "12",
                            T,
                            "Riverside Health NHS Trust",
                            "quarterly",
                            OFFICIAL,
                        ),
                    ],
                ),
            ],
        ),
        (
            "A3",
            "Safety and justice",
            [
                (
                    "O6",
                    "People leaving prison settle and do not reoffend",
                    "People leaving prison have a home, an income and support, and do not go back.",
                    [
                        indicator(
                            "I15",
                            "People released with somewhere to live",
                            "People released from prison to Riverside who have settled accommodation on the night of "
                            "release.",
                            "%",
                            "higher",
                            "46",
                            B,
                            "80",
                            T,
                            "Probation Service",
                            "quarterly",
                            OFFICIAL,
                            ["age", "sex", "race", "disability"],
                        ),
                        indicator(
                            "I16",
                            "Proven reoffending within a year",
                            "People released or starting a community sentence who commit a proven offence within "
                            "12 months.",
                            "%",
                            "lower",
                            "29",
                            B,
                            "22",
                            T,
                            "Ministry of Justice proven reoffending statistics",
                            "yearly",
                            OFFICIAL,
                            ["age", "sex", "race"],
                        ),
                    ],
                ),
                (
                    "O7",
                    "Children and young people are safe from exploitation",
                    "Children are protected from criminal and sexual exploitation, and get help early.",
                    [
                        indicator(
                            "I17",
                            "Children referred for criminal exploitation",
                            "Children referred to the safeguarding hub with concerns of criminal exploitation.",
                            "children",
                            "lower",
                            "57",
                            B,
                            "35",
                            T,
                            "Multi-agency safeguarding hub",
                            "quarterly",
                            CASE_AUDIT,
                            ["age", "sex", "race", "ward"],
                        ),
                        indicator(
                            "I18",
                            "Return home interviews within 72 hours",
                            "Children returning after going missing who are offered an interview within 72 hours.",
                            "%",
                            "higher",
                            "38",
                            B,
                            "90",
                            T,
                            "Children's services case records",
                            "monthly",
                            CASE_AUDIT,
                        ),
                        indicator(
                            "I19",
                            "First-time entrants to the youth justice system",
                            "Young people aged 10 to 17 receiving their first caution or conviction, per 100,000.",
                            "per 100,000",
                            "lower",
                            "241",
                            B,
                            "160",
                            T,
                            "Youth Justice Board",
                            "yearly",
                            OFFICIAL,
                            ["age", "sex", "race", "ward"],
                        ),
                    ],
                ),
            ],
        ),
        (
            "A4",
            "Children, families and care",
            [
                (
                    "O8",
                    "Children in care have stable homes close to their families",
                    "Children in care live with carers who stay, near their school, brothers and sisters.",
                    [
                        indicator(
                            "I20",
                            "Children in care placed more than 20 miles away",
                            "Children in care placed more than 20 miles from the address they were taken into care from.",
                            "%",
                            "lower",
                            "41",
                            B,
                            "20",
                            T,
                            "Children looked after return",
                            "yearly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I21",
                            "Children with three or more moves in the year",
                            "Children in care who had three or more placements during the year.",
                            "%",
                            "lower",
                            "11",
                            B,
                            "6",
                            T,
                            "Children looked after return",
                            "yearly",
                            OFFICIAL,
                        ),
                    ],
                ),
                (
                    "O9",
                    "Care leavers move into a home, work or learning",
                    "Young people leaving care have a home of their own, an income and a future.",
                    [
                        indicator(
                            "I22",
                            "Care leavers in suitable accommodation",
                            "Care leavers aged 19 to 21 in accommodation judged suitable.",
                            "%",
                            "higher",
                            "79",
                            B,
                            "95",
                            T,
                            "Care leavers return",
                            "yearly",
                            OFFICIAL,
                        ),
                        indicator(
                            "I23",
                            "Care leavers in education, employment or training",
                            "Care leavers aged 19 to 21 in education, employment or training.",
                            "%",
                            "higher",
                            "48",
                            B,
                            "65",
                            T,
                            "Care leavers return",
                            "yearly",
                            OFFICIAL,
                        ),
                    ],
                ),
            ],
        ),
        (
            "A5",
            "Work and money",
            [
                (
                    "O10",
                    "People find and keep good work",
                    "People who have been out of work find a job that pays fairly and fits their life, and keep it.",
                    [
                        indicator(
                            "I24",
                            "People supported into work who are still in work after six months",
                            "People starting work with help from a funded programme who are in work 26 weeks later.",
                            "%",
                            "higher",
                            "44",
                            B,
                            "60",
                            T,
                            "Provider returns, checked against payroll evidence",
                            "quarterly",
                            CASE_AUDIT,
                        ),
                        indicator(
                            "I25",
                            "Residents paid less than the London Living Wage",
                            "Jobs held by Riverside residents paid below the London Living Wage.",
                            "%",
                            "lower",
                            "21",
                            B,
                            "15",
                            T,
                            "Annual Survey of Hours and Earnings",
                            "yearly",
                            OFFICIAL,
                            ["age", "sex", "disability", "race"],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

# Each need's outcomes are in data_needs; these are the outcomes each session worked on.
SESSIONS = [
    {
        "title": "Getting help when things first go wrong: homelessness, drugs and alcohol",
        "kind": "workshop",
        "days_ago": 120,
        "location": "Riverside Central Library, community room",
        "organised_by": "riverside-borough-council",
        "created_by": "commissioner",
        "agenda": (
            "1. What people told us: stories from the needs register\n"
            "2. Where help breaks down: a walk through one person's year\n"
            "3. What good would look like: outcomes we want\n"
            "4. What we agree to do next"
        ),
        "notes": (
            "Twenty-two people came. Three people with lived experience of homelessness and addiction shared their "
            "stories. The group mapped where help breaks down: leaving detox, leaving prison on a Friday and the "
            "hours when the night shelter is closed. Everyone agreed the outcomes should measure whether people "
            "keep a home and stay well, not how many appointments are offered."
        ),
        "participants": [
            ("resident", "Sam Kowalski", "resident", ""),
            ("resident", "Eddie Flynn", "eddie.flynn", ""),
            ("service_user", "Participant 1", "", ""),
            ("service_user", "Participant 2", "", ""),
            ("service_user", "Marcus Doyle", "", ""),
            (
                "voluntary_organisation",
                "Leila Hassan",
                "provider_member",
                "riverside-night-shelter",
            ),
            ("voluntary_organisation", "Sunita Rao", "sunita.rao", "open-door-recovery"),
            ("commissioner", "Priya Raman", "commissioner", "riverside-borough-council"),
            (
                "commissioner",
                "Riverside Health NHS Trust partnerships lead",
                "",
                "riverside-health-nhs-trust",
            ),
        ],
        "decisions": [
            (
                "Recovery housing should be ready on the day someone leaves detox. We will put this need forward for "
                "the priority round.",
                [
                    "Sam Kowalski",
                    "Participant 1",
                    "Marcus Doyle",
                    "Leila Hassan",
                    "Sunita Rao",
                    "Priya Raman",
                ],
            ),
            (
                "A day centre near Ferry Lane is needed. The council will look at the old library building.",
                ["Eddie Flynn", "Participant 2", "Leila Hassan", "Priya Raman"],
            ),
            (
                "The outcomes framework should measure tenancies kept after a year and people who stay in recovery.",
                [
                    "Sam Kowalski",
                    "Participant 1",
                    "Participant 2",
                    "Marcus Doyle",
                    "Leila Hassan",
                    "Sunita Rao",
                    "Priya Raman",
                    "Riverside Health NHS Trust partnerships lead",
                ],
            ),
        ],
        "needs": [
            "People sleeping rough near the bus interchange have nowhere to go in the day",
            "People leaving detox have to wait weeks for a place in recovery housing",
            "People released from prison on a Friday have no home and no money until Monday",
            "People with several problems are passed between services",
        ],
        "outcomes": ["O1", "O2", "O3"],
    },
    {
        "title": "Staying well at home in Millbrook",
        "kind": "visit",
        "days_ago": 60,
        "location": "Millbrook Older People's Forum lunch club, Millbrook community hall",
        "organised_by": "riverside-borough-council",
        "created_by": "commissioner",
        "agenda": (
            "1. Lunch together\n"
            "2. What makes a good week, and what makes a bad one\n"
            "3. Leaving hospital: what happened and what should have happened\n"
            "4. What we agree to do next"
        ),
        "notes": (
            "We joined the lunch club and talked with eighteen older people and four carers. Many had come home "
            "from hospital with no care in place. People valued the lunch club and befriending above everything "
            "else, and asked for more of it, closer to home."
        ),
        "participants": [
            ("resident", "Bill Hendricks", "bill.hendricks", ""),
            ("resident", "Nell Tanner", "nell.tanner", ""),
            ("service_user", "Edna Walsh", "", ""),
            ("service_user", "Participant 3", "", ""),
            ("voluntary_organisation", "Irene Walsh", "", "millbrook-older-peoples-forum"),
            ("voluntary_organisation", "Simon Clarke", "", "riverside-carers-network"),
            ("commissioner", "Priya Raman", "commissioner", "riverside-borough-council"),
        ],
        "decisions": [
            (
                "Nobody should leave hospital without care in place. The council and the NHS trust will commission a "
                "joint discharge service.",
                ["Bill Hendricks", "Edna Walsh", "Participant 3", "Irene Walsh", "Priya Raman"],
            ),
            (
                "The outcomes framework should ask older people whether they feel lonely, not count visits.",
                [
                    "Bill Hendricks",
                    "Nell Tanner",
                    "Edna Walsh",
                    "Irene Walsh",
                    "Simon Clarke",
                    "Priya Raman",
                ],
            ),
        ],
        "needs": [
            "Older people in Millbrook are lonely and cut off",
            "Older people are discharged from hospital with no care at home",
            "Unpaid carers of people with dementia get no break",
        ],
        "outcomes": ["O5"],
    },
]

ROUND = {
    "title": "Riverside priorities 2026: which needs should come first?",
    "description": (
        "Residents put six needs in order. The council and its partners use the result to decide which needs "
        "to work on first. Each need was raised on the needs register and discussed at a co-design session."
    ),
    "method": "borda",
    "eligibility": "residents",
    "status": "published",
    "run_by": "riverside-borough-council",
    "created_by": "commissioner",
    "opens_days_ago": 110,
    "closes_days_ago": 90,
    "needs": [
        "People in a mental health crisis at night end up in A&E or a police cell",
        "People leaving detox have to wait weeks for a place in recovery housing",
        "Children wait over a year for mental health support",
        "Older people in Millbrook are lonely and cut off",
        "People released from prison on a Friday have no home and no money until Monday",
        "People with several problems are passed between services",
    ],
    # Each ballot puts the round's needs in order, by their position in "needs" above.
    "ballots": {
        "resident": [0, 1, 3, 2, 5, 4],
        "amara.okoye": [0, 2, 1, 5, 4, 3],
        "bill.hendricks": [3, 1, 0, 2, 5, 4],
        "chen.li": [0, 2, 1, 3, 5, 4],
        "dorota.nowak": [1, 0, 3, 5, 2, 4],
        "eddie.flynn": [1, 4, 5, 0, 2, 3],
        "fatima.begum": [2, 0, 1, 4, 3, 5],
        "george.pryce": [3, 0, 1, 2, 5, 4],
        "hana.yilmaz": [0, 2, 3, 1, 5, 4],
        "isaac.mensah": [2, 1, 0, 5, 4, 3],
        "joy.campbell": [0, 1, 4, 5, 2, 3],
        "karl.jensen": [1, 5, 4, 0, 3, 2],
        "lina.haddad": [0, 1, 2, 4, 5, 3],
        "mo.farouk": [4, 1, 0, 5, 2, 3],
        "nell.tanner": [3, 0, 2, 1, 5, 4],
    },
    # The needs the commissioner marked prioritised, with the round as evidence.
    "prioritised": {
        "People in a mental health crisis at night end up in A&E or a police cell": "Came first in the Riverside priorities 2026 round, put in order by 15 residents.",
        "People leaving detox have to wait weeks for a place in recovery housing": "Came second in the Riverside priorities 2026 round, put in order by 15 residents.",
    },
}


# A second round, open now, so that people trying the demo can take part: the demo resident has
# not voted in it yet.
OPEN_ROUND = {
    "title": "Young people in Riverside: what should we tackle next?",
    "description": (
        "Choose every need you think the council and its partners should work on next for young people. "
        "You can change your choices until the round closes."
    ),
    "method": "approval",
    "eligibility": "residents",
    "status": "open",
    "run_by": "riverside-borough-council",
    "created_by": "commissioner",
    "opens_days_ago": 5,
    "closes_days_ago": -25,  # closes in 25 days
    "needs": [
        "Nowhere for young people to go in the evening on Northgate Heights",
        "Care leavers drop out of college in the first term",
        "Young carers miss school to look after a parent",
        "Young people's first offence leads to a criminal record instead of help",
        "Children who go missing are not asked why when they come home",
    ],
    # Approval ballots: the positions in "needs" above each voter chose.
    "ballots": {
        "amara.okoye": [0, 2],
        "chen.li": [0, 1, 4],
        "fatima.begum": [2],
        "joy.campbell": [0, 3],
        "nell.tanner": [1, 2, 4],
    },
}
