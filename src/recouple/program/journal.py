"""The journal's rules: the words for feelings, the prompt for today, and a gentle watch.

Prompts follow where the user is on the path. Each phase has several; the one for a day is
picked by the date, skipping any the user answered recently, so the same question does not
come back day after day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

MOODS: tuple[tuple[int, str], ...] = (
    (1, "Very low"),
    (2, "Low"),
    (3, "Okay"),
    (4, "Good"),
    (5, "Very good"),
)

EMOTIONS: tuple[str, ...] = (
    "sad",
    "lonely",
    "angry",
    "anxious",
    "numb",
    "guilty",
    "jealous",
    "confused",
    "tired",
    "hopeful",
    "calm",
    "relieved",
    "grateful",
    "proud",
)

# Things a day can hold, for "what goes with your moods". Users add their own beside these.
ACTIVITIES: tuple[str, ...] = (
    "slept well",
    "exercise",
    "outdoors",
    "friends",
    "family",
    "work",
    "hobby",
    "therapy",
    "cooked",
    "social media",
)
WORD_KINDS: tuple[tuple[str, str], ...] = (("feeling", "Feeling"), ("activity", "Activity"))
# A user's own word: short enough to fit in a pill on a phone.
WORD_LIMIT = 40
# Own words per user: plenty for a life, few enough that the entry form stays a form.
MAX_OWN_WORDS = 60

GENERAL = (
    "What is the strongest feeling in you right now, and where do you feel it in your body?",
    "What did you do today that was only for you?",
    "Who was kind to you lately, and what did they do?",
    "What would you tell a friend who felt the way you feel tonight?",
    "What is one small thing you are looking forward to this week?",
)

PROMPTS: dict[str, tuple[str, ...]] = {
    "reflect": (
        "What do you miss about the relationship, and what don’t you miss at all?",
        "If a friend described this relationship to you, what would you hope for them?",
        "What were the two of you like on an ordinary Tuesday?",
        "What would have to be different for it to work this time?",
    ),
    "no_contact": (
        "When did you most want to reach out today, and what did you do instead?",
        "What has this quiet time shown you that you couldn’t see before?",
        "What is one thing you did today that made tomorrow a little easier?",
        "What would you like to be able to say about yourself at the end of no contact?",
        "Which of your reasons for no contact feels truest today?",
    ),
    "make_it_right": (
        "What is one thing you did that you wish you hadn’t? Just the fact, no excuses.",
        "How do you think it felt to be on the other side of it?",
        "What was going on inside you back then?",
        "What would you do differently, and what are you doing now to get there?",
    ),
    "reach_out": (
        "What do you hope they feel when they read your message?",
        "How will you look after yourself whatever their answer is?",
        "What could you let go of needing from them?",
        "If they never answered, what would you still want your message to have said?",
    ),
    "back_off": (
        "What did you do today that had nothing to do with them?",
        "When you caught yourself waiting for a reply, what helped?",
        "What is one part of your life you want to grow, whatever they decide?",
        "What does giving them space feel like, honestly?",
    ),
    "grow": (
        "Which habit felt easiest this week, and which felt hardest?",
        "What is something you’ve become better at since the breakup?",
        "Who would you like to spend more time with, and what’s a first step?",
        "What does a good day look like for you now?",
        "What did you learn about how you love, and how you want to be loved?",
    ),
    "reconnect": (
        "What felt different between you this time?",
        "What is one boundary you want to keep, even now?",
        "What would you want a therapist to help the two of you with?",
        "What are you doing to keep your own life full while you reconnect?",
    ),
    "letting_go": (
        "What do you miss most, exactly? Let yourself name it.",
        "What did this relationship teach you about what you need?",
        "What helped you get through a hard hour this week?",
        "What do you wish for yourself a year from now?",
        "What would you say to them, knowing you’ll never send it?",
    ),
    "they_wrote": (
        "What did you feel when you saw their message, before you thought anything?",
        "What do you want your answer to say about you?",
        "What would a short, calm reply look like, one you’d still be glad of in a week?",
        "What do you want to keep for yourself, whatever they write next?",
    ),
    "retake": (
        "What has changed in you since you first answered the questions?",
        "Do you still want them back, or the way things used to feel?",
        "What did the quiet show you about your life without them?",
        "Which of your first answers would you give differently today?",
    ),
    "together": (
        "Which old pattern showed up this week, even a little, and what did you do?",
        "What did one of you do this week that made the other feel safe?",
        "What do you want to tell them that is easier to write here first?",
        "What are you keeping for yourself now that you’re together again?",
    ),
    "safety": (
        "Where do you feel safest, and who could you call from there?",
        "What is one thing that helped you feel a little steadier today?",
        "Who in your life believes you?",
        "What would you like your life to feel like a year from now?",
    ),
}
# Phases that share a stage of feeling share its questions.
ALIASES = {"wait": "grow", "reconsider": "reflect", "silence": "letting_go"}


def prompts_for(phase: str) -> tuple[str, ...]:
    return PROMPTS.get(ALIASES.get(phase, phase), ()) + GENERAL


def prompt_for(phase: str, day: date, recent: Iterable[str] = ()) -> str:
    """Today's question: by the date, skipping those answered recently."""
    choices = prompts_for(phase)
    skip = set(recent)
    start = day.toordinal() % len(choices)
    for offset in range(len(choices)):
        candidate = choices[(start + offset) % len(choices)]
        if candidate not in skip:
            return candidate
    return choices[start]


