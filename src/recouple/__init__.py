"""Recouple: a private companion for winning back an ex-partner the healthy way."""

__version__ = "0.1.0"
