"""Riverside's competitions, as plain data: a finished tender with four bids, and the Millbrook grants
programme's two rounds (one decided, one open for applications).

The tender buys an out-of-hours crisis café and peer support, for the need "People in a mental
health crisis at night end up in A&E or a police cell". Its four bids show what the issue asks the
platform to catch:

- a social enterprise (Lived Experience Riverside CIC): asset-locked, local, peer-led; its
  inherent social value counts, from its verified facts;
- a charity consortium led by Riverside Night Shelter, with Open Door Recovery as a member and Safe
  Harbour Riverside as a subcontractor;
- a large national firm (Meridian Health and Justice Ltd) whose social value promises are bolted on:
  big numbers, no evidence plan, the same jobs counted twice, work it would do anyway;
- a loss-leader (Valucare Support Services Ltd): a price far below the others and below the cost of
  the staff hours at the Real Living Wage, asked to explain, and rejected with reasons.

Everything here is made up, like the rest of the demo. Organisations are named by slug, people by
the local part of their email address, criteria by a short key, social value measures by their
code in the open measures shipped with Commonweal (competitions/data/open_measures.csv), and dates
in days from the day the demo is loaded (negative: in the past). The loader is ``competitions.py``.
"""

from commonweal.demo import data_needs
from commonweal.demo.data import _org
from commonweal.organisations import classification as forms

ORGANISATIONS = [
    _org(
        "Valucare Support Services Ltd",
        "valucare-support-services",
        "GB-COH-99000117",
        forms.PRIVATE_COMPANY,
        "A national company that runs support services for councils in forty areas, and bids to enter "
        "new ones.",
        serves=["england", "riverside"],
        headcount=2100,
        turnover="88000000",
        reinvested="0",
        profit_use="Owned by a listed group; profit is paid to shareholders.",
        contact=("New business team", "tenders@valucare.example.org", "020 7946 0410"),
    ),
]

# Riverside Council's own social value measures, with the pounds it counts for one unit of each.
# The figures are made up for the demo: a real council loads its own framework (the National TOMs
# and HACT values are licensed and never shipped), as this one is loaded for Riverside.
FRAMEWORK = {
    "name": "Riverside social value measures",
    "version": "2026",
    "licence": "Made up for the Commonweal demo: free to use",
    "rows": [
        # code, title, unit, pounds for one unit, theme
        (
            "RV-JOBS-1",
            "People employed on the contract who were long-term unemployed before",
            "people (FTE) employed for a year",
            "14000",
            "Jobs",
        ),
        (
            "RV-JOBS-2",
            "People employed on the contract who live in Riverside",
            "people (FTE) employed for a year",
            "4000",
            "Jobs",
        ),
        (
            "RV-SKILLS-1",
            "Apprenticeships started on the contract",
            "apprenticeships",
            "2500",
            "Skills",
        ),
        (
            "RV-LOCAL-1",
            "Money spent with Riverside's voluntary organisations and social enterprises",
            "pounds spent",
            "0.30",
            "Local economy",
        ),
        (
            "RV-LOCAL-2",
            "Money spent with Riverside's small businesses",
            "pounds spent",
            "0.20",
            "Local economy",
        ),
        (
            "RV-COMM-1",
            "Hours volunteered by staff in local community groups",
            "hours",
            "17",
            "Communities",
        ),
    ],
}

