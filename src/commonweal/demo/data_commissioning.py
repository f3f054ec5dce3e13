"""Riverside's commissioning plans, as plain data: three plans, the providers and the public body
they bring into the demo, and the 25 contracts the alliance joins.

The alliance is modelled on Plymouth's Alliance for people with complex needs, which joined 25
homelessness and substance misuse contracts into one contract with eight member organisations and
one budget, worth £7.7 million in its first year (https://councils.coop/case-study/commissioning-plymouth).
Riverside's eight providers hold its 25 contracts today, worth £7.7 million a year between them.

Everything here is made up, like the rest of the demo. Organisations are named by their short
names (slugs), needs by their titles in ``data_needs.NEEDS``, outcomes by their codes, people by
the local part of their email address, and dates in days from the day the demo is loaded.
The loader is ``commissioning.py``.
"""

from commonweal.demo import data_needs
from commonweal.demo.data import BOROUGH_WIDE, _org
from commonweal.organisations import classification as forms

# --- Organisations the plans bring in ------------------------------------------------------------

ORGANISATIONS = [
    _org(
        "Riverside Council Homes",
        "riverside-council-homes",
        "GB-COH-99000116",
        forms.PUBLIC_BODY,
        "The council's arm's-length management organisation: a company the council owns outright, which "
        "manages Riverside's 14,000 council homes. Funds tenancy sustainment for council tenants at risk of "
        "losing their home.",
        serves=BOROUGH_WIDE,
        contact=(
            "Tenancy sustainment team",
            "tenancy.support@councilhomes.riverside.example",
            "020 7946 0130",
        ),
    ),
    _org(
        "Meridian Health and Justice Ltd",
        "meridian-health-and-justice",
        "GB-COH-99000115",
        forms.PRIVATE_COMPANY,
        "A national provider of health care in prisons and police custody, and of clinical drug treatment: "
        "prescribing, detox and nursing, in thirty areas of England.",
        serves=["england", "riverside"],
        headcount=3400,
        turnover="265000000",
        reinvested="25",
        profit_use="Owned by a private equity fund; most profit is paid to its owners.",
        contact=("Bids team", "bids@meridian-health.example.org", "020 7946 0406"),
    ),
    _org(
        "Ferry Lane Housing Co-operative",
        "ferry-lane-housing-coop",
        "GB-MPR-RVS0004",
        forms.COOPERATIVE,
        "Thirty-eight shared homes for people moving on from hostels and recovery housing. The tenants are "
        "its members and run it together, with two paid housing workers.",
        serves=["riverside-ferry-lane", "riverside-central", "riverside-old-wharf"],
        headcount=9,
        turnover="640000",
        reinvested="100",
        profit_use="Surpluses repair the homes and keep rents low; members take no share.",
        contact=("Dee Okonjo", "homes@ferry-lane-coop.example.org", "020 7946 0305"),
    ),
    _org(
        "Lived Experience Riverside CIC",
        "lived-experience-riverside",
        "GB-COH-99000114",
        forms.CIC,
        "Peer navigators who have been homeless or in recovery themselves walk alongside people through "
        "appointments, benefit claims and moves into a home.",
        serves=BOROUGH_WIDE,
        headcount=12,
        turnover="310000",
        asset_lock=True,
        reinvested="100",
        profit_use="A CIC limited by guarantee: it pays no dividends.",
        contact=("Ray Costa", "hello@lived-experience-riverside.example.org", "020 7946 0306"),
    ),
]

# The back office verifies the new public body as it did the others (data.VERIFICATIONS).
VERIFICATIONS = [
    (
        "riverside-council-homes",
        "riverside",
        "other",
        "Fictional council-owned company: its company number 99000116 and the council's ownership "
        "checked by the back office",
    ),
]

# --- The alliance: 25 contracts today, eight providers ------------------------------------------

