from __future__ import annotations

from django.urls import path

from recouple.amends import views

app_name = "amends"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("entries/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("apology/", views.apology, name="apology"),
    path("self-forgiveness/", views.self_forgiveness, name="self_forgiveness"),
]
