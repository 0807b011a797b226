from __future__ import annotations

from django.urls import path

from recouple.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("help/", views.crisis, name="crisis"),
    path("privacy/", views.privacy, name="privacy"),
    path("recipes/", views.neutral, name="neutral"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
