"""Riverside's long-term agreements and what has been paid under them, as plain data.

- The 25 contracts the alliance replaces (data_commissioning.ALLIANCE_CONTRACTS) come in through
  the import of existing contracts, as a council would bring them from its contracts register,
  with a year of monthly invoices: most paid well within 30 days, some paid late (with the
  interest and compensation the law adds), two disputed, and this month's not yet paid.
- The ten-year Riverside Homelessness and Recovery Alliance, signed ahead of its start, replacing
  those 25 contracts: eight providers and the council, one pooled budget, a leadership team that
  decides unanimously, a risk register, and pain and gain shared with a cap and a collar.
- A grant agreement with transferred properties, modelled on West Lindsey's partnership with a
  community organisation (a £1m grant and eleven transferred properties): Wharf Works takes on
  three buildings on the Wharf Estate with a grant paid quarterly in advance.
- The Millbrook spring round's funded grants become grant agreements, half paid on award.
- A strategic partnership, modelled on Leicestershire's strategic partner who can deliver,
  subcontract or buy from others: Riverside Voluntary Action runs the borough's community
  support fund and subcontracts two local groups, paying them on the same 30-day terms.

Dates are in days from the day the demo is loaded. Everything is made up, like the rest of the
demo. The loader is ``agreements.py``.
"""

COMMISSIONER = "riverside-borough-council"

# --- The 25 contracts today ----------------------------------------------------------------------

# The contracts register's references: RBC-HRA-01 to RBC-HRA-25, in the order of
# data_commissioning.ALLIANCE_CONTRACTS. Each started this many days before the end given there,
# so all have run at least a year.
CONTRACT_REFERENCE = "RBC-HRA-{number:02d}"
CONTRACT_YEARS = 3

# A year of invoices: one a month for each contract, a twelfth of its yearly value, received on
# the 5th of each of the last twelve months. How many days each took to pay, by contract number
# (1 to 25) and month (1 the oldest, 12 this month). ``None``: not paid yet.
PAID_LATE = {
    # contract number: {month: days from receipt to payment}
    1: {3: 44, 7: 38},  # the night shelter's beds: two paid late
    2: {7: 51},
    6: {2: 47, 9: 62},  # community treatment: the largest, paid late twice
    11: {4: 35},
    14: {5: 41, 10: 33},
    18: {6: 58},  # the housing co-op waited two months once
    20: {8: 40},  # the peer navigators, a small CIC
}
# Disputed on receipt (the day, from receipt, the dispute was notified), then settled and paid
# (the days from receipt): contract number, month, dispute day, paid day, what was disputed.
DISPUTED = [
    (
        9,
        5,
        6,
        27,
        "The invoice counted 14 families supported in the month; the case records show 12. The "
        "provider agreed and the amount was corrected before payment.",
    ),
    (
        24,
        9,
        3,
        21,
        "Two court duty sessions were charged twice. Settled: they were two different courts.",
    ),
]
# The days most invoices take: a steady 12 to 26, varied by contract and month.
USUAL_DAYS = (12, 15, 18, 21, 24, 26, 14, 17, 20, 23)
# One provider waived the interest and compensation on one late payment, with its reason.
WAIVED = (
    6,
    2,
    "We agreed with the council to waive it: the invoice went to the wrong address, and the "
    "council paid within a week of receiving it there.",
)

# --- The alliance ----------------------------------------------------------------------------------

