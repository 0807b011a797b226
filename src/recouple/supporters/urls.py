from __future__ import annotations

from django.urls import path

from recouple.supporters import views

app_name = "supporters"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("nudge/", views.nudge, name="nudge"),
    path("s/<str:token>/", views.public, name="public"),
]
