"""Today's notes and habit bars are drawn in Python (dashboard/templatetags/today.py): the same
markup, byte for byte, as the template loops they replaced, words escaped."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context, Template
from django.test import RequestFactory

from recouple.dashboard.templatetags.today import habit_bars, note_items

NAUGHTY = '<b>"Tom" & Jerry\'s</b>'

NOTES_LOOP = """{% load i18n %}{% for note in notes %}
    <li class="note" id="note-{{ note.pk }}">
      <p class="item-text">{{ note.title }}</p>
      <p>{{ note.text }}</p>
      <form method="post" action="{% url 'reminders:read' note.pk %}" class="inline-form"
            hx-post="{% url 'reminders:read' note.pk %}" hx-target="#note-{{ note.pk }}" hx-swap="outerHTML">
        {% csrf_token %}<input type="hidden" name="next" value="today">
        <button type="submit" class="button button-small button-quiet">{% translate "Got it" %}</button>
      </form>
    </li>
    {% endfor %}"""  # noqa: E501

BARS_LOOP = """{% load i18n %}{% for bar in habits.bars %}
    <li>
      <span class="habit-bar-name">{{ bar.name }}</span>
      {% if bar.young %}
      <span class="habit-bar-young">{% blocktranslate count n=bar.done with days=habits.young_days %}Done {{ n }} time so far. Its strength shows after {{ days }} days.{% plural %}Done {{ n }} times so far. Its strength shows after {{ days }} days.{% endblocktranslate %}</span>
      {% else %}
      <span class="habit-bar-row"><meter class="strength-meter" min="0" max="100" value="{{ bar.percent }}" aria-label="{% blocktranslate with name=bar.name %}Strength of {{ name }}{% endblocktranslate %}"></meter> <span class="strength-value">{{ bar.percent }}%</span></span>
      {% endif %}
    </li>
    {% endfor %}"""  # noqa: E501


def test_notes_are_drawn_as_the_loop_drew_them(db: None) -> None:
    notes = [
        SimpleNamespace(pk=3, title=NAUGHTY, text="Day 7 & counting <3"),
        SimpleNamespace(pk=41, title="Your daily check-in", text=NAUGHTY),
    ]
    context = Context({"notes": notes, "csrf_token": "t0ken"})
    drawn = note_items(context, notes)
    assert drawn == Template(NOTES_LOOP).render(Context({"notes": notes, "csrf_token": "t0ken"}))
    assert NAUGHTY not in drawn and "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#x27;s&lt;/b&gt;" in drawn
    assert note_items(context, []) == ""


def test_habit_bars_are_drawn_as_the_loop_drew_them() -> None:
    bars = [
        {"name": NAUGHTY, "percent": 83, "young": False, "done": None},
        {"name": "Walk", "percent": 0, "young": False, "done": None},
        {"name": "Read", "percent": 4, "young": True, "done": 1},
        {"name": NAUGHTY, "percent": 0, "young": True, "done": 0},
    ]
    habits = {"bars": bars, "young_days": 7}
    drawn = habit_bars(bars, 7)
    assert drawn == Template(BARS_LOOP).render(Context({"habits": habits}))
    assert "Done 1 time so far" in drawn and "Done 0 times so far" in drawn
    assert NAUGHTY not in drawn


def test_the_csrf_token_is_the_tag_s_own(db: None) -> None:
    request = RequestFactory().get("/today/")
    context = Context({"csrf_token": "abc"})
    context.request = request  # type: ignore[attr-defined]
    drawn = note_items(context, [SimpleNamespace(pk=1, title="t", text="x")])
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="abc">' in drawn
