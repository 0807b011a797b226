from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from recouple.accounts.models import User
from recouple.assessment.models import Assessment
from recouple.program.crisis import countries, known_country, lines_for


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not isinstance(request.user, User):
        return render(request, "pages/welcome.html")
    if Assessment.objects.filter(user=request.user).exists():
        return redirect("dashboard:index")
    return render(request, "pages/home.html", {"today": request.user.today()})


@require_safe
def crisis(request: HttpRequest) -> HttpResponse:
    """Crisis lines for the user's country, or for the one they pick here (no account needed)."""
    chosen = request.GET.get("country")
    if chosen is None or not known_country(chosen):
        chosen = request.user.country if isinstance(request.user, User) else ""
    return render(
        request,
        "pages/crisis.html",
        {"lines": lines_for(chosen), "countries": countries(), "chosen": chosen},
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: Recouple installs on a phone's home screen like an app.

    There is deliberately no service worker: nothing private is kept in a cache on the device.
    The name on the home screen is the app's neutral one.
    """
    icons = [
        {"src": static(f"recouple/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("recouple/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    icons.append({"src": static("recouple/icon.svg"), "sizes": "any", "type": "image/svg+xml"})
    data = {
        "name": "Recouple",
        "short_name": "Recouple",
        "description": "A private companion for a hard time.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f6f4f0",
        "theme_color": "#2c5f63",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_safe
def neutral(request: HttpRequest) -> HttpResponse:
    """Where the quick-exit control lands: a plain page that says nothing about Recouple."""
    return render(request, "pages/neutral.html")


# Under /api/ these pages become JSON on the way out (ApiErrorsAsJsonMiddleware).
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
