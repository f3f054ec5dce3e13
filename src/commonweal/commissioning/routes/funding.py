"""Ways of funding: a grant (not a procurement) and an outcomes contract, with social investment
where a provider needs money up front."""

from __future__ import annotations

from commonweal.commissioning.routes.common import (
    how_procured,
    outside_advisor,
    procedure_law,
    procurement_follows,
    said,
    verdict,
)
from commonweal.commissioning.routes.model import Reference, Route, RouteAdvice, RuledOut
from commonweal.commissioning.routes.situation import Situation
from commonweal.messages import gettext_noop

# Commonweal's guidance, not law: an investor needs a realistic prospect of repayment within
# the term, and outcomes take time to show.
INVESTMENT_MIN_MONTHS = 36


GRANTS_STANDARD = Reference(
    "Government Functional Standard GovS 015: Grants",
    "https://www.gov.uk/government/publications/grants-standards/grant-standards",
)
GRANTS_GUIDANCE = Reference(
    "Guidance for General Grants (Government Grants Management Function)",
    "https://www.gov.uk/government/publications/grants-standards/guidance-for-general-grants-html",
)
SUBSIDY_CONTROL = Reference(
    "Subsidy Control Act 2022", "https://www.legislation.gov.uk/ukpga/2022/23"
)


def grant(s: Situation) -> RouteAdvice:
    ruled = []
    if not s.answers.suits_grant:
        ruled.append(
            RuledOut(
                "suits_grant",
                said(
                    gettext_noop(
                        "You said your authority would set what is delivered or get the benefit. "
                        "That is buying a service, so procurement rules apply, not a grant."
                    )
                ),
            )
        )
    return verdict(
        Route.GRANT,
        ruled_out=ruled,
        why=[
            said(
                gettext_noop(
                    "You would fund someone else's purpose, with no direct benefit to your "
                    "authority: that is what a grant is for. It is not a procurement."
                )
            )
        ],
        requires=[
            said(
                gettext_noop(
                    "A grant agreement setting the purpose, the conditions, how you pay, and "
                    "what happens if money is misused or unspent."
                )
            ),
            said(gettext_noop("Proportionate checks on the organisation before you pay.")),
            said(
                gettext_noop("Monitoring of what the money achieves, in proportion to the amount.")
            ),
        ],
        risks=[
            said(
                gettext_noop(
                    "If you specify the service and take the benefit, a court may treat the "
                    "grant as a contract that should have been procured."
                )
            ),
            said(gettext_noop("A grant may be a subsidy: check the Subsidy Control Act 2022.")),
        ],
        follows=[
            said(
                gettext_noop(
                    "Record the grant and publish it where your rules ask. GovS 015 binds central "
                    "government departments and their arm's length bodies, and is good practice "
                    "for every funder."
                )
            )
        ],
        references=[GRANTS_STANDARD, GRANTS_GUIDANCE, SUBSIDY_CONTROL],
    )


def outcomes_contract(s: Situation) -> RouteAdvice:
    a = s.answers
    ruled = outside_advisor(s)
    if not a.outcomes_measurable:
        ruled.append(
            RuledOut(
                "outcomes_measurable",
                said(
                    gettext_noop(
                        "You said the outcomes cannot be measured and priced, and an outcomes "
                        "contract pays for them."
                    )
                ),
            )
        )
    if a.provider_needs_investment and a.duration_months < INVESTMENT_MIN_MONTHS:
        ruled.append(
            RuledOut(
                "duration_months",
                said(
                    gettext_noop(
                        "A provider that needs investment must have a realistic prospect of "
                        "repaying it within the term. Commonweal's guidance (not law) is at "
                        "least %(least)s months, and you said %(months)s."
                    ),
                    least=INVESTMENT_MIN_MONTHS,
                    months=a.duration_months,
                ),
            )
        )
    why = [
        said(gettext_noop("The outcomes can be measured and priced, so you can pay for results."))
    ]
    if a.provider_needs_investment:
        why.append(
            said(
                gettext_noop(
                    "A provider needs investment: social investors can fund delivery up front "
                    "and be repaid from the outcome payments over %(months)s months."
                ),
                months=a.duration_months,
            )
        )
    return verdict(
        Route.OUTCOMES_CONTRACT,
        ruled_out=ruled,
        why=why,
        requires=[
            how_procured(s),
            said(gettext_noop("A price for each outcome, how it is evidenced and who checks it.")),
            said(
                gettext_noop(
                    "The group of people to be helped, defined in advance, so the easiest cases "
                    "cannot be picked."
                )
            ),
        ],
        risks=[
            said(
                gettext_noop(
                    "Paying only for results starves small providers of cash unless part is paid "
                    "up front or investment is found."
                )
            ),
            said(gettext_noop("Poorly chosen measures reward the wrong things.")),
        ],
        follows=procurement_follows(s),
        references=procedure_law(s),
    )


FUNDING_ROUTES = {
    Route.GRANT: grant,
    Route.OUTCOMES_CONTRACT: outcomes_contract,
}
