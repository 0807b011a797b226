from __future__ import annotations

from django.urls import include, path

from recouple.api import api

urlpatterns = [
    path("", include("recouple.pages.urls")),
    path("accounts/", include("recouple.accounts.urls")),
    path("safety/", include("recouple.safety.urls")),
    path("reflect/", include("recouple.assessment.urls")),
    path("path/", include("recouple.path.urls")),
    path("no-contact/", include("recouple.nocontact.urls")),
    path("before-you-send/", include("recouple.drafts.urls")),
    path("make-it-right/", include("recouple.amends.urls")),
    path("reach-out/", include("recouple.reconnect.urls")),
    path("today/", include("recouple.dashboard.urls")),
    path("journal/", include("recouple.journal.urls")),
    path("grow/", include("recouple.growth.urls")),
    path("reminders/", include("recouple.reminders.urls")),
    path("supporters/", include("recouple.supporters.urls")),
    path("summary/", include("recouple.summaries.urls")),
    path("api/v1/", api.urls),
]

handler404 = "recouple.pages.views.not_found"
handler500 = "recouple.pages.views.server_error"
