from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.forms import SignupForm
from recouple.accounts.models import ApiToken, User, request_user
from recouple.core.ratelimit import TokenBucket
from recouple.core.schemas import Text
from recouple.program.countries import country_for_zone
from recouple.program.crisis import known_country

router = Router(tags=["accounts"])


class SignupIn(Schema):
    username: Text = Field(min_length=1, max_length=150)
    password: Text = Field(min_length=1, max_length=4096)
    accept_privacy_notice: bool = False
    time_zone: Text = Field("UTC", max_length=64)
    # ISO 3166 alpha-2; left out, it follows the time zone (none for UTC).
    country: Text | None = Field(None, max_length=2)


class TokenIn(Schema):
    username: Text = Field(min_length=1, max_length=150)
    password: Text = Field(min_length=1, max_length=4096)


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    username: str
    time_zone: str
    country: str
    date_joined: str


@router.post("/auth/signup", auth=None, response={201: TokenOut}, summary="Create an account")
def signup(request: HttpRequest, payload: SignupIn) -> Status[dict[str, str]]:
    if not settings.SIGNUPS_OPEN:
        raise HttpError(403, "Sign-ups are closed on this server.")
    if not TokenBucket.authorize_signup_attempt(request):
        # Before the username is looked at: the same answer whether or not it is taken.
        raise HttpError(429, "Too many tries from here in the last hour. Please try later.")
    if not payload.accept_privacy_notice:
        raise HttpError(
            400, "Please read the privacy notice and set accept_privacy_notice to true."
        )
    country = (payload.country or "").upper()
    if payload.country is None:
        country = country_for_zone(payload.time_zone)
    elif not known_country(country):
        raise HttpError(
            400,
            "That country isn’t one we know: use a two-letter code such as US or GB, "
            "or an empty string for somewhere else.",
        )
    form = SignupForm(
        data={
            "country": country,
            "username": payload.username,
            "password1": payload.password,
            "password2": payload.password,
            "accept_privacy_notice": "on",
            "time_zone": payload.time_zone,
        }
    )
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise HttpError(400, str(first))
    if not TokenBucket.authorize_signup(request):
        raise HttpError(429, "Too many new accounts from here in the last hour.")
    user = User.objects.create_account(
        form.cleaned_data["username"],
        payload.password,
        form.cleaned_data["time_zone"],
        form.cleaned_data["country"],
    )
    return Status(201, {"token": ApiToken.issue(user)})


@router.post("/auth/token", auth=None, response={200: TokenOut}, summary="Get an API token")
def token(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise HttpError(429, "Too many tries with that username from here. Wait 15 minutes.")
    if not isinstance(user, User):
        raise HttpError(401, "Wrong username or password.")
    return {"token": ApiToken.issue(user)}


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request: HttpRequest) -> dict[str, str]:
    user = request_user(request)
    return {
        "username": user.username,
        "time_zone": user.time_zone,
        "country": user.country,
        "date_joined": user.date_joined.isoformat(),
    }
