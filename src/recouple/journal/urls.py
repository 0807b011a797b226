from __future__ import annotations

from django.urls import path

from recouple.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.index, name="index"),
    path("crisis-check/", views.crisis_check, name="crisis_check"),
    path("year/", views.year, name="year"),
    path("let-go/", views.let_go, name="let_go"),
    path("let-go/<int:pk>/delete/", views.let_go_delete, name="let_go_delete"),
    path("words/", views.words, name="words"),
    path("words/<int:pk>/", views.word, name="word"),
    path("words/<int:pk>/hide/", views.word_hide, name="word_hide"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