# Each bid's social value commitments, by the "commitments" key of its bid:
# (measure code, [quantity in each year], beyond the core service, attribution, deadweight,
#  double-counting group, delivery plan, evidence plan). None: not given.
COMMITMENTS = {
    "lived-experience": [
        (
            "RV-JOBS-1",
            ["8", "8", "8"],
            True,
            "0.9",
            "0.2",
            "jobs",
            "Peer roles kept for people out of work a year or more.",
            "Payroll records and each worker's start date, checked each quarter.",
        ),
        (
            "RV-LOCAL-1",
            ["60000", "60000", "60000"],
            True,
            "1",
            "0.1",
            "",
            "Food from Second Chance Kitchens CIC, repairs from Wharf Works CIC.",
            "Invoices from each supplier, shared each quarter.",
        ),
    ],
    "consortium": [
        (
            "RV-JOBS-1",
            ["6", "6", "6"],
            True,
            "0.8",
            "0.2",
            "jobs",
            "Peer roles for people in recovery.",
            "Payroll records checked each quarter.",
        ),
        (
            "RV-LOCAL-1",
            ["20000", "20000", "20000"],
            True,
            "1",
            "0.3",
            "",
            "Food from Hartfield Food Bank's surplus scheme.",
            "Invoices shared each quarter.",
        ),
    ],
    # The bolt-on promises: big numbers, the core service counted, no figures for what would
    # happen anyway, the same jobs counted twice, and local spend larger than the contract.
    "bolt-on": [
        ("RV-JOBS-2", ["40", "40", "40"], False, None, None, "jobs", "", ""),
        (
            "RV-SKILLS-1",
            ["20", "20", "20"],
            True,
            None,
            None,
            "jobs",
            "Apprentices across our national network.",
            "",
        ),
        ("RV-COMM-1", ["5000", "5000", "5000"], True, "1", "0", "", "Staff volunteering days.", ""),
        ("RV-LOCAL-2", ["666667", "666667", "666666"], True, None, None, "", "", ""),
    ],
    "none": [],
}

# Social value facts the council checked before the tender, with what it looked at: the social
# enterprise's inherent social value counts from these, never from what it says of itself.
# organisation, asset lock, profits reinvested (per cent), locally owned in (a place slug), evidence
SOCIAL_FACTS_CHECKS = [
    (
        "lived-experience-riverside",
        True,
        "100",
        "riverside",
        "Its articles of association (the CIC asset lock, clause 4) and its last CIC34 community "
        "interest report, which shows every surplus reinvested in Riverside; its directors and "
        "members all live in the borough.",
    ),
]

