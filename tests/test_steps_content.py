"""The words of the program: the nine steps, in our own words, and where to turn for safety."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from recouple.program import steps as content
from recouple.program.steps import (
    ABUSE_HELPLINES,
    ABUSE_INTERNATIONAL,
    ACCEPTANCE_TRUTHS,
    LETTING_GO,
    OUTCOME_HEADLINES,
    OUTCOME_NEXT,
    STEPS,
    StepKind,
    abuse_helplines,
    step,
)

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "program-article.txt"
OUTCOMES = {"proceed", "wait", "let_go", "unsure"}
EXPECTED = [
    (1, "no-contact", StepKind.PHASE),
    (2, "make-it-right", StepKind.PHASE),
    (3, "reach-out", StepKind.PHASE),
    (4, "grow", StepKind.STANDING),
    (5, "no-sex", StepKind.STANDING),
    (6, "friendship", StepKind.PHASE),
    (7, "social-media", StepKind.STANDING),
    (8, "couples-therapy", StepKind.PHASE),
    (9, "let-go-of-control", StepKind.FRAME),
]
RUN = 8  # this many words in a row, shared with the article, counts as copying


def test_nine_steps_in_order_with_exact_slugs_and_kinds() -> None:
    assert [(s.number, s.slug, s.kind) for s in STEPS] == EXPECTED


def test_slugs_are_url_safe_and_titles_short() -> None:
    for s in STEPS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", s.slug), s.slug
        assert s.title and "\n" not in s.title and len(s.title) <= 40, s.title


def test_summaries_are_one_short_line() -> None:
    for s in STEPS:
        assert s.summary.strip() == s.summary and s.summary, s.slug
        assert "\n" not in s.summary, s.slug
        assert len(s.summary) <= 90, (s.slug, len(s.summary))


def test_every_step_explains_why_how_and_what_to_watch_for() -> None:
    for s in STEPS:
        assert 2 <= len(s.why) <= 3, s.slug
        assert 4 <= len(s.how) <= 7, s.slug
        assert 2 <= len(s.watch_for) <= 4, s.slug
        for text in (*s.why, *s.how, *s.watch_for):
            assert text.strip(), s.slug


def test_lookup_by_slug() -> None:
    for s in STEPS:
        assert step(s.slug) is s


def test_unknown_slug_raises_lookup_error_naming_it() -> None:
    with pytest.raises(LookupError, match="nope"):
        step("nope")


def test_acceptance_truths_and_letting_go_path() -> None:
    assert len(ACCEPTANCE_TRUTHS) == 10
    assert len(set(ACCEPTANCE_TRUTHS)) == 10
    assert all(t.strip() and "\n" not in t for t in ACCEPTANCE_TRUTHS)
    assert [title for title, _ in LETTING_GO] == ["Grief", "Healing", "Growth", "Acceptance"]
    for _, description in LETTING_GO:
        sentences = [p for p in re.split(r"(?<=[.!?])\s+", description) if p]
        assert 2 <= len(sentences) <= 3, description


def test_outcome_texts_cover_exactly_the_four_outcomes() -> None:
    assert set(OUTCOME_HEADLINES) == OUTCOMES
    assert set(OUTCOME_NEXT) == OUTCOMES
    assert all(v.strip() for v in (*OUTCOME_HEADLINES.values(), *OUTCOME_NEXT.values()))


def test_outcome_keys_match_the_readiness_outcomes() -> None:
    from recouple.program.readiness import Outcome

    assert {o.value for o in Outcome} == OUTCOMES


def test_gb_helplines_start_local_and_end_international() -> None:
    lines = abuse_helplines("GB")
    assert len(lines) >= 2
    assert lines[0] == ABUSE_HELPLINES["GB"][0]
    assert lines[0] != ABUSE_INTERNATIONAL
    assert lines[-1] == ABUSE_INTERNATIONAL


def test_country_code_is_case_insensitive() -> None:
    assert abuse_helplines("gb") == abuse_helplines("GB")


@pytest.mark.parametrize("country", ["", "FR", "ZZ", "nope"])
def test_unknown_country_gets_only_the_international_directory(country: str) -> None:
    assert abuse_helplines(country) == (ABUSE_INTERNATIONAL,)


def test_every_listed_country_has_reachable_local_help() -> None:
    assert set(ABUSE_HELPLINES) == {"US", "CA", "GB", "IE", "AU", "NZ"}
    for country, lines in ABUSE_HELPLINES.items():
        assert lines, country
        assert ABUSE_INTERNATIONAL not in lines, country
        got = abuse_helplines(country)
        assert got[:-1] == lines and got[-1] == ABUSE_INTERNATIONAL
        for line in lines:
            assert line.name and line.how and "\n" not in line.how, line
            assert line.phone or line.url, line
            assert line.url is None or line.url.startswith("https://"), line


# --- our own words -------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "").replace("‘", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_module_strings_are_collected() -> None:
    every = list(_strings(vars(content)))
    assert any("no contact" in s.lower() for s in every)
    assert any(h.url == s for h in ABUSE_HELPLINES["US"] for s in every)


def test_no_text_copies_the_article() -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not at {ARTICLE}")
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")))
    copied = [
        (" ".join(run), text)
        for text in _strings({k: v for k, v in vars(content).items() if not k.startswith("__")})
        for run in _runs(_words(text))
        if run in article
    ]
    assert not copied, copied
