from __future__ import annotations

from django.urls import path

from recouple.path import views

app_name = "path"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("letting-go/", views.letting_go, name="letting_go"),
    path("safety/", views.safety, name="safety"),
    path("<slug:slug>/", views.step, name="step"),
]