# The plan the tender comes from: the shape of data_commissioning's plans, made by its loader.
CRISIS_PLAN = {
    "title": "Out-of-hours mental health crisis café and peer support",
    "summary": (
        "A safe place to go at night instead of A&E or a police cell: a crisis café open 6pm to "
        "2am every day, staffed by peer workers who have been through a crisis themselves, with a "
        "phone line and follow-up the next day."
    ),
    "lead": "riverside-borough-council",
    "themes": [data_needs.MENTAL, data_needs.MH_GROUP],
    "needs": ["People in a mental health crisis at night end up in A&E or a police cell"],
    "outcomes": [],
    "sessions": [],
    "citizen_commissioners": ["citizen_commissioner"],
    "social_value_considered": (
        "People who use crisis services said the best help comes from people who have been there. "
        "The service should employ people with lived experience and buy locally. Social value is "
        "worth 20% of the score, and an organisation's asset lock and local ownership count too."
    ),
    "consulted": (
        "People with lived experience of crisis, the NHS trust's crisis team, the police, and "
        "Riverside Voluntary Action."
    ),
    "duration_months": 36,
    # In the past: the tender ran before the demo was loaded.
    "procurement_in_days": -90,
    "service_after_days": 150,
    "budget": [
        (
            "riverside-borough-council",
            "350000",
            "From the council's public health grant: the same each year of the three.",
        ),
        (
            "riverside-health-nhs-trust",
            "250000",
            "From the trust's mental health investment standard: the same each year.",
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
        "suits_grant": False,
        "outcomes_measurable": True,
        "provider_needs_investment": False,
        "multi_agency": True,
        "framework_available": False,
        "mutuals_in_market": False,
    },
    "route": (
        "open",
        "Several local and national providers could run it, and it is a new service with no "
        "incumbent. An open tender, under the light touch rules, lets anyone bid.",
    ),
    "stage": ("in_competition", "The tender was published."),
    "requirements": {
        "minimum_turnover": None,
        "public_liability": "5000000",
        "employers_liability": "5000000",
        "professional_indemnity": None,
        "accreditations": "",
        "experience_years": None,
        "mobilisation_days": 90,
        "payment_terms": "monthly_in_arrears",
        "contract_months": 36,
        "price_weighting": "30",
        "social_value_weighting": "20",
        "consortium_bids": True,
        "needs_investment": False,
    },
    "lots": [],
    "events": [],
    "publish": True,
    "interested": [],
}

# The tender itself. Days are from the day the demo is loaded.
TENDER = {
    "title": "Out-of-hours crisis café and peer support",
    "description": (
        "Run a crisis café in central Riverside from 6pm to 2am every day of the year, with a phone "
        "line over the same hours and a call the next day for everyone who came. Peer workers with "
        "lived experience of a mental health crisis staff it, backed by a qualified mental health "
        "practitioner on every shift. About 2,400 visits a year are expected."
    ),
    "conditions": (
        "Three years from 1 April, with an option to extend by two. Paid monthly in arrears, within "
        "30 days of a correct invoice. The provider pays everyone at least the Real Living Wage."
    ),
    "value": "1800000",
    "budget": "1800000",
    "contract_months": 36,
    "published_days": -75,
    "questions_close_days": -40,
    "closes_days": -30,
    "weights": ("50", "20", "30"),  # quality, social value, price
    "price_formula": "proportional",
    "include_inherent_social_value": True,
    "inherent_social_value_share": "25",
    # 12 full-time peer workers and practitioners, 1,650 hours a year each, for three years.
    "cost_model_hours": "59400",
    "cost_model_other_costs": "320000",
    # key, part, parent key, title, question, guidance, plain guidance, weight, pass/fail, citizens
    "criteria": [
        ("quality", "quality", None, "Quality", "", "", "", "100", False, False),
        (
            "crisis",
            "quality",
            "quality",
            "Helping people in a crisis",
            "How will someone who arrives in a crisis at 1am be welcomed, kept safe and helped?",
            "Look for a clear plan for the first ten minutes, risk assessment, and links to the crisis team.",
            "Imagine you arrived in a crisis. Would you feel welcome and safe? Score higher where the plan is clear and kind.",
            "40",
            False,
            True,
        ),
        (
            "peers",
            "quality",
            "quality",
            "Peer workers with lived experience",
            "How will you recruit, train, supervise and support peer workers?",
            "Look for paid roles, supervision, training and support for peer workers' own wellbeing.",
            "Would the staff understand what you are going through? Score higher where people with lived experience are paid, trained and supported.",
            "30",
            False,
            True,
        ),
        (
            "joined_up",
            "quality",
            "quality",
            "Working with other services",
            "How will you work with the NHS crisis team, the police, A&E and housing?",
            "Look for agreed referral routes, shared records with consent, and next-day follow-up.",
            "",
            "30",
            False,
            False,
        ),
        (
            "safeguarding",
            "quality",
            None,
            "Safeguarding",
            "Describe your safeguarding policy and who leads on it.",
            "Pass if there is a current adult safeguarding policy with a named lead.",
            "",
            "0",
            True,
            False,
        ),
        (
            "local_jobs",
            "social_value",
            None,
            "Local jobs for people with lived experience",
            "What jobs and training will the contract bring to Riverside, especially for people with lived experience?",
            "Compare what is promised beyond the core service with the evidence plan for it.",
            "",
            "60",
            False,
            False,
        ),
        (
            "local_spend",
            "social_value",
            None,
            "Buying locally",
            "How much will you spend with local small businesses and voluntary organisations?",
            "Look for named suppliers and a way to check the spend.",
            "",
            "40",
            False,
            False,
        ),
    ],
    "evaluators": [
        ("evaluator", "officer"),
        ("procurement_officer", "officer"),
        ("citizen_commissioner", "citizen"),
    ],
    "questions": [
        (
            "Can a consortium include organisations that are not yet registered on Commonweal?",
            "Yes. Name them in your bid with their share of the work; we check them before award.",
        ),
        (
            "Is the 2am closing time fixed, or can we propose later hours at weekends?",
            "You may propose longer hours; score is not given for hours beyond the specification.",
        ),
    ],
    # slug, form, price, staff hours, members [(name, role, share)], answers {key: text},
    # commitments [(measure code, [quantity a year], beyond core, attribution, deadweight, group, evidence plan)],
    # conflicts
    "bids": [
        {
            "organisation": "lived-experience-riverside",
            "person": None,
            "form": "alone",
            "price": "1640000",
            "staff_hours": "61200",
            "members": [],
            "answers": {
                "crisis": "A peer worker meets everyone at the door within two minutes, offers a quiet room and a hot drink, and asks what would help tonight. A mental health practitioner on every shift assesses risk with the person, not about them, and calls the NHS crisis team directly when needed.",
                "peers": "All eleven peer workers are paid roles at the London Living Wage, recruited from our peer navigator network. Each has monthly clinical supervision, a wellbeing plan they write themselves, and a paid training week before starting.",
                "joined_up": "We already share a referral route with the NHS crisis team and the police street triage car. With consent, we send a summary to the person's GP next morning and call everyone the next day.",
                "safeguarding": "Our adult safeguarding policy was reviewed in March; our director is the named lead and every shift has a trained deputy.",
                "local_jobs": "Eleven paid peer roles, all for people living in Riverside, eight of them for people who have been out of work for over a year. Each gets a paid traineeship and a recognised qualification.",
                "local_spend": "All food from Second Chance Kitchens CIC and repairs from Wharf Works CIC: about £60,000 a year with local social enterprises.",
            },
            "commitments": "lived-experience",
            "conflicts": "",
        },
        {
            "organisation": "riverside-night-shelter",
            "person": "provider_member",
            "form": "consortium",
            "price": "1720000",
            "staff_hours": "62000",
            "members": [
                ("Open Door Recovery", "member", "35", "open-door-recovery"),
                ("Safe Harbour Riverside", "subcontractor", "15", "safe-harbour-riverside"),
            ],
            "answers": {
                "crisis": "Our night shelter staff already meet people in crisis at night. The café would use the same welcome and risk assessment, with Open Door's recovery workers on shift from 10pm.",
                "peers": "Half the café's staff would be peer workers, paid and supervised by Open Door Recovery's peer programme.",
                "joined_up": "We are members of the complex needs provider group and already work with the crisis team and housing options. Safe Harbour would take referrals of women at risk.",
                "safeguarding": "Each consortium member has its own policy; the Night Shelter's safeguarding lead would lead for the consortium.",
                "local_jobs": "Six new peer roles, and placements for people in recovery.",
                "local_spend": "We buy food from Hartfield Food Bank's surplus scheme and local shops.",
            },
            "commitments": "consortium",
            "conflicts": "",
        },
        {
            "organisation": "meridian-health-and-justice",
            "person": None,
            "form": "alone",
            "price": "1480000",
            "staff_hours": "52000",
            "members": [],
            "answers": {
                "crisis": "Our national crisis model is in use in twelve areas. Every visitor is triaged by a nurse using our standard tool within 15 minutes.",
                "peers": "We will recruit peer support workers through our national recruitment centre and train them with our e-learning programme.",
                "joined_up": "Our national partnerships team will agree protocols with local services in the first six months.",
                "safeguarding": "Our group safeguarding policy applies, led by the group director of nursing.",
                "local_jobs": "We will create 120 jobs and 60 apprenticeships over the contract and count every hour our staff volunteer.",
                "local_spend": "We will spend £2 million with local businesses.",
            },
            "commitments": "bolt-on",
            "conflicts": "",
        },
        {
            "organisation": "valucare-support-services",
            "person": None,
            "form": "alone",
            "price": "690000",
            "staff_hours": "30000",
            "members": [],
            "answers": {
                "crisis": "Visitors are welcomed by a support worker and referred to the appropriate service.",
                "peers": "Peer volunteers will support our staff.",
                "joined_up": "We will work with local services.",
                "safeguarding": "Our company safeguarding policy applies.",
                "local_jobs": "We will offer work experience placements.",
                "local_spend": "We will use local suppliers where possible.",
            },
            "commitments": "none",
            "conflicts": "",
        },
    ],
    # evaluator key → bid organisation → criterion key → (score, reason); moderation takes the
    # agreed score in "agreed".
    "scores": {
        "lived-experience-riverside": {
            "crisis": (
                "4",
                "A clear, kind first ten minutes, run by peers with a practitioner on shift.",
            ),
            "peers": (
                "4",
                "Paid, supervised and trained peer roles, with their own wellbeing plans.",
            ),
            "joined_up": (
                "3",
                "Routes agreed with the crisis team and police; housing less clear.",
            ),
            "safeguarding": ("pass", "Current policy with a named lead."),
            "local_jobs": (
                "4",
                "Eleven local paid roles, most for people long out of work, with evidence.",
            ),
            "local_spend": ("3", "Named local social enterprises; about £60,000 a year."),
        },
        "riverside-night-shelter": {
            "crisis": ("3", "Experienced night staff; the café model is less developed."),
            "peers": ("3", "Peer roles are paid, but only half the staff."),
            "joined_up": ("4", "Strong links across housing, recovery and women's services."),
            "safeguarding": (
                "pass",
                "Each member has a policy; a lead for the consortium is named.",
            ),
            "local_jobs": ("3", "Six new peer roles and placements."),
            "local_spend": ("2", "Some local buying; no figure given."),
        },
        "meridian-health-and-justice": {
            "crisis": ("3", "A tested clinical model; less about welcome than triage."),
            "peers": ("2", "Peers trained by e-learning from a national centre, not locally."),
            "joined_up": ("2", "Protocols only promised for the first six months."),
            "safeguarding": ("pass", "Group policy with a named director."),
            "local_jobs": (
                "2",
                "Large numbers with no evidence plan, much of it the core service.",
            ),
            "local_spend": ("1", "A round figure with no suppliers named."),
        },
        "valucare-support-services": {
            "crisis": ("1", "Referral on, not help on the night."),
            "peers": ("1", "Volunteers, not paid peer workers."),
            "joined_up": ("1", "No plan."),
            "safeguarding": ("pass", "A company policy applies."),
            "local_jobs": ("1", "Placements only."),
            "local_spend": ("0", "No commitment."),
        },
    },
    "low_bid": {
        "organisation": "valucare-support-services",
        "explanation_days": -25,
        "explanation": (
            "We can deliver at this price because we will use volunteers for half the hours and share "
            "a manager with our services in two other areas. We want to enter the Riverside market."
        ),
        "decision": "rejected",
        "reason": (
            "The price is below what the staff hours the service needs would cost at the Real Living "
            "Wage. The explanation relies on volunteers to staff a crisis service and on entering the "
            "market at a loss, which puts people in crisis at risk when the price cannot be "
            "sustained. The bid is rejected as abnormally low."
        ),
        "decided_days": -20,
    },
    "award": {
        "organisation": "lived-experience-riverside",
        "reason": (
            "The most advantageous tender: the highest score for quality and for social value, at a "
            "price within the budget. Its peer-led model is what people who use crisis services asked for."
        ),
        "decided_days": -3,
    },
}

# The Millbrook grants programme (data_commissioning.GRANTS) runs two rounds of small grants.
GRANT_ROUNDS = [
    {
        "title": "Millbrook befriending and lunch club grants: spring round",
        "description": (
            "Grants of up to £10,000 for local groups that run befriending, lunch clubs and phone "
            "calls for older people who are lonely in Millbrook."
        ),
        "conditions": "Paid in two parts: half on award, half after six months with a short report.",
        "value": "30000",
        "published_days": -120,
        "questions_close_days": -95,
        "closes_days": -90,
        "question": "What will you do, for whom, and how will you know it helped?",
        "applications": [
            # slug, amount asked, match funding, in-kind, answer, decision (funded, amount, reason)
            (
                "millbrook-older-peoples-forum",
                "9500",
                "2000",
                "Volunteers' time and the church hall at no charge",
                "A weekly lunch club for 40 older people, with transport for those who cannot walk there.",
                (
                    True,
                    "9500",
                    "A well-run club that reaches people who are most cut off; transport makes the difference.",
                ),
            ),
            (
                "riverside-carers-network",
                "8000",
                "",
                "Volunteer befrienders",
                "Phone befriending for older carers in Millbrook, three calls a week each.",
                (
                    True,
                    "8000",
                    "Reaches older carers, who told the co-design session they feel most alone.",
                ),
            ),
            (
                "millbrook-youth-club",
                "6000",
                "1500",
                "Young volunteers",
                "Young people and older people cooking and eating together once a fortnight.",
                (
                    True,
                    "5000",
                    "A good idea that brings generations together; funded for the sessions, not the equipment.",
                ),
            ),
            (
                "northgate-community-shed",
                "9000",
                "",
                "",
                "A men's shed in Northgate open to older men from Millbrook.",
                (
                    False,
                    "",
                    "The shed is in Northgate, outside Millbrook, and the bid did not show how Millbrook men would get there.",
                ),
            ),
        ],
    },
    {
        "title": "Millbrook befriending and lunch club grants: autumn round",
        "description": (
            "The second round: grants of up to £10,000 for local groups that help older people in "
            "Millbrook who are lonely. Groups who were funded in the spring may apply again."
        ),
        "conditions": "Paid in two parts: half on award, half after six months with a short report.",
        "value": "30000",
        "published_days": -7,
        "questions_close_days": 14,
        "closes_days": 21,
        "question": "What will you do, for whom, and how will you know it helped?",
        "applications": [],
        "evaluators": [("evaluator", "officer")],
    },
]

# A tender open now, paid by results, where a provider will need a social investor's money up front:
# what the investor's dashboard lists, and what the demo provider can start a bid for.
HOUSING_FIRST_PLAN = {
    "title": "Housing First: 20 more tenancies, paid by results",
    "summary": (
        "Twenty more Housing First tenancies for people who have slept rough for years: a home "
        "first, with intensive support for as long as it takes. The council pays when a tenancy "
        "lasts six and twelve months, so the provider needs a social investor to fund the work "
        "up front."
    ),
    "lead": "riverside-borough-council",
    "themes": [data_needs.HOUSING, data_needs.HOMELESS],
    "needs": ["People sleeping rough near the bus interchange have nowhere to go in the day"],
    "outcomes": [],
    "sessions": [],
    "citizen_commissioners": [],
    "social_value_considered": "Tenancies are found with local landlords and the support is local.",
    "consulted": "People who have slept rough, Riverside Homes and the night shelter.",
    "duration_months": 48,
    "procurement_in_days": -14,
    "service_after_days": 120,
    "budget": [
        (
            "riverside-borough-council",
            "180000",
            "Paid only for tenancies that last, from the rough sleeping grant.",
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
    "route": (
        "outcomes_contract",
        "Paying for tenancies that last rewards what matters, and a social investor can carry the "
        "cost of the support until the outcomes are paid.",
    ),
    "stage": ("in_competition", "The tender is open."),
    "requirements": {
        "minimum_turnover": None,
        "public_liability": "5000000",
        "employers_liability": "5000000",
        "professional_indemnity": None,
        "accreditations": "",
        "experience_years": None,
        "mobilisation_days": 90,
        "payment_terms": "by_results",
        "contract_months": 48,
        "price_weighting": "30",
        "social_value_weighting": "15",
        "consortium_bids": True,
        "needs_investment": True,
    },
    "lots": [],
    "events": [],
    "publish": True,
    "interested": [],
}

OPEN_TENDER = {
    "title": "Housing First: 20 more tenancies, paid by results",
    "description": (
        "Find and keep 20 tenancies for people who have slept rough for years, with intensive "
        "support for as long as each person needs it. Paid £4,500 when a tenancy lasts six "
        "months and £4,500 more at twelve."
    ),
    "conditions": "Paid by results only. Bidders say how the work is funded until outcomes are paid.",
    "value": "720000",
    "contract_months": 48,
    "questions_close_days": 28,
    "closes_days": 35,
    "weights": ("55", "15", "30"),
    "criteria": [
        (
            "model",
            "quality",
            None,
            "The Housing First model",
            "How will you find homes and support people to keep them, for as long as it takes?",
            "Look for fidelity to the Housing First principles and a realistic caseload.",
            "",
            "60",
            False,
            False,
        ),
        (
            "funding",
            "quality",
            None,
            "Funding the work until outcomes are paid",
            "Who funds the work up front, on what terms, and what happens if outcomes come late?",
            "Look for a committed investor and terms that do not push the provider to cherry-pick.",
            "",
            "40",
            False,
            False,
        ),
        (
            "homes",
            "social_value",
            None,
            "Homes from local landlords",
            "How many of the homes will come from local landlords, and how will you keep them?",
            "",
            "",
            "100",
            False,
            False,
        ),
    ],
}
