from __future__ import annotations

from django.urls import path

from recouple.safety import views

app_name = "safety"

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/print/", views.plan_print, name="plan_print"),
    path("trusted-person/", views.trusted, name="trusted"),
    path("trusted-person/delete/", views.trusted_delete, name="trusted_delete"),
    path("why/", views.pause_reason, name="pause_reason"),
    path("leave/", views.leave, name="leave"),
]