# provider, what it pays for, pounds a year, ends in how many days from the day the demo is loaded
ALLIANCE_CONTRACTS = [
    ("riverside-night-shelter", "Night shelter: 30 emergency beds", "420000", 300),
    ("riverside-night-shelter", "Street outreach team", "260000", 300),
    ("riverside-night-shelter", "Winter night shelter, November to March", "85000", 120),
    ("riverside-night-shelter", "Day centre at Ferry Lane (a pilot)", "140000", 210),
    ("riverside-night-shelter", "Assessment beds for people new to the streets", "120000", 300),
    (
        "open-door-recovery",
        "Community drug and alcohol treatment: key workers and groups",
        "1450000",
        480,
    ),
    ("open-door-recovery", "Recovery community and peer mentoring", "210000", 480),
    ("open-door-recovery", "Needle and syringe programme", "95000", 480),
    ("open-door-recovery", "Support for families affected by drinking or drug use", "120000", 300),
    (
        "open-door-recovery",
        "Arrest referral: drug and alcohol workers in police custody",
        "230000",
        300,
    ),
    ("meridian-health-and-justice", "Clinical prescribing and opioid substitution", "1150000", 480),
    ("meridian-health-and-justice", "Inpatient detox beds, bought one at a time", "180000", 480),
    ("meridian-health-and-justice", "Shared care with GP practices", "140000", 480),
    ("riverside-homes", "Supported housing for single homeless people: 72 flats", "980000", 570),
    ("riverside-homes", "Tenancy sustainment for people leaving homelessness", "310000", 300),
    ("riverside-homes", "Supported housing for young people aged 18 to 25", "520000", 570),
    ("riverside-homes", "Housing First: 20 tenancies with intensive support", "240000", 300),
    ("ferry-lane-housing-coop", "Recovery move-on housing: 24 shared bedspaces", "190000", 300),
    ("ferry-lane-housing-coop", "Move-on support for tenants in recovery", "60000", 300),
    ("lived-experience-riverside", "Peer navigators for people with several needs", "150000", 210),
    ("lived-experience-riverside", "Lived experience panel advising commissioners", "25000", 210),
    ("safe-harbour-riverside", "Supported housing for homeless women who use drugs", "280000", 480),
    ("safe-harbour-riverside", "Outreach to women selling sex on the street", "95000", 480),
    (
        "riverside-law-centre",
        "Homelessness prevention advice and the court duty scheme",
        "170000",
        300,
    ),
    ("riverside-law-centre", "Benefits and debt advice in hostels", "80000", 300),
]

# The eight providers that hold those contracts: they have met as Riverside's complex needs
# provider group for two years, and would be the alliance's members.
ALLIANCE_MEMBERS = list(dict.fromkeys(slug for slug, *_rest in ALLIANCE_CONTRACTS))

# The pooled budget, the same each year of the five: agency, pounds a year, its conditions.
# Together £7,700,000 a year, what the 25 contracts cost now.
ALLIANCE_BUDGET = [
    (
        "riverside-borough-council",
        "4400000",
        "From the public health grant (drug and alcohol treatment) and the homelessness prevention "
        "budget. Confirmed each year when the council sets its budget.",
    ),
    (
        "riverside-health-nhs-trust",
        "1700000",
        "For clinical treatment, detox and mental health support in the alliance. Agreed by the "
        "trust's board for five years, subject to its allocation each year.",
    ),
    (
        "riverside-council-homes",
        "1100000",
        "For tenancy sustainment and Housing First for council tenants, from the housing revenue "
        "account.",
    ),
    (
        "riverside-police",
        "500000",
        "From the community safety budget, for arrest referral and for people leaving custody. "
        "Agreed for five years; the police may review it after two.",
    ),
]

# The strands the alliance is bought in (each a lot): title, what it covers, pounds over the five
# years. Those chosen for each strand sign one alliance agreement together.
ALLIANCE_LOTS = [
    (
        "Housing and accommodation",
        "Emergency beds, supported housing, Housing First, move-on homes and tenancy sustainment. "
        "Today: 10 contracts with Riverside Night Shelter, Riverside Homes, Ferry Lane Housing "
        "Co-operative and Safe Harbour Riverside.",
        "16025000",
    ),
    (
        "Treatment and recovery",
        "Drug and alcohol treatment, prescribing, detox, shared care, recovery community and family "
        "support. Today: 7 contracts with Open Door Recovery and Meridian Health and Justice "
        "Ltd.",
        "16725000",
    ),
    (
        "Outreach, day services and peer navigation",
        "Street outreach, the day centre, outreach to women and peer navigators with lived "
        "experience. Today: 5 contracts with Riverside Night Shelter, Lived Experience Riverside "
        "CIC and Safe Harbour Riverside.",
        "3350000",
    ),
    (
        "Advice and criminal justice",
        "Homelessness prevention advice, benefits and debt advice, and arrest referral. Today: 3 "
        "contracts with Riverside Law and Advice Centre and Open Door Recovery.",
        "2400000",
    ),
]

