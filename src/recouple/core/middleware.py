from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

# Every asset comes from this app; no inline script, no other host, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    """Security headers on every response the app makes, and no caching of any of them.

    Pages hold diary-like text: a shared computer's back button or disk cache must not
    show it to the next person.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        add_never_cache_headers(response)
        return response


# The words for the statuses whose reason phrase says too little.
API_ERRORS = {404: "Not found.", 500: "Something went wrong on our side."}


class ApiErrorsAsJsonMiddleware:
    """Under /api/ every error is JSON, even one Django answers before the API sees it (a body
    too large, a method the route doesn't have)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            converted = JsonResponse(
                {
                    "error": API_ERRORS.get(response.status_code, f"{response.reason_phrase}."),
                    "detail": None,
                },
                status=response.status_code,
            )
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    converted[header] = response[header]
            return converted
        return response
