from __future__ import annotations

from django.urls import path

from recouple.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.start, name="start"),
    path("review/", views.review, name="review"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("who-ended-it/", views.ended_by, name="ended_by"),
    path("<slug:kind>/add/", views.item_add, name="item_add"),
    path("<slug:kind>/<int:pk>/", views.item_edit, name="item_edit"),
    path("<slug:kind>/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("<slug:slug>/", views.page, name="page"),
]
