"""Addresses for many rows of one kind, reversed once per list rather than once per row."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse


def numbered(name: str) -> Callable[[int], str]:
    """The address of the named page for any row's number: ``numbered("journal:entry")(12)``
    is ``reverse("journal:entry", args=[12])``, with one reverse for all of them."""
    sample = reverse(name, args=[0])
    cut = sample.rindex("0")
    head, tail = sample[:cut], sample[cut + 1 :]
    return lambda pk: f"{head}{int(pk)}{tail}"
