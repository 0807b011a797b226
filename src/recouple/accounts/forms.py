from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, available_time_zones
from recouple.program.countries import zone_countries
from recouple.program.crisis import countries

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

USERNAME_UNAVAILABLE = _("That username can’t be used. Please choose another.")
TOO_MANY_PASSWORD_TRIES = _("Too many wrong passwords from here. Please wait 15 minutes.")


def check_current_password(
    request: HttpRequest, user: User, password: str, wrong: str | _StrPromise
) -> None:
    """Refuse a wrong current password, counting it toward the same lockout as signing in
    (django-axes: per username and address), so a stolen session can't guess it at will."""
    found = authenticate(request, username=user.get_username(), password=password)
    if getattr(request, "axes_locked_out", False):
        raise forms.ValidationError(TOO_MANY_PASSWORD_TRIES, code="locked_out")
    if found is None or found.pk != user.pk:
        raise forms.ValidationError(wrong, code="password_incorrect")


class LockoutPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked through the sign-in lockout."""

    def __init__(self, request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("Your password now")
        self.fields["new_password1"].label = _("A new password")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters. A few unrelated words make a strong one."
        )
        self.fields["new_password2"].label = _("The new password again")
        self.fields["new_password2"].help_text = _("So a typo doesn’t lock you out.")

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        check_current_password(
            self.request, self.user, old, self.error_messages["password_incorrect"]
        )
        return old


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(available_time_zones())]


COUNTRY_LABEL = _("Where you live")
COUNTRY_HELP = _("So that the right crisis line is shown when you need one. You can change it.")


class CountryFromZoneSelect(forms.Select):
    """A country list whose options carry their time zones, so the page can choose the one
    the browser's clock is in (recouple.js) without any lookup leaving the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attrs["data-from-zone"] = ""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        zones = zones_by_country().get(str(option["value"]))
        if zones:
            option["attrs"]["data-zones"] = " ".join(zones)
        return option


def zones_by_country() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for zone, code in sorted(zone_countries().items()):
        found.setdefault(code, []).append(zone)
    return found


def country_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=COUNTRY_LABEL,
        help_text=COUNTRY_HELP,
        choices=countries,
        required=False,
        error_messages={"invalid_choice": _("Please pick a country from the list.")},
    )


class SignupForm(UserCreationForm):  # type: ignore[type-arg]
    accept_privacy_notice = forms.BooleanField(
        label=_("I have read the privacy notice and I agree to it."),
        error_messages={"required": _("Please read the privacy notice and tick the box.")},
    )
    # Filled in by the browser's own clock; anything unknown falls back to UTC quietly.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)
    # Chosen on the page from the same clock (recouple.js), and always changeable there.
    country = country_field()

    class Meta:
        model = User
        fields = ("username",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = _(
            "Letters, digits and @ . + - _ only. It doesn’t need to be your real name."
        )
        self.fields["username"].error_messages["unique"] = USERNAME_UNAVAILABLE
        # Focus starts at the top of the page, so screen readers meet the heading and the
        # privacy notice before the form.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["country"].widget = CountryFromZoneSelect(choices=countries())
        self.fields["password1"].help_text = _(
            "At least 10 characters. A few unrelated words make a strong one."
        )
        self.fields["password2"].label = _("The same password again")
        self.fields["password2"].help_text = _("So a typo doesn’t lock you out.")
        if self.is_bound:
            # Keep what can be kept: a good password is not wiped because a box was unticked.
            errors = self.errors
            if "password1" not in errors and "password2" not in errors:
                for name in ("password1", "password2"):
                    widget: Any = self.fields[name].widget
                    widget.render_value = True

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        # One message for “taken” and “not allowed”: the form never confirms that
        # somebody else uses Recouple under that name.
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_UNAVAILABLE, code="unavailable")
        return username

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data.get("time_zone") or ""
        return zone if zone in available_time_zones() else "UTC"

    def clean_country(self) -> str:
        country: str = self.cleaned_data.get("country") or ""
        return country

    def validate_unique(self) -> None:
        # clean_username already answered; Django's own check would name the clash.
        pass


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    time_zone = forms.ChoiceField(label=_("Your time zone"), choices=time_zone_choices)
    country = country_field()

    class Meta:
        model = User
        fields = (
            "time_zone",
            "country",
            "email",
            "ex_name",
            "use_ex_name",
            "quiet_mode",
            "leave_signs_out",
            "theme",
        )
        widgets = {
            "theme": forms.RadioSelect,
            "ex_name": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        labels = {
            "theme": _("Colours"),
            "country": _("Where you live"),
            "email": _("Email for reminders (optional)"),
            "ex_name": _("Their name (optional)"),
            "use_ex_name": _("Show their name on my pages"),
            "quiet_mode": _("Quiet mode: never put their name in reminders, emails or my calendar"),
            "leave_signs_out": _("“Leave quickly” also signs me out"),
        }
        help_texts = {
            "leave_signs_out": _(
                "On by default: after leaving quickly, the Back button shows the sign-in page."
            ),
            "ex_name": _("Kept encrypted. Never used in page titles."),
            "use_ex_name": _("Off by default: pages say “your ex” instead."),
            "quiet_mode": _(
                "On by default, so a reminder on a lock screen gives nothing away. "
                "Page titles always just say “Recouple”."
            ),
            "theme": _("Dark is easier on the eyes at night."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A form from before the setting existed (or a script) keeps the colours as they are.
        self.fields["theme"].required = False

    def clean_theme(self) -> str:
        theme: str = self.cleaned_data.get("theme") or self.instance.theme
        return theme

    def clean_ex_name(self) -> str:
        name: str = self.cleaned_data.get("ex_name", "").strip()
        if len(name) > 80:
            raise forms.ValidationError(_("Please keep it under 80 characters."))
        return name


class CurrentPasswordForm(forms.Form):
    """The current password, asked again before something that can't be undone."""

    # What a wrong password is told: subclasses say what did not happen.
    WRONG = _("That password isn’t right.")

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        check_current_password(self.request, self.user, password, self.WRONG)
        return password


class DeleteAccountForm(CurrentPasswordForm):
    WRONG = _("That password isn’t right. Nothing was deleted.")


class RecoveryCodesForm(CurrentPasswordForm):
    """New recovery codes need the current password: a borrowed session can't make its own."""

    WRONG = _("That password isn’t right. Nothing changed.")


class RecoverForm(forms.Form):
    """Back in without email: a username, one recovery code and a new password."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("One of your recovery codes"),
        max_length=40,
        help_text=_("Like ABCD-EFGH-JKMN-PQRS. Each code works once."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    password1 = forms.CharField(
        label=_("A new password"),
        strip=False,
        help_text=_("At least 10 characters. A few unrelated words make a strong one."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The new password again"),
        strip=False,
        help_text=_("So a typo doesn’t lock you out."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords aren’t the same."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as problem:
                self.add_error("password1", problem)
        return data
