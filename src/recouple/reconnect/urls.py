from __future__ import annotations

from django.urls import path

from recouple.reconnect import views

app_name = "reconnect"

urlpatterns = [
    path("", views.reach_out, name="reach_out"),
    path("answer/", views.answer, name="answer"),
    path("they-wrote/", views.they_wrote, name="they_wrote"),
    path("friendship/", views.friendship, name="friendship"),
    path("therapy/", views.therapy, name="therapy"),
    path("therapy/<int:pk>/delete/", views.therapist_delete, name="therapist_delete"),
    path("reflect/", views.reflect, name="reflect"),
    path("they-reached-out/", views.they_reached_out, name="they_reached_out"),
    path("they-reached-out/end-no-contact/", views.end_early, name="end_early"),
    path("their-new-relationship/", views.new_relationship, name="new_relationship"),
    path("together/", views.together, name="together"),
]
