"""The route advisor's questions, in the order the pages ask them, one question a page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from commonweal.commissioning.routes.model import Buyer, ServiceKind
from commonweal.core.policy import Jurisdiction
from commonweal.messages import Message, gettext_noop, message

QuestionKind = Literal["choice", "yes_no", "money", "months", "date", "jurisdiction"]


@dataclass(frozen=True)
class Question:
    key: str  # the Answers field it fills
    text: Message  # the page's question
    hint: Message
    kind: QuestionKind
    choices: tuple[tuple[str, Message], ...] = ()  # (value, label) for "choice" and "jurisdiction"
    # Given the answers so far, whether to ask at all; a yes/no question not asked is answered no.
    asked_when: Callable[[Mapping[str, Any]], bool] | None = None

    def is_asked(self, answers: Mapping[str, Any]) -> bool:
        return self.asked_when is None or self.asked_when(answers)


def said_yes(answer: Any) -> bool:
    """A yes/no answer as a page or a session may hold it: True, "yes", "true", "1" or "on"."""
    if isinstance(answer, bool):
        return answer
    return str(answer).strip().lower() in {"yes", "true", "1", "on"}


def _when_incumbent(answers: Mapping[str, Any]) -> bool:
    return said_yes(answers.get("incumbent"))


def _when_people_services(answers: Mapping[str, Any]) -> bool:
    return answers.get("service_kind") in {ServiceKind.LIGHT_TOUCH, ServiceKind.HEALTH_CARE}


def _text(template: str) -> Message:
    return message(template)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "service_kind",
        _text(gettext_noop("What kind of thing are you buying or funding?")),
        _text(gettext_noop("Choose the kind that makes up most of the value.")),
        "choice",
        choices=(
            (
                ServiceKind.LIGHT_TOUCH.value,
                _text(
                    gettext_noop(
                        "Services for people, such as social care, education, community, "
                        "housing support or employment support (light touch services)"
                    )
                ),
            ),
            (
                ServiceKind.HEALTH_CARE.value,
                _text(
                    gettext_noop(
                        "Health care, such as hospital, community, mental health or primary care, "
                        "or public health services such as drug and alcohol or sexual health"
                    )
                ),
            ),
            (ServiceKind.OTHER_SERVICES.value, _text(gettext_noop("Other services"))),
            (ServiceKind.GOODS.value, _text(gettext_noop("Goods"))),
            (ServiceKind.WORKS.value, _text(gettext_noop("Building or engineering works"))),
        ),
    ),
    Question(
        "buyer",
        _text(gettext_noop("Who is buying?")),
        _text(
            gettext_noop(
                "If your body is listed in Schedule 2 to the Procurement Regulations 2024 "
                "(central government authorities), choose central government: a lower "
                "threshold applies."
            )
        ),
        "choice",
        choices=(
            (
                Buyer.CENTRAL_GOVERNMENT.value,
                _text(gettext_noop("A central government department or agency")),
            ),
            (
                Buyer.SUB_CENTRAL.value,
                _text(
                    gettext_noop(
                        "A council, combined authority, police, fire or other local public body"
                    )
                ),
            ),
            (
                Buyer.NHS.value,
                _text(
                    gettext_noop("An NHS body, such as an integrated care board or an NHS trust")
                ),
            ),
        ),
    ),
    Question(
        "jurisdiction",
        _text(gettext_noop("Where is the buying body?")),
        _text(gettext_noop("Each part of the UK has its own procurement rules.")),
        "jurisdiction",
        choices=tuple(
            (
                place.value,
                _text(
                    {
                        Jurisdiction.ENGLAND: gettext_noop("England"),
                        Jurisdiction.WALES: gettext_noop("Wales"),
                        Jurisdiction.SCOTLAND: gettext_noop("Scotland"),
                        Jurisdiction.NORTHERN_IRELAND: gettext_noop("Northern Ireland"),
                    }[place]
                ),
            )
            for place in Jurisdiction
        ),
    ),
    Question(
        "starts_on",
        _text(gettext_noop("When would the procurement start?")),
        _text(
            gettext_noop(
                "The day you would publish a tender or transparency notice, or first contact "
                "providers. The rules in force on that day apply."
            )
        ),
        "date",
    ),
    Question(
        "estimated_value",
        _text(gettext_noop("What is the estimated value of the contract?")),
        _text(
            gettext_noop(
                "In pounds, including VAT, for its whole life, including any extensions. "
                "Do not split a need to keep it under a threshold."
            )
        ),
        "money",
    ),
    Question(
        "duration_months",
        _text(gettext_noop("How long would it last?")),
        _text(gettext_noop("In months, including any extensions.")),
        "months",
    ),
    Question(
        "market_exists",
        _text(gettext_noop("Could more than one provider deliver it?")),
        _text(
            gettext_noop(
                "Answer no only if a single provider can, for example because of exclusive "
                "rights or for technical reasons."
            )
        ),
        "yes_no",
    ),
    Question(
        "incumbent",
        _text(gettext_noop("Does someone deliver it now?")),
        _text(gettext_noop("An existing provider under a contract or grant that is ending.")),
        "yes_no",
    ),
    Question(
        "incumbent_satisfactory",
        _text(gettext_noop("Do they deliver it well, and will the service stay much the same?")),
        _text(
            gettext_noop(
                "Answer no if the service, its scale or its cost would change considerably."
            )
        ),
        "yes_no",
        asked_when=_when_incumbent,
    ),
    Question(
        "users_choose_provider",
        _text(gettext_noop("Do the people who use it choose their provider?")),
        _text(gettext_noop("For example with personal budgets, or patient choice in the NHS.")),
        "yes_no",
    ),
    Question(
        "needs_innovation",
        _text(gettext_noop("Do you need something new that has not been tried?")),
        _text(gettext_noop("A new way of working, or a service that needs to be developed.")),
        "yes_no",
    ),
    Question(
        "suits_grant",
        _text(gettext_noop("Would you be funding someone else's purpose?")),
        _text(
            gettext_noop(
                "A grant supports an organisation's own work. Answer no if you set what is "
                "delivered and your authority gets the benefit: that is buying a service."
            )
        ),
        "yes_no",
    ),
    Question(
        "outcomes_measurable",
        _text(gettext_noop("Can the outcomes be measured and priced?")),
        _text(
            gettext_noop(
                "For example, a price for each person who moves into a settled home and keeps it."
            )
        ),
        "yes_no",
    ),
    Question(
        "provider_needs_investment",
        _text(gettext_noop("Would a provider need investment to deliver it?")),
        _text(gettext_noop("Money up front to set up or grow before payments come in.")),
        "yes_no",
    ),
    Question(
        "multi_agency",
        _text(gettext_noop("Would several agencies commission it together?")),
        _text(gettext_noop("For example the council, the NHS, the police and housing.")),
        "yes_no",
    ),
    Question(
        "framework_available",
        _text(gettext_noop("Does an existing framework or dynamic market cover this service?")),
        _text(gettext_noop("One your organisation is allowed to buy from.")),
        "yes_no",
    ),
    Question(
        "mutuals_in_market",
        _text(gettext_noop("Could public service mutuals deliver it?")),
        _text(
            gettext_noop(
                "Organisations that left the public sector, run for public services, not for "
                "profit, and managed and controlled by their staff."
            )
        ),
        "yes_no",
        asked_when=_when_people_services,
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}
