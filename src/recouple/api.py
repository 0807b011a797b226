"""The JSON API under /api/v1/: token auth, typed schemas, errors as JSON."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer

from recouple.accounts.api import router as accounts_router
from recouple.accounts.models import ApiToken, User
from recouple.amends.api import router as amends_router
from recouple.assessment.api import router as assessment_router
from recouple.dashboard.api import router as dashboard_router
from recouple.drafts.api import router as drafts_router
from recouple.growth.api import router as growth_router
from recouple.journal.api import router as journal_router
from recouple.nocontact.api import router as nocontact_router
from recouple.path.api import router as path_router
from recouple.reconnect.api import router as reconnect_router
from recouple.reminders.api import router as reminders_router
from recouple.safety.api import router as safety_router
from recouple.summaries.api import router as summaries_router
from recouple.supporters.api import router as supporters_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


class ObjectBodyParser(Parser):
    """A request body is one JSON object; `null`, a list or a bare string is refused (400)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # Only JSON: a form body would be half-read by the sign-in lockout (which reads
        # request.POST) and let a wrong password go unrecorded.
        kind = request.content_type or ""
        if kind and kind != "application/json":
            raise ValueError("send the body as application/json")
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


api = NinjaAPI(
    title="Recouple API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    # The interactive docs page loads its scripts from a CDN: the schema alone is served.
    docs_url=None,
    docs_decorator=require_safe,
    parser=ObjectBodyParser(),
)
api.add_router("/", accounts_router)
api.add_router("/", assessment_router)
api.add_router("/", path_router)
api.add_router("/", nocontact_router)
api.add_router("/", drafts_router)
api.add_router("/", amends_router)
api.add_router("/", reconnect_router)
api.add_router("/", journal_router)
api.add_router("/", growth_router)
api.add_router("/", dashboard_router)
api.add_router("/", reminders_router)
api.add_router("/", safety_router)
api.add_router("/", supporters_router)
api.add_router("/", summaries_router)


class ErrorOut(Schema):
    error: str
    detail: Any = None


# Every operation can answer these with ErrorOut; the schema says so, and the fuzz checks it.
ERROR_STATUSES = (400, 401, 404, 409, 429)
for _prefix, _router in api._routers:
    for _path in _router.path_operations.values():
        for _operation in _path.operations:
            for _status in ERROR_STATUSES:
                _operation.response_models.setdefault(
                    _status, _operation._create_response_model(ErrorOut)
                )


def error(request: HttpRequest, status: int, message: str, detail: Any = None) -> HttpResponse:
    return api.create_response(request, {"error": message, "detail": detail}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return error(request, 400, "The request body or parameters are not valid.", detail)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error(request, 401, "Sign in first: send 'Authorization: Bearer <token>'.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "Not found.")
