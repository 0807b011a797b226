"""The should/can assessment: working answers that are edited freely, and kept reports.

Answers change as the user thinks; a report is a sealed snapshot of the answers and of what
the rules made of them at that moment, so changing an answer later never rewrites history.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.db import models, transaction
from django.http import Http404, HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField
from recouple.program import readiness as rules

ANSWER_CHOICES = [
    (rules.Answer.YES.value, _("Yes")),
    (rules.Answer.NO.value, _("No")),
    (rules.Answer.NOT_SURE.value, _("I’m not sure")),
]
WHOSE_CHOICES = [
    (rules.Whose.MINE.value, _("Mine")),
    (rules.Whose.THEIRS.value, _("Theirs")),
    (rules.Whose.BOTH.value, _("Both of ours")),
]
STANCE_CHOICES = [
    (rules.Stance.SUPPORTIVE.value, _("Supportive")),
    (rules.Stance.NEUTRAL.value, _("Neutral")),
    (rules.Stance.RECOILED.value, _("They pulled back, worried")),
]
RELATION_CHOICES = [
    (rules.Relation.THERAPIST.value, _("Therapist or counsellor")),
    (rules.Relation.FRIEND.value, _("Friend")),
    (rules.Relation.FAMILY.value, _("Family")),
    (rules.Relation.OTHER.value, _("Someone else")),
]
ENDED_BY_CHOICES = [
    (rules.EndedBy.THEM.value, _("They did")),
    (rules.EndedBy.ME.value, _("I did")),
    (rules.EndedBy.BOTH.value, _("We both did")),
    (rules.EndedBy.UNCLEAR.value, _("It’s hard to say")),
]
OUTCOME_CHOICES = [(o.value, o.value) for o in rules.Outcome]

# How many entries one list may hold: enough to be honest, few enough to stay readable.
LIST_LIMIT = 20


def _answer(value: str) -> rules.Answer | None:
    return rules.Answer(value) if value else None


class Assessment(models.Model):
    """One per user: the answers as they stand now, saved page by page."""

    user = models.OneToOneField(User, models.CASCADE, related_name="assessment")
    violence = models.BooleanField(null=True)
    threats = models.BooleanField(null=True)
    control = models.BooleanField(null=True)
    same_goals = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    same_love = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    both_willing = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    only_happy_with_them = models.BooleanField(null=True)
    new_relationship = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    trust_beyond_repair = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    can_accept_no = models.CharField(max_length=10, choices=ANSWER_CHOICES, blank=True)
    ended_by = models.CharField(
        _("Who ended it?"), max_length=10, choices=ENDED_BY_CHOICES, blank=True
    )
    last_page = models.CharField(max_length=20, default="safety")
    created = models.DateTimeField(default=now)
    updated = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"assessment of user {self.user_id}"

    @classmethod
    def for_user(cls, user: User) -> Assessment:
        assessment, _created = cls.objects.get_or_create(user=user)
        return assessment

    def touch(self, page: str) -> None:
        self.last_page = page
        self.updated = now()
        self.save(update_fields=["last_page", "updated"])

    @property
    def safety_answered(self) -> bool:
        return None not in (self.violence, self.threats, self.control)

    @property
    def safety_concern(self) -> bool:
        return bool(self.violence or self.threats or self.control)

    def answers(self) -> rules.Answers:
        return rules.Answers(
            reasons=tuple(
                rules.BreakupReason(r.text, r.still_applies, r.pk) for r in self.reasons.all()
            ),
            changes=tuple(
                rules.Change(c.text, c.evidence, c.answers_id) for c in self.changes.all()
            ),
            qualities=tuple(
                rules.Quality(
                    q.text,
                    q.loved,
                    q.changeable,
                    rules.Whose(q.whose) if q.whose else None,
                )
                for q in self.qualities.all()
            ),
            same_goals=_answer(self.same_goals),
            same_love=_answer(self.same_love),
            both_willing=_answer(self.both_willing),
            only_happy_with_them=bool(self.only_happy_with_them),
            opinions=tuple(
                rules.Opinion(o.who, rules.Relation(o.relation), rules.Stance(o.stance), o.said)
                for o in self.opinions.all()
            ),
            new_relationship=_answer(self.new_relationship),
            trust_beyond_repair=_answer(self.trust_beyond_repair),
            can_accept_no=_answer(self.can_accept_no),
            safety=rules.Safety(bool(self.violence), bool(self.threats), bool(self.control)),
            ended_by=rules.EndedBy(self.ended_by) if self.ended_by else None,
        )

    def missing(self) -> list[tuple[str, str]]:
        """The pages still needing an answer before a report can be made, as (page, why)."""
        if self.safety_concern:
            return []  # safety decides on its own; nothing else is needed
        gaps = []
        if not self.safety_answered:
            gaps.append(("safety", str(_("Answer the three safety questions."))))
        if not self.reasons.exists():
            gaps.append(("reasons", str(_("Add at least one reason the relationship ended."))))
        if "" in (self.same_goals, self.same_love, self.both_willing) or (
            self.only_happy_with_them is None
        ):
            gaps.append(("fit", str(_("Answer the questions about how you fit together."))))
        if "" in (self.new_relationship, self.trust_beyond_repair, self.can_accept_no):
            gaps.append(("can-you", str(_("Answer the three “can you?” questions."))))
        return gaps

    def make_report(self) -> Report:
        """Seal the current answers and what the rules make of them into a new report."""
        answers = self.answers()
        result = rules.readiness(answers)
        snapshot = {
            "answers": asdict(answers),
            "findings": [asdict(f) for f in result.findings],
        }
        with transaction.atomic():
            return Report.objects.create(
                user=self.user,
                outcome=result.outcome.value,
                safety_concern=answers.safety.concern,
                still_applying=sum(1 for r in answers.reasons if r.still_applies),
                accept_no_first=any(f.code is rules.Code.CANNOT_ACCEPT_NO for f in result.blockers),
                snapshot=json.dumps(snapshot),
            )


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE)
    created = models.DateTimeField(default=now)

    class Meta:
        abstract = True
        ordering = ["created", "pk"]

    @property
    def label(self) -> str:
        """A few words that name the entry, for buttons read out by screen readers."""
        return str(getattr(self, "text", "") or getattr(self, "who", ""))


class BreakupReason(AssessmentItem):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="reasons")
    text = EncryptedTextField(_("Why it ended"))
    still_applies = models.BooleanField(_("This still applies today"), default=True)

    def __str__(self) -> str:
        return f"reason {self.pk}"


class Change(AssessmentItem):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="changes")
    text = EncryptedTextField(_("What has changed"))
    evidence = EncryptedTextField(_("What shows it has changed"), blank=True, default="")
    # The reason this change answers; a change that answers none clears no reason.
    answers = models.ForeignKey(
        BreakupReason,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_by",
        verbose_name=_("Which reason does it answer?"),
    )

    def __str__(self) -> str:
        return f"change {self.pk}"


class Quality(AssessmentItem):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="qualities")
    text = EncryptedTextField(_("The quality"))
    loved = models.BooleanField(_("Loved it"), default=True)
    changeable = models.BooleanField(_("Could it change?"), null=True)
    whose = models.CharField(_("Whose is it?"), max_length=10, choices=WHOSE_CHOICES, blank=True)

    def __str__(self) -> str:
        return f"quality {self.pk}"


class Opinion(AssessmentItem):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="opinions")
    who = EncryptedTextField(_("Who"))
    relation = models.CharField(_("Who they are to you"), max_length=10, choices=RELATION_CHOICES)
    stance = models.CharField(_("How they reacted"), max_length=10, choices=STANCE_CHOICES)
    said = EncryptedTextField(_("What they said"), blank=True, default="")

    def __str__(self) -> str:
        return f"opinion {self.pk}"


class Report(models.Model):
    """A readiness report, kept for good: the answers and findings as they were that day."""

    user = models.ForeignKey(User, models.CASCADE, related_name="reports")
    created = models.DateTimeField(default=now, db_index=True)
    outcome = models.CharField(max_length=10, choices=OUTCOME_CHOICES)
    safety_concern = models.BooleanField(default=False)
    still_applying = models.PositiveIntegerField(default=0)
    # Waiting because a "no" would be too hard to accept yet: the path names that work.
    accept_no_first = models.BooleanField(default=False)
    snapshot = EncryptedTextField()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["user", "-created"], name="report_user_recent")]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.outcome})"

    @property
    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.snapshot)
        return loaded

    @property
    def ended_by_note(self) -> str:
        """Words for who ended it, as the answer stood when the report was made."""
        ended_by = self.data["answers"].get("ended_by")
        return rules.ended_by_note(rules.EndedBy(ended_by) if ended_by else None)

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(self.data["findings"])

    @property
    def blockers(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["leads_to"] != rules.Outcome.PROCEED.value]

    @property
    def notes(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["leads_to"] == rules.Outcome.PROCEED.value]

    def previous(self) -> Report | None:
        return (
            Report.objects.filter(user_id=self.user_id, created__lt=self.created)
            .order_by("-created", "-pk")
            .first()
        )

    def compare(self, before: Report) -> dict[str, Any]:
        """What moved since an earlier report, in counts the page can put into words."""
        now_codes = {f["code"] for f in self.blockers}
        then_codes = {f["code"] for f in before.blockers}
        return {
            "since": before.created,
            "outcome_changed": before.outcome != self.outcome,
            "before_outcome": before.outcome,
            "no_longer_apply": max(0, before.still_applying - self.still_applying),
            "newly_apply": max(0, self.still_applying - before.still_applying),
            "resolved": [f for f in before.blockers if f["code"] not in now_codes],
            "new": [f for f in self.blockers if f["code"] not in then_codes],
        }


def latest_report(user: User) -> Report | None:
    return Report.objects.filter(user=user).order_by("-created", "-pk").first()


def get_report_for_user(request: HttpRequest, pk: int) -> Report:
    return owned_or_404(Report, request, pk)


ITEM_MODELS: dict[str, type[BreakupReason] | type[Change] | type[Quality] | type[Opinion]] = {
    "reasons": BreakupReason,
    "changes": Change,
    "qualities": Quality,
    "opinions": Opinion,
}


def get_item_for_user(request: HttpRequest, kind: str, pk: int) -> AssessmentItem:
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    return owned_or_404(model, request, pk, owner="assessment__user")