ALLIANCE = {
    "title": "Riverside Homelessness and Recovery Alliance",
    "summary": (
        "One alliance of eight providers, with one pooled budget and one set of outcomes, for adults "
        "who are homeless or at risk of it and who also use drugs or alcohol, have poor mental "
        "health or have been in prison. It joins 25 separate contracts held by eight providers "
        "today, so that people stop being passed between services. Modelled on Plymouth's "
        "Alliance for people with complex needs."
    ),
    "lead": "riverside-borough-council",
    "themes": [
        data_needs.HOUSING,
        data_needs.HOMELESS,
        data_needs.SUBSTANCES,
        data_needs.MH_GROUP,
        data_needs.PRISON,
    ],
    "needs": [
        "People sleeping rough near the bus interchange have nowhere to go in the day",
        "People leaving detox have to wait weeks for a place in recovery housing",
        "People with several problems are passed between services",
        "People released from prison on a Friday have no home and no money until Monday",
    ],
    "outcomes": ["O1", "O2", "O3", "O6"],
    "sessions": ["Getting help when things first go wrong: homelessness, drugs and alcohol"],
    "citizen_commissioners": ["citizen_commissioner"],
    "social_value_considered": (
        "The co-design session asked what would make the biggest difference beyond the service. "
        "The alliance will employ people with lived experience as peer navigators, pay the London "
        "Living Wage, and buy its food and repairs from local social enterprises. Social value "
        "is worth 10% of the score."
    ),
    "consulted": (
        "People with lived experience at the co-design session in the Central Library, the eight "
        "providers in the complex needs provider group, Riverside Voluntary Action, the NHS trust, "
        "the police and Riverside Council Homes."
    ),
    "duration_months": 60,
    # The procurement starts this many days after the demo is loaded, and the service on the
    # first 1 April at least this many days after that (Plymouth took ten months).
    "procurement_in_days": 56,
    "service_after_days": 270,
    "budget": ALLIANCE_BUDGET,
    "current_contracts": ALLIANCE_CONTRACTS,
    "answers": {
        "service_kind": "light_touch",  # housing and support make up most of the value
        "buyer": "sub_central",
        "jurisdiction": "england",
        "market_exists": True,
        "incumbent": True,
        "incumbent_satisfactory": False,  # the service changes: one system instead of 25 contracts
        "needs_innovation": True,
        "users_choose_provider": False,
        "suits_grant": False,
        "outcomes_measurable": True,
        "provider_needs_investment": False,
        "multi_agency": True,
        "framework_available": False,
        "mutuals_in_market": False,
    },
    "route": (
        "alliance",
        "Four agencies pool their money, and the eight providers already meet as one group. An "
        "alliance agreement lets them share one budget, one set of outcomes and the risk, as "
        "Plymouth's alliance did, so nobody gains by passing a person on. We will buy it as a "
        "light touch contract, in four strands, with a competitive flexible procedure.",
    ),
    "stage": (
        "market_engagement",
        "The plan is published and the first market engagement event has been held.",
    ),
    # Proposed before the barrier check: the turnover test and the insurance are set as the
    # council's standard terms ask, and the check flags both.
    "requirements": {
        "minimum_turnover": "5000000",
        "public_liability": "10000000",
        "employers_liability": "10000000",
        "professional_indemnity": "2000000",
        "accreditations": "",
        "experience_years": 3,
        "mobilisation_days": 120,
        "payment_terms": "monthly_in_arrears",
        "contract_months": 60,
        "price_weighting": "30",
        "social_value_weighting": "10",
        "consortium_bids": True,
        "needs_investment": False,
    },
    "lots": ALLIANCE_LOTS,
    # title, held how many days before the demo is loaded, where, the notes published
    "events": [
        (
            "Alliance information day for providers",
            12,
            "Riverside Town Hall, committee room 2, and online",
            "Thirty-one people came from nineteen organisations. We explained the alliance, the four "
            "strands and the pooled budget. Providers asked for the turnover test to be lowered, "
            "because it would stop most local charities bidding for a strand alone. We will review "
            "it before the tender notice. Smaller providers asked whether they can bid together: "
            "yes, consortium bids are welcome in every strand. The slides and every question asked, "
            "with our answers, are published with these notes.",
        ),
    ],
    "publish": True,
    # The providers who said they are interested, and who said so for each.
    "interested": [
        ("riverside-night-shelter", "provider_member"),
        ("open-door-recovery", "sunita.rao"),
    ],
}

