from __future__ import annotations

from django.urls import path

from recouple.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
]
