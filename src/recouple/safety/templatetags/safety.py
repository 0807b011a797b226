"""{% safety_net %}: the user's own safety net inside every crisis view.

Their safety plan (one tap away, or gently offered the first time), their trusted person
with Call and Text links the phone handles. Crisis views live in several apps (journal,
drafts, letters, Help, Pause); this tag lets each show the same thing without importing it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.safety.models import SafetyPlan, trusted_person_of

register = template.Library()


@register.inclusion_tag("safety/_net.html", takes_context=True)
def safety_net(context: template.Context, offer: bool = True) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"signed_in": False}
    plan = SafetyPlan.objects.filter(user=user).first()
    first_offer = False
    if offer and (plan is None or (plan.offered_at is None and not plan.is_written())):
        # Offered once, kindly; after that it is only a link, never pressed again.
        first_offer = True
        plan, _created = SafetyPlan.objects.update_or_create(
            user=user, defaults={"offered_at": now()}
        )
    return {
        "signed_in": True,
        "has_plan": plan is not None and plan.is_written(),
        "first_offer": first_offer,
        "trusted": trusted_person_of(user),
    }
