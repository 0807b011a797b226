"""API for step 2, make it right: the inventory, the apology (read by the coach) and the
self-forgiveness note."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple import coach
from recouple.accounts.models import request_user
from recouple.amends import actions
from recouple.amends.forms import INVENTORY_FULL, EntryForm
from recouple.amends.models import Amends, InventoryEntry, get_entry_for_user
from recouple.core.schemas import Text, bound_form
from recouple.drafts.api import CheckOut

router = Router(tags=["make it right"])


class InventoryEntryIn(Schema):
    what_i_did: Text = Field(max_length=5000)
    impact: Text = Field(max_length=5000)
    pattern: Text = Field("", max_length=5000)
    doing_about_it: Text = Field("", max_length=5000)


class InventoryEntryPatch(Schema):
    what_i_did: Text | None = Field(None, max_length=5000)
    impact: Text | None = Field(None, max_length=5000)
    pattern: Text | None = Field(None, max_length=5000)
    doing_about_it: Text | None = Field(None, max_length=5000)


class InventoryEntryOut(Schema):
    id: int
    what_i_did: str
    impact: str
    pattern: str
    doing_about_it: str
    # Whether the entry is about your own actions: only such an entry opens the reach-out.
    counts: bool
    why_not: str
    created: datetime


class AmendsIn(Schema):
    apology: Text | None = Field(None, max_length=coach.MAX_CHARS)
    self_forgiveness: Text | None = Field(None, max_length=5000)


class AmendsOut(Schema):
    apology: str
    self_forgiveness: str
    apology_check: CheckOut | None


@router.get("/inventory", response=list[InventoryEntryOut], url_name="inventory")
def list_entries(request: HttpRequest) -> list[InventoryEntry]:
    return list(InventoryEntry.objects.filter(user=request_user(request)))


@router.post("/inventory", response={201: InventoryEntryOut}, url_name="inventory")
def add_entry(request: HttpRequest, payload: InventoryEntryIn) -> Status[InventoryEntry]:
    form = bound_form(EntryForm, payload.model_dump())
    try:
        entry = actions.add_inventory_entry(request_user(request), form.cleaned_data)
    except actions.InventoryFull:
        raise HttpError(400, str(INVENTORY_FULL % {"n": actions.ENTRY_LIMIT})) from None
    return Status(201, entry)


@router.patch("/inventory/{entry_id}", response=InventoryEntryOut, url_name="inventory_entry")
def edit_entry(request: HttpRequest, entry_id: int, payload: InventoryEntryPatch) -> InventoryEntry:
    entry = get_entry_for_user(request, entry_id)
    current = {f: getattr(entry, f) for f in ("what_i_did", "impact", "pattern", "doing_about_it")}
    merged = {**current, **payload.model_dump(exclude_unset=True, exclude_none=True)}
    form = bound_form(EntryForm, merged, instance=entry)
    return actions.edit_inventory_entry(entry, form.cleaned_data)


@router.delete("/inventory/{entry_id}", response={204: None}, url_name="inventory_entry")
def delete_entry(request: HttpRequest, entry_id: int) -> Status[None]:
    get_entry_for_user(request, entry_id).delete()
    return Status(204, None)


def _amends_out(amends: Amends) -> dict[str, Any]:
    check = None
    if amends.apology.strip():
        check = coach.check(amends.apology[: coach.MAX_CHARS]).as_dict()
    return {
        "apology": amends.apology,
        "self_forgiveness": amends.self_forgiveness,
        "apology_check": check,
    }


@router.get("/amends", response=AmendsOut, url_name="amends")
def get_amends(request: HttpRequest) -> dict[str, Any]:
    return _amends_out(Amends.for_user(request_user(request)))


@router.put("/amends", response=AmendsOut, url_name="amends")
def put_amends(request: HttpRequest, payload: AmendsIn) -> dict[str, Any]:
    """The apology (checked by the coach) and the self-forgiveness note."""
    amends = actions.write_amends(
        request_user(request), apology=payload.apology, self_forgiveness=payload.self_forgiveness
    )
    return _amends_out(amends)
