"""The ownership matrix: how every route behaves for its owner, another user and nobody.

Every named URL pattern and API route must have an entry here; ``test_ownership`` fails
for a route that is missing. A feature that adds a route adds its entry: who may reach it,
which methods it answers, and, for a route about one object, how to make the owner's object
(the outsider must then get 404 and learn nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.conftest import OWNER_CANARY

Access = Literal["public", "private"]


@dataclass(frozen=True)
class Case:
    access: Access
    methods: frozenset[str]
    api: bool = False
    # Builds the owner's object and returns the URL kwargs that name it; None for routes
    # about the signed-in user as a whole (their settings, /me), where an outsider simply
    # sees their own.
    make: Callable[[Any], dict[str, Any]] | None = None
    # Fixed URL kwargs for routes that name something that is not an owned object.
    kwargs: dict[str, Any] = field(default_factory=dict)
    # What a GET answers when everything is right (a public route may answer 404 by design).
    ok_status: int = 200
    # Form data or JSON that an outsider's POST carries while trying to reach the owner.
    post_body: dict[str, Any] = field(default_factory=dict)


def _reason(owner: Any) -> Any:
    from recouple.assessment.models import Assessment, BreakupReason

    assessment = Assessment.for_user(owner)
    return BreakupReason.objects.create(assessment=assessment, text=OWNER_CANARY)


def _report(owner: Any) -> Any:
    from recouple.assessment.models import Assessment, BreakupReason

    assessment = Assessment.for_user(owner)
    BreakupReason.objects.create(assessment=assessment, text=OWNER_CANARY)
    return assessment.make_report()


GET = frozenset({"GET", "HEAD"})
GET_POST = frozenset({"GET", "HEAD", "POST"})
POST = frozenset({"POST"})
ANY = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})

MATRIX: dict[str, Case] = {
    "core:home": Case("public", GET),
    "core:healthz": Case("public", GET),
    "core:crisis": Case("public", GET),
    "core:privacy": Case("public", GET),
    "core:neutral": Case("public", GET),
    "accounts:signup": Case("public", GET_POST),
    "accounts:login": Case("public", GET_POST),
    "accounts:logout": Case("public", POST),
    "accounts:settings": Case(
        "private", GET_POST, post_body={"time_zone": "UTC", "ex_name": "overwritten"}
    ),
    "accounts:password": Case("private", GET_POST),
    "accounts:delete": Case("private", GET_POST, post_body={"password": "wrong password"}),
    # Only names the API's base path: 404 for every method.
    "api:api-root": Case("public", ANY, api=True, ok_status=404),
    "api:openapi-json": Case("public", GET, api=True),
    "api:signup": Case("public", POST, api=True),
    "api:token": Case("public", POST, api=True),
    "api:me": Case("private", frozenset({"GET"}), api=True),
    # Reflect: the assessment and its reports.
    "assessment:start": Case("private", GET),
    "assessment:review": Case("private", GET_POST),
    "assessment:page": Case(
        "private", GET_POST, kwargs={"slug": "reasons"}, post_body={"violence": "yes"}
    ),
    "assessment:item_add": Case(
        "private", POST, kwargs={"kind": "reasons"}, post_body={"text": "outsider's own"}
    ),
    "assessment:item_edit": Case(
        "private",
        GET_POST,
        make=lambda owner: {"kind": "reasons", "pk": _reason(owner).pk},
        post_body={"text": "overwritten", "still_applies": "on"},
    ),
    "assessment:item_delete": Case(
        "private", POST, make=lambda owner: {"kind": "reasons", "pk": _reason(owner).pk}
    ),
    "assessment:report": Case("private", GET, make=lambda owner: {"pk": _report(owner).pk}),
    "api:assessment": Case(
        "private", frozenset({"GET", "PATCH"}), api=True, post_body={"violence": True}
    ),
    "api:assessment_items": Case(
        "private", POST, api=True, kwargs={"kind": "reasons"}, post_body={"text": "mine"}
    ),
    "api:assessment_item": Case(
        "private",
        frozenset({"PATCH", "DELETE"}),
        api=True,
        make=lambda owner: {"kind": "reasons", "item_id": _reason(owner).pk},
        post_body={"text": "overwritten"},
    ),
    "api:reports": Case("private", frozenset({"GET", "POST"}), api=True),
    "api:report": Case(
        "private", frozenset({"GET"}), api=True, make=lambda owner: {"report_id": _report(owner).pk}
    ),
    # The path.
    "path:overview": Case("private", GET),
    "path:step": Case("private", GET, kwargs={"slug": "no-contact"}),
    "path:letting_go": Case("private", GET),
    "path:safety": Case("public", GET),
    "api:path": Case("private", frozenset({"GET"}), api=True),
}