def clean_emotions(words: Iterable[str]) -> list[str]:
    """The known feeling words among ``words``, in the list's own order, once each."""
    given = {w.strip().lower() for w in words}
    return [w for w in EMOTIONS if w in given]


_EX = (
    r"(?:him|her|them|he|she|they|my\s+ex"
    r"|my\s+(?:ex-?)?(?:partner|boyfriend|girlfriend|husband|wife))"
)
ONLY_WITH_EX = re.compile(
    r"\b(?:"
    rf"(?:can|could|will|would)\s+only\s+(?:ever\s+)?be\s+happy\s+(?:again\s+)?"
    rf"(?:with|if\s+i(?:'m|\s+am|\s+have|\s+get)(?:\s+with)?)\s+{_EX}"
    rf"|(?:i'm|i\s+am)\s+only\s+(?:ever\s+)?happy\s+with\s+{_EX}"
    rf"|(?:(?:can|could|will|would)\s+never|can't|cannot|won't)\s+be\s+happy\s+(?:again\s+)?"
    rf"without\s+{_EX}"
    rf"|only\s+{_EX}\s+(?:can|could|will)\s+(?:ever\s+)?make\s+me\s+happy"
    rf"|(?:no\s*one|nobody|nothing)\s+(?:else\s+)?(?:can|could|will)\s+(?:ever\s+)?make\s+me\s+"
    rf"(?:as\s+)?happy\s+(?:as|like)\s+{_EX}"
    rf"|{_EX}\s+(?:is|are|was|were)\s+the\s+only\s+(?:one|person)\s+(?:who|that)\s+"
    rf"(?:can|could|will)\s+(?:ever\s+)?make\s+me\s+happy"
    r")",
    re.IGNORECASE,
)


def only_happy_with_ex(text: str) -> bool:
    """Does the text say the user can only be happy with (or never without) their ex?"""
    return ONLY_WITH_EX.search(text.replace("’", "'")) is not None


@dataclass(frozen=True)
class Companion:
    """A feeling or activity (by its key) and the moods of the rated days with and without it.

    ``without`` is None while fewer than COMPANION_MIN_DAYS rated days went without it: a
    comparison with one day says nothing."""

    key: str
    days: int
    mean_mood: float
    without: float | None = None
    days_without: int = 0

    @property
    def difference(self) -> float | None:
        return None if self.without is None else round(self.mean_mood - self.without, 1)


# A word on fewer rated days than this says too little about a mood to be listed.
COMPANION_MIN_DAYS = 2


def mood_level(mean: float) -> int:
    """A day's average mood as one of the five levels (2.5 is Okay, 3.5 is Good)."""
    return max(1, min(5, int(mean + 0.5)))


def clean_activities(words: Iterable[str]) -> list[str]:
    """The known activities among ``words``, in the list's own order, once each."""
    given = {w.strip().lower() for w in words}
    return [w for w in ACTIVITIES if w in given]


def companions(days: Mapping[date, tuple[float | None, Iterable[str]]]) -> list[Companion]:
    """What goes with which moods: for each key (a feeling, an activity, an own word), the
    average mood of the rated days it was on and of the rated days it wasn't, best first.
    Keys on too few rated days to say anything are left out."""
    rated = [(mood, set(words)) for mood, words in days.values() if mood is not None]
    total = sum(mood for mood, _words in rated)
    moods: dict[str, list[float]] = {}
    for mood, words in rated:
        for word in words:
            moods.setdefault(word, []).append(mood)
    found = []
    for word, values in moods.items():
        if len(values) < COMPANION_MIN_DAYS:
            continue
        others = len(rated) - len(values)
        without = round((total - sum(values)) / others, 1) if others >= COMPANION_MIN_DAYS else None
        found.append(
            Companion(word, len(values), round(sum(values) / len(values), 1), without, others)
        )
    return sorted(found, key=lambda c: (-c.mean_mood, -c.days, c.key))


def year_grid(year: int, moods: Mapping[date, float]) -> list[list[int | None | bool]]:
    """One row per day of the month (1 to 31), one column per month: the day's mood level,
    None for a day without a rating, False for a date that doesn't exist (30 February)."""
    rows: list[list[int | None | bool]] = []
    for day in range(1, 32):
        row: list[int | None | bool] = []
        for month in range(1, 13):
            try:
                when = date(year, month, day)
            except ValueError:
                row.append(False)
                continue
            mean = moods.get(when)
            row.append(mood_level(mean) if mean is not None else None)
        rows.append(row)
    return rows


# Step 9, once a week beside the daily reflection: what the user has let go of.
LET_GO_LIMIT = 2000
LET_GO_PROMPT = (
    "What did you let go of this week? A hope, a habit, a thing you kept checking, a story "
    "you kept telling yourself. Small counts."
)


def week_of(day: date) -> date:
    """The Monday of the week ``day`` falls in: one let-go note per week, named by it."""
    return day - timedelta(days=day.weekday())
