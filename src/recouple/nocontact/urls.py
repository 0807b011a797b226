from __future__ import annotations

from django.urls import path

from recouple.nocontact import views

app_name = "nocontact"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("suggest/", views.suggest, name="suggest"),
    path("end/", views.end, name="end"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("urges/new/", views.urge_new, name="urge_new"),
    path("urges/quick/", views.urge_quick, name="urge_quick"),
    path("urges/<int:pk>/", views.urge_edit, name="urge_edit"),
    path("pause/", views.pause, name="pause"),
    path("letters/", views.letters, name="letters"),
    path("letters/<int:pk>/", views.letter, name="letter"),
    path("check-in/", views.checkin, name="checkin"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("hard-days/", views.hard_days, name="hard_days"),
    path("hard-days/<int:pk>/delete/", views.hard_day_delete, name="hard_day_delete"),
    path("hard-hour/", views.hard_hour, name="hard_hour"),
]
