from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts import confirmation
from recouple.accounts.forms import (
    DeleteAccountForm,
    LockoutPasswordChangeForm,
    RecoverForm,
    RecoveryCodesForm,
    SettingsForm,
    SignupForm,
)
from recouple.accounts.models import ApiToken, RecoveryCode, User, get_token_for_user
from recouple.accounts.portability import (
    MAX_BYTES,
    ImportProblem,
    export_csv_zip,
    export_json,
    import_user,
    read_export,
)
from recouple.core.ratelimit import TokenBucket

LOCKED_OUT = "Too many tries with that username from here. Please wait 15 minutes, then try again."
TOO_MANY_SIGNUPS = "Too many new accounts from here in the last hour. Please try again later."
TOO_MANY_SIGNUP_TRIES = "Too many tries from here in the last hour. Please try again later."
TOO_MANY_RECOVERY_TRIES = "Too many tries from here in the last hour. Please try again later."
CODE_DOES_NOT_FIT = (
    "That username and code don’t fit together, or the code was used already. "
    "Check both and try again."
)
FRESH_CODES = "fresh_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("pages:home")
    if not settings.SIGNUPS_OPEN:
        return render(request, "accounts/signups_closed.html", status=403)
    if request.method == "POST" and not TokenBucket.authorize_signup_attempt(request):
        # Before the form is checked: the same answer whether or not the name is taken.
        context = {
            "form": SignupForm(),
            "refused": _(TOO_MANY_SIGNUP_TRIES),
        }
        return render(request, "accounts/signup.html", context, status=429)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not TokenBucket.authorize_signup(request):
            form.add_error(None, _(TOO_MANY_SIGNUPS))
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        user = User.objects.create_account(
            form.cleaned_data["username"],
            form.cleaned_data["password1"],
            form.cleaned_data["time_zone"],
            form.cleaned_data["country"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. Your account is ready, and it is yours alone."))
        # Shown once, on the next page: kept in the session only until then.
        request.session[FRESH_CODES] = RecoveryCode.issue(user)
        return redirect("accounts:recovery_codes")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
@sensitive_post_parameters("password")
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The codes just made (once), how many are left, and new ones for the password."""
    assert isinstance(request.user, User)
    codes = request.session.pop(FRESH_CODES, None)
    form = RecoveryCodesForm(request, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = RecoveryCode.issue(request.user)
        form = RecoveryCodesForm(request, request.user)
    context = {"codes": codes, "form": form, "left": RecoveryCode.left(request.user)}
    return render(request, "accounts/recovery_codes.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("code", "password1", "password2")
def recover(request: HttpRequest) -> HttpResponse:
    """A forgotten password: one recovery code sets a new one. Says nothing about usernames."""
    if request.user.is_authenticated:
        return redirect("accounts:password")
    if request.method == "POST" and not TokenBucket.authorize_recovery_attempt(request):
        context = {"form": RecoverForm(), "refused": _(TOO_MANY_RECOVERY_TRIES)}
        return render(request, "accounts/recover.html", context, status=429)
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = RecoveryCode.reset_password(data["username"], data["code"], data["password1"])
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            left = RecoveryCode.left(user)
            messages.success(
                request,
                ngettext(
                    "Your new password is set. You have %(n)s recovery code left.",
                    "Your new password is set. You have %(n)s recovery codes left.",
                    left,
                )
                % {"n": left},
            )
            return redirect("pages:home")
        form.add_error(None, _(CODE_DOES_NOT_FIT))
    return render(
        request, "accounts/recover.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes answers once a username has failed too often from one address."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": LOCKED_OUT, "detail": None}, status=429)
    form = AuthenticationForm(request)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": _(LOCKED_OUT), "next": _next_url(request)},
        status=429,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You’re signed out. Take care of yourself."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Saved."))
        if "email" in form.changed_data and user.email and not user.email_is_confirmed:
            _ask_to_confirm(request, user)
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings.html",
        _settings_context(request.user, form),
        status=400 if form.is_bound else 200,
    )


def _settings_context(user: User, form: SettingsForm) -> dict[str, Any]:
    return {
        "form": form,
        "recovery_codes_left": RecoveryCode.left(user),
        "tokens": ApiToken.active_for(user),
        "token_idle_days": settings.API_TOKEN_IDLE_DAYS,
    }


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    get_token_for_user(request, pk).delete()
    messages.info(request, _("That app or device is signed out."))
    return redirect("accounts:settings")


def _ask_to_confirm(request: HttpRequest, user: User) -> None:
    if confirmation.send_link(request, user):
        messages.info(
            request,
            _("We sent a link to that address. Reminders go there once you open it."),
        )
    else:
        messages.info(
            request,
            _("We couldn’t send a confirmation link just now, so no reminder goes there yet."),
        )


@require_POST
@login_required
def send_confirmation(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again."""
    assert isinstance(request.user, User)
    if request.user.email and not request.user.email_is_confirmed:
        _ask_to_confirm(request, request.user)
    return redirect("accounts:settings")


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation email. GET asks, POST confirms: a mail scanner that
    opens every link confirms nothing."""
    user = confirmation.user_for(token)
    if user is None:
        raise Http404
    if request.method == "POST":
        confirmation.confirm(user)
        messages.success(request, _("Thank you. Your reminders can now come to this address."))
        return redirect("accounts:settings" if request.user.is_authenticated else "pages:home")
    return render(request, "accounts/confirm_email.html")


@require_http_methods(["GET", "POST"])
@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = LockoutPasswordChangeForm(request, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        # A new password ends every other way in: API tokens are issued again on demand.
        ApiToken.objects.filter(user=user).delete()
        messages.success(request, _("Your password is changed."))
        return redirect("accounts:settings")
    return render(request, "accounts/password.html", {"form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
@login_required
@sensitive_post_parameters("password")
def delete_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = DeleteAccountForm(request, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.user.delete_account()
        logout(request)
        messages.info(request, _("Your account and everything in it are deleted."))
        return redirect("pages:home")
    return render(request, "accounts/delete.html", {"form": form}, status=_status(form))


def _status(form: LockoutPasswordChangeForm | DeleteAccountForm | RecoveryCodesForm) -> int:
    """429 while the lockout holds, as signing in answers."""
    locked = form.is_bound and any(
        error.code == "locked_out" for errors in form.errors.as_data().values() for error in errors
    )
    return 429 if locked else 200


@require_safe
@login_required
def export_json_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    response = HttpResponse(export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="recouple-export.json"'
    return response


@require_safe
@login_required
def export_csv_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    response = HttpResponse(export_csv_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="recouple-export-csv.zip"'
    return response


@require_POST
@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    """Restore a JSON export into this account, which must still be empty."""
    assert isinstance(request.user, User)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the export file first."))
        return redirect("accounts:settings")
    try:
        if upload.size is None or upload.size > MAX_BYTES:
            raise ImportProblem(_("That file is too large to be a Recouple export."))
        rows = import_user(request.user, read_export(upload))
    except ImportProblem as exc:
        # The page again, saying what is wrong with the file; nothing was written.
        messages.error(request, str(exc))
        context = _settings_context(request.user, SettingsForm(instance=request.user))
        return render(request, "accounts/settings.html", context, status=400)
    messages.success(request, _("Imported %(n)s entries. Welcome back.") % {"n": rows})
    return redirect("pages:home")