GRANTS = {
    "title": "Millbrook befriending and lunch club grants",
    "summary": (
        "Small grants for local groups that run befriending, lunch clubs and phone calls for older "
        "people who are lonely, in Millbrook and the streets around it. Groups say what they will "
        "do; the council funds their work."
    ),
    "lead": "riverside-borough-council",
    "themes": [data_needs.OLDER, data_needs.COMMUNITY, data_needs.MENTAL],
    "needs": ["Older people in Millbrook are lonely and cut off"],
    "outcomes": ["O5"],
    "sessions": ["Staying well at home in Millbrook"],
    "citizen_commissioners": [],
    "social_value_considered": (
        "Grants go to small local groups run by volunteers, so the money stays in Millbrook and "
        "builds its community."
    ),
    "consulted": (
        "Older people and carers at the Millbrook lunch club, the Millbrook Older People's Forum, "
        "Riverside Carers' Network and Riverside Voluntary Action."
    ),
    "duration_months": 24,
    "procurement_in_days": 21,
    "service_after_days": 60,
    "budget": [
        (
            "riverside-borough-council",
            "60000",
            "From the council's voluntary sector grants budget. Grants of up to £10,000 a group.",
        ),
    ],
    "current_contracts": [],
    "answers": {
        "service_kind": "light_touch",
        "buyer": "sub_central",
        "jurisdiction": "england",
        "market_exists": True,
        "incumbent": False,
        "incumbent_satisfactory": False,
        "needs_innovation": False,
        "users_choose_provider": False,
        "suits_grant": True,
        "outcomes_measurable": False,
        "provider_needs_investment": False,
        "multi_agency": False,
        "framework_available": False,
        "mutuals_in_market": False,
    },
    "route": (
        "grant",
        "The groups run their own befriending and lunch clubs for their own purposes. The council "
        "funds that work and does not specify it or take its benefit, so a grant fits.",
    ),
    "stage": None,
    "requirements": None,
    "lots": [],
    "events": [],
    "publish": True,
    "interested": [],
}

OUTCOMES_CONTRACT = {
    "title": "Supported employment for people in recovery and leaving prison",
    "summary": (
        "Paying for results: a provider helps people in recovery and people leaving prison into "
        "paid work and to keep it, and is paid when they start work and when they are still in work "
        "six months later. A social investor would fund the work up front."
    ),
    "lead": "riverside-borough-council",
    "themes": [data_needs.WORK, data_needs.PRISON, data_needs.SUBSTANCES],
    "needs": [
        "Ex-offenders cannot get work because of their record",
        "Long-term unemployed people on the Wharf Estate cannot find work that fits round caring",
    ],
    "outcomes": ["O10", "O6"],
    "sessions": [],
    "citizen_commissioners": ["citizen_commissioner"],
    "social_value_considered": "",
    "consulted": "Still to do: people in recovery, local employers and Wharf Works CIC.",
    "duration_months": 48,
    "procurement_in_days": 120,
    "service_after_days": 240,
    "budget": [
        (
            "riverside-borough-council",
            "350000",
            "Paid only for outcomes achieved, from the council's employment and skills budget.",
        ),
    ],
    "current_contracts": [],
    "answers": {
        "service_kind": "light_touch",
        "buyer": "sub_central",
        "jurisdiction": "england",
        "market_exists": True,
        "incumbent": False,
        "incumbent_satisfactory": False,
        "needs_innovation": True,
        "users_choose_provider": False,
        "suits_grant": False,
        "outcomes_measurable": True,
        "provider_needs_investment": True,
        "multi_agency": False,
        "framework_available": False,
        "mutuals_in_market": False,
    },
    "route": None,  # the advice is recorded; the route is not chosen yet
    "stage": None,
    "requirements": None,
    "lots": [],
    "events": [],
    "publish": False,
    "interested": [],
}

PLANS = [ALLIANCE, GRANTS, OUTCOMES_CONTRACT]