ALLIANCE = {
    "title": "Riverside Homelessness and Recovery Alliance agreement",
    "reference": "RBC-HRA-ALLIANCE",
    "summary": (
        "The ten-year alliance agreement that replaces 25 contracts with one: eight providers and "
        "the council share one pooled budget, one set of outcomes and the risk. Signed ahead of "
        "its start; the leadership team is meeting to plan the move from the old contracts."
    ),
    "years": 10,
    "pooled_budget": "7700000",
    "target_cost": "7700000",
    "gain_cap": "385000",  # 5% of the target cost
    "pain_collar": "231000",  # 3% of the target cost
    "principle": (
        "Best for the person using the service: every decision is tested against what is best "
        "for the people the alliance serves, not for any one member."
    ),
    # The council carries half of any pain or gain; the providers the rest, by their share of
    # the work today.
    "commissioner_share": "50",
    "shares": {
        "riverside-night-shelter": "7",
        "open-door-recovery": "14",
        "meridian-health-and-justice": "10",
        "riverside-homes": "13",
        "ferry-lane-housing-coop": "2",
        "lived-experience-riverside": "1",
        "safe-harbour-riverside": "2",
        "riverside-law-centre": "1",
    },
    "kpis": [
        ("People helped into a settled home each year", "At least 250"),
        ("People in treatment who leave it free of dependence", "At least 30%"),
        (
            "People who tell their story once, not to every service",
            "At least 80% in the yearly survey",
        ),
        ("Invoices between members paid within 30 days", "100%"),
    ],
    # Break: either side may end the alliance at five years, with twelve months' notice.
    "break_after_years": 5,
    "break_note": "The alliance is reviewed after five years; either side may end it then.",
    # The leadership team's decisions: subject, decision, how it serves the principle, days ago.
    "decisions": [
        (
            "How the alliance is mobilised",
            "The old contracts run to their end dates and move into the alliance one by one. Nobody "
            "using a service changes key worker because a contract ends.",
            "People keep the worker they trust while the services around them join up.",
            20,
        ),
        (
            "One assessment for every member",
            "Every member uses one shared assessment, so a person tells their story once.",
            "People told the co-design session that repeating their story to every service is "
            "what makes them give up.",
            6,
        ),
    ],
    # title, likelihood, impact (1 low to 3 high), owner (a member's slug), what is being done
    "risks": [
        (
            "A member leaves before the alliance starts",
            1,
            3,
            "riverside-borough-council",
            "Members signed the agreement; the leadership team meets monthly until the start.",
        ),
        (
            "Shared records are not ready for the start",
            2,
            2,
            "open-door-recovery",
            "A records group of three members meets fortnightly; paper records are the fallback.",
        ),
        (
            "The NHS trust's share is cut in its yearly allocation",
            2,
            3,
            "riverside-borough-council",
            "The trust's board agreed five years; the council reports the alliance's outcomes to "
            "it each quarter.",
        ),
    ],
}

# --- A grant agreement with transferred properties -------------------------------------------------

COMMUNITY_ASSETS = {
    "title": "Wharf Estate community buildings and jobs grant",
    "reference": "RBC-GRANT-WW-01",
    "provider": "wharf-works",
    "summary": (
        "Wharf Works takes on three of the council's buildings on the Wharf Estate and runs them "
        "for the estate: training kitchens, a workshop and a community room, open to local groups. "
        "The council gives a grant for the first five years while the buildings earn their keep."
    ),
    "value": "1000000",
    "years": 5,
    "started_days_ago": 200,
    "conditions": (
        "The buildings are used for the community and for training for at least 25 years; if "
        "Wharf Works stops, they come back to the council. Wharf Works reports each quarter on "
        "people trained and into work, and keeps the buildings in repair."
    ),
    "match_funding": "400000",
    "in_kind": "Volunteers from the estate's tenants' association run the community room.",
    "in_kind_value": "45000",
    # kind, what, value in pounds, conditions
    "assets": [
        (
            "property",
            "The former Wharf Road library, 12 Wharf Road",
            "420000",
            "A 25-year lease at a peppercorn rent; used as a community building.",
        ),
        (
            "property",
            "Shop unit 3, Wharf Estate parade",
            "150000",
            "A 25-year lease at a peppercorn rent; used for the training kitchen and café.",
        ),
        (
            "property",
            "The estate workshop and yard, behind Barge Court",
            "210000",
            "A 25-year lease at a peppercorn rent; used for the repairs workshop.",
        ),
        (
            "equipment",
            "Catering kitchen equipment from the closed civic centre canteen",
            "18000",
            "Transferred outright.",
        ),
    ],
}

# --- The Millbrook spring round's grants -----------------------------------------------------------

# The funded decisions become grant agreements for a year from the decision, half paid at once.
GRANT_MONTHS = 12

# --- A strategic partnership with subcontracts -----------------------------------------------------

PARTNERSHIP = {
    "title": "Riverside community support fund: strategic partnership",
    "reference": "RBC-SP-RVA-01",
    "partner": "riverside-voluntary-action",
    "partner_person": ("rva.partnerships", "Chloe Barnes"),
    "summary": (
        "Riverside Voluntary Action is the council's strategic partner for community support: it "
        "delivers some of the work itself, subcontracts local groups for the rest, and pays them "
        "on the same 30-day terms the council pays it."
    ),
    "value": "1800000",
    "years": 3,
    "started_days_ago": 150,
    # provider, title, value, how many monthly claims so far, days each took to pay
    "subcontracts": [
        (
            "hartfield-food-bank",
            "Emergency food and advice at Hartfield",
            "120000",
            (9, 14, 11, 19),
        ),
        (
            "old-wharf-community-grocery",
            "Community grocery memberships for families on low incomes",
            "90000",
            (16, 12, 34, 10),
        ),
    ],
    # The council's monthly payments to the partner so far: days each took.
    "paid_days": (8, 12, 9, 15),
}
