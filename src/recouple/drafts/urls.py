from __future__ import annotations

from django.urls import path

from recouple.drafts import views

app_name = "drafts"

urlpatterns = [
    path("", views.compose, name="compose"),
    path("check/", views.check, name="check"),
    path("kinder/", views.kinder, name="kinder"),
    path("drafts/", views.drafts, name="list"),
    path("drafts/<int:pk>/delete/", views.delete, name="delete"),
]
