"""Each route's name and a one-sentence summary, for the advice and for choosing a route."""

from commonweal.commissioning.routes.model import Route
from commonweal.messages import Message, gettext_noop, message

ROUTE_NAMES: dict[Route, Message] = {
    Route.GRANT: message(gettext_noop("A grant")),
    Route.BELOW_THRESHOLD: message(gettext_noop("A below-threshold contract")),
    Route.OPEN: message(gettext_noop("The open procedure")),
    Route.COMPETITIVE_FLEXIBLE: message(gettext_noop("The competitive flexible procedure")),
    Route.LIGHT_TOUCH: message(gettext_noop("A light touch contract")),
    Route.RESERVED_MUTUAL: message(gettext_noop("A contract reserved for public service mutuals")),
    Route.DIRECT_AWARD: message(gettext_noop("A direct award")),
    Route.FRAMEWORK_CALL_OFF: message(gettext_noop("A call-off from a framework")),
    Route.DYNAMIC_MARKET: message(gettext_noop("A dynamic market")),
    Route.ALLIANCE: message(gettext_noop("An alliance contract")),
    Route.STRATEGIC_PARTNERSHIP: message(
        gettext_noop("A strategic partnership with subcontracting")
    ),
    Route.OUTCOMES_CONTRACT: message(gettext_noop("An outcomes contract")),
    Route.PILOT: message(gettext_noop("A pilot or research and development contract")),
    Route.SMALL_LOTS: message(gettext_noop("Small lots")),
    Route.PSR_DIRECT_AWARD_A: message(gettext_noop("Provider Selection Regime: direct award A")),
    Route.PSR_DIRECT_AWARD_B: message(gettext_noop("Provider Selection Regime: direct award B")),
    Route.PSR_DIRECT_AWARD_C: message(gettext_noop("Provider Selection Regime: direct award C")),
    Route.PSR_MOST_SUITABLE_PROVIDER: message(
        gettext_noop("Provider Selection Regime: most suitable provider")
    ),
    Route.PSR_COMPETITIVE: message(gettext_noop("Provider Selection Regime: competitive process")),
}

ROUTE_SUMMARIES: dict[Route, Message] = {
    Route.GRANT: message(
        gettext_noop("Fund an organisation's own work for the public good, with conditions.")
    ),
    Route.BELOW_THRESHOLD: message(
        gettext_noop(
            "A contract worth less than the threshold: quotes, an advert or a direct award, "
            "with light rules."
        )
    ),
    Route.OPEN: message(
        gettext_noop("One round: any provider may tender, and the best tender wins.")
    ),
    Route.COMPETITIVE_FLEXIBLE: message(
        gettext_noop(
            "A competition you design in stages: shortlisting, dialogue, negotiation or testing."
        )
    ),
    Route.LIGHT_TOUCH: message(
        gettext_noop(
            "Services for people, such as care and education, with a higher threshold and "
            "some flexibilities."
        )
    ),
    Route.RESERVED_MUTUAL: message(
        gettext_noop(
            "A competition only public service mutuals may win, for some services to people."
        )
    ),
    Route.DIRECT_AWARD: message(
        gettext_noop(
            "Award without competition where the law allows: a single capable provider, or "
            "the choice of the person served."
        )
    ),
    Route.FRAMEWORK_CALL_OFF: message(
        gettext_noop("Buy from providers already appointed to a framework.")
    ),
    Route.DYNAMIC_MARKET: message(
        gettext_noop(
            "A list of qualified providers that others can join at any time; contracts are "
            "awarded among them."
        )
    ),
    Route.ALLIANCE: message(
        gettext_noop(
            "Commissioners and providers sign one agreement, share outcomes and a budget, and "
            "work as one."
        )
    ),
    Route.STRATEGIC_PARTNERSHIP: message(
        gettext_noop("One lead provider holds the contract and subcontracts to others.")
    ),
    Route.OUTCOMES_CONTRACT: message(
        gettext_noop(
            "Pay for results achieved, with social investors funding delivery up front if needed."
        )
    ),
    Route.PILOT: message(
        gettext_noop("Try something new at small scale, learn, then decide how to buy it.")
    ),
    Route.SMALL_LOTS: message(
        gettext_noop(
            "Split the contract by place, group of people or service so small providers can bid."
        )
    ),
    Route.PSR_DIRECT_AWARD_A: message(
        gettext_noop("Award to the existing provider when only they can provide the service.")
    ),
    Route.PSR_DIRECT_AWARD_B: message(
        gettext_noop(
            "Where patients choose, offer a contract to every provider that meets the requirements."
        )
    ),
    Route.PSR_DIRECT_AWARD_C: message(
        gettext_noop(
            "Renew with an existing provider who is doing well, when the service is not "
            "changing much."
        )
    ),
    Route.PSR_MOST_SUITABLE_PROVIDER: message(
        gettext_noop(
            "Choose the most suitable provider against the key criteria, without a competition."
        )
    ),
    Route.PSR_COMPETITIVE: message(
        gettext_noop("Run a competition between providers, assessed against the key criteria.")
    ),
}
