"""Clarification questions: a provider asks while questions are open; those who run the
opportunity answer, publishing the answer to everyone (the asker never shown) or replying to the
asker alone. Audited. The reads the pages and the API share are here too.

A question's state comes from its fields: no answer yet is waiting; an answer with
``published_at`` is published to everyone; an answer without it is a private reply to the asker.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.competitions import notices as opportunity_notices
from commonweal.competitions import permissions
from commonweal.competitions.models import Opportunity, Question
from commonweal.core import audit
from commonweal.notifications import services as notifications
from commonweal.organisations.models import Organisation

# The longest question or answer, in characters: a clarification, not an essay.
LONGEST_QUESTION = 2000
LONGEST_ANSWER = 10000

WAITING, PUBLISHED, PRIVATE = "waiting", "published", "private"


def question_state(question: Question) -> str:
    """Waiting for an answer, answered and published to everyone, or answered to the asker alone."""
    if not question.answer:
        return WAITING
    return PUBLISHED if question.published_at is not None else PRIVATE


def why_cannot_ask(opportunity: Opportunity, *, now: datetime | None = None) -> str | None:
    """Why no question can be asked now, or None when one can."""
    now = now or timezone.now()
    if not opportunity.is_published or opportunity.status != Opportunity.Status.OPEN:
        return _("This opportunity is not open, so it takes no questions.")
    if now >= opportunity.questions_close_at:
        return _("Questions closed at %(when)s. No more can be asked.") % {
            "when": _when(opportunity.questions_close_at)
        }
    return None


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@transaction.atomic
def question_ask(
    *,
    actor: User,
    opportunity: Opportunity,
    organisation: Organisation,
    text: str,
    now: datetime | None = None,
) -> Question:
    """Ask a clarification question for an organisation the person speaks for, while questions are open."""
    if not permissions.can_bid_for(actor, organisation):
        raise PermissionDenied
    why_not = why_cannot_ask(opportunity, now=now)
    if why_not:
        raise ValidationError(why_not)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("Enter your question")})
    if len(text) > LONGEST_QUESTION:
        raise ValidationError(
            {"text": _("Your question must be %(most)s characters or fewer") % {"most": "2,000"}}
        )
    if Question.objects.filter(
        opportunity=opportunity, asked_for=organisation, text=text, answer=""
    ).exists():
        raise ValidationError(
            {"text": _("You have asked this question already. It is waiting for an answer.")}
        )
    with audit.audit_context(actor=actor, reason=_("Asked a clarification question")):
        return Question.objects.create(
            opportunity=opportunity, asked_by=actor, asked_for=organisation, text=text
        )


@transaction.atomic
def question_answer(
    *,
    actor: User,
    question: Question,
    answer: str,
    publish: bool,
    now: datetime | None = None,
) -> Question:
    """Answer a question: published to everyone (the asker never shown, interested providers told),
    or a reply to the asker alone. A published answer can be corrected but not taken back.
    Sent unchanged, nothing is written."""
    opportunity = question.opportunity
    if not permissions.can_manage(actor, opportunity):
        raise PermissionDenied
    answer = (answer or "").replace("\r\n", "\n").strip()
    if not answer:
        raise ValidationError({"answer": _("Enter the answer")})
    if len(answer) > LONGEST_ANSWER:
        raise ValidationError(
            {"answer": _("The answer must be %(most)s characters or fewer") % {"most": "10,000"}}
        )
    was = question_state(question)
    if was == PUBLISHED and not publish:
        raise ValidationError(
            {
                "publish": _(
                    "This answer is published already: everyone has been able to read it, so it "
                    "cannot be made private. You can correct its words."
                )
            }
        )
    if question.answer == answer and (question.published_at is not None) == publish:
        return question
    now = now or timezone.now()
    reason = (
        _("Published the answer to a clarification question")
        if publish
        else _("Replied privately to a clarification question")
    )
    with audit.audit_context(actor=actor, reason=reason):
        question.answer = answer
        question.answered_by = actor
        if publish and question.published_at is None:
            question.published_at = now
        question.save(update_fields=["answer", "answered_by", "published_at"])
    if was != PUBLISHED and publish:
        _tell_published(question, actor=actor)
    elif not publish:
        _tell_asker(question, actor=actor)
    return question


# --- telling people ------------------------------------------------------------------------------
# Sent about the opportunity (competitions/notices.py registers its kind), to the named people only
# (public=False): the interested providers' people and the asker, not everyone following the place.


def questions_url(opportunity: Opportunity) -> str:
    return reverse("competitions:questions", kwargs={"pk": opportunity.pk})


def _tell_published(question: Question, *, actor: User) -> None:
    opportunity = question.opportunity
    people = set(opportunity_notices.interested_people(opportunity))
    if question.asked_by_id is not None:
        people.add(question.asked_by_id)
    if not people:
        return
    notifications.notify(
        topic=opportunity_notices.TOPIC,
        kind=opportunity_notices.KIND,
        record=opportunity,
        headline=_("A question about “%(title)s” is answered") % {"title": opportunity.title},
        body=_("Question: %(question)s\n\nAnswer: %(answer)s")
        % {"question": question.text, "answer": question.answer},
        url=questions_url(opportunity),
        to=people,
        public=False,
        actor=actor,
    )


def _tell_asker(question: Question, *, actor: User) -> None:
    opportunity = question.opportunity
    if question.asked_by_id is None:
        return
    notifications.notify(
        topic=opportunity_notices.TOPIC,
        kind=opportunity_notices.KIND,
        record=opportunity,
        headline=_("Your question about “%(title)s” has a reply for you alone")
        % {"title": opportunity.title},
        body=_(
            "The reply is not published to other providers. Read it with your questions on the "
            "opportunity's questions page."
        ),
        url=questions_url(opportunity),
        to=[question.asked_by_id],
        public=False,
        actor=actor,
    )


# --- reads ---------------------------------------------------------------------------------------


def published_questions(opportunity: Opportunity) -> QuerySet[Question]:
    """The published questions and answers, oldest first: only what everyone may see is loaded."""
    return (
        Question.objects.filter(opportunity=opportunity, published_at__isnull=False)
        .exclude(answer="")
        .only("id", "opportunity_id", "text", "answer", "published_at")
        .order_by("published_at", "id")
    )


def all_questions(opportunity: Opportunity) -> QuerySet[Question]:
    """Every question with who asked, for those who run the opportunity, oldest first."""
    return (
        Question.objects.filter(opportunity=opportunity)
        .select_related("asked_by", "asked_for")
        .order_by("asked_at", "id")
    )


def own_questions(user: User, opportunity: Opportunity) -> QuerySet[Question]:
    """The questions asked for the organisations this person speaks for, newest first."""
    organisations = [org.pk for org in permissions.bidder_organisations(user)]
    return (
        Question.objects.filter(opportunity=opportunity, asked_for_id__in=organisations)
        .select_related("asked_for")
        .order_by("-asked_at", "-id")
    )


def question_get(opportunity: Opportunity, pk: int) -> Question | None:
    if pk > 2**63 - 1:
        return None
    return (
        Question.objects.filter(opportunity=opportunity, pk=pk)
        .select_related("asked_by", "asked_for", "opportunity__plan")
        .first()
    )


def opportunity_get(pk: int) -> Opportunity | None:
    if pk > 2**63 - 1:
        return None
    return Opportunity.objects.filter(pk=pk).select_related("plan").first()
