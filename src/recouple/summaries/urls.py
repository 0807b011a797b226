from __future__ import annotations

from django.urls import path

from recouple.summaries import views

app_name = "summaries"

urlpatterns = [
    path("", views.index, name="index"),
    path("summary.pdf", views.pdf, name="pdf"),
    path("print/", views.printable, name="print"),
]
