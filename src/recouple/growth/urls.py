from __future__ import annotations

from django.urls import path

from recouple.growth import views

app_name = "growth"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("goals/new/", views.goal_new, name="goal_new"),
    path("goals/<int:pk>/", views.goal, name="goal"),
    path("goals/<int:pk>/reached/", views.goal_reached, name="goal_reached"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("habits/new/", views.habit_new, name="habit_new"),
    path("habits/<int:pk>/", views.habit, name="habit"),
    path("habits/<int:pk>/mark/", views.habit_mark, name="habit_mark"),
    path("habits/<int:pk>/history/", views.habit_history, name="habit_history"),
    path("habits/<int:pk>/archive/", views.habit_archive, name="habit_archive"),
    path("habits/<int:pk>/delete/", views.habit_delete, name="habit_delete"),
]
