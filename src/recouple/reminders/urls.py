from __future__ import annotations

from django.urls import path

from recouple.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.index, name="index"),
    path("notes/<int:pk>/read/", views.read, name="read"),
    path("notes/read-all/", views.read_all, name="read_all"),
    path("calendar/new/", views.feed_new, name="feed_new"),
    path("calendar/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
