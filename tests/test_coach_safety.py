"""The coach where it matters most: self-harm found first and alone, scope, and a kinder version.

The self-harm lines below were written for these tests (not taken from the corpus), in the
shapes the recall-first detector is for: means, plans, farewells, veiled threats, leverage.
Its hard negatives are idioms, tiredness and reported questions answered no.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from recouple import coach as coach_module
from recouple.accounts.models import ApiToken, User
from recouple.coach import Context, check, gate, model, rules, selfharm
from recouple.coach.labels import ADVICE, LABELS
from recouple.coach.rewrite import FALLBACK, kinder

INDIRECT_SELF_HARM = [
    "I've been counting the pills in the bathroom cabinet every night this week.",
    "Gave my guitar and my good coat to my brother. Won't be needing them.",
    "Sorted out my will today and left a note for whoever finds it.",
    "Stood on the bridge for an hour tonight and looked down for a long time.",
    "you won't have to worry about me much longer",
    "If you leave I don't know what I'll do to myself.",
    "i keep thinking everyone would be better off without me",
    "i just want to go to sleep and never wake up",
    "Looked up how many paracetamol it would take.",
    "Tell the kids I love them. Whatever happens.",
    "i'm not gonna be here for christmas, just so u know",
    "took double my dose tonight on purpose",
    "cut again last night where nobody can see",
    "Bought a rope on the way home. It's in the boot.",
    "Sat in the garage with the engine running for a while tonight.",
    "i'd rather be dead than do another year of this",
]

NOT_SELF_HARM = [
    "I'm dying for a holiday, honestly.",
    "This exam is killing me lol",
    "My phone is about to die, call you later.",
    "I'm so tired of this rain.",
    "Done with everything for today, bed.",
    "I could sleep for a week after that shift.",
    "My therapist asked if I'd had thoughts of hurting myself. Honestly, none.",
    "Take all the time you need.",
    "I won't be around this weekend, I'm at my mum's.",
    "I'll be gone till Sunday, the key is under the mat.",
    "Bought paracetamol for the kids' fever.",
    "Walked over the bridge to work, the river was high.",
    "I wish I could disappear to a cabin for a month with no phone.",
    "The power got cut again on our street.",
    "Tell your mum I love her cake recipe and see you Saturday.",
    "I think we should end things. I'm sorry.",
    "I'd kill for a coffee right now.",
    "Overdosed on coffee at work, heart racing.",
]


@pytest.mark.parametrize("text", INDIRECT_SELF_HARM)
def test_the_detector_finds_indirect_self_harm(text: str) -> None:
    assert selfharm.find(rules.normalise(text)), text


@pytest.mark.parametrize("text", NOT_SELF_HARM)
def test_the_detector_leaves_idioms_tiredness_and_logistics_alone(text: str) -> None:
    assert not selfharm.find(rules.normalise(text)), text


def test_self_harm_as_leverage_is_also_pressure_and_a_guilt_trip_underneath() -> None:
    result = check("If you don't come back tonight I don't know what I'll do to myself.")
    assert result.crisis
    assert "self_harm" in result.labels


def test_a_crisis_result_is_support_only_even_during_no_contact() -> None:
    text = (
        "I miss you so much, please come back. I can't eat. "
        "Honestly everyone would be better off without me."
    )
    result = check(text, Context(no_contact_active=True, no_contact_day=5))
    assert result.crisis and result.support == "crisis"
    assert {f.label for f in result.findings} == {"self_harm"}
    assert "count again" not in result.reason
    assert "you matter" in result.reason
    # What was read is still known (coach-eval scores it), just not shown as coaching.
    assert "pleading" in result.labels


class GuessesSelfHarm:
    """A stand-in model that reads self-harm, and only that, into any text."""

    def predict(self, text: str) -> dict[str, float]:
        return {"self_harm": 0.9}

    def probabilities(self, text: str) -> dict[str, float]:
        return {label: 0.9 if label == "self_harm" else 0.0 for label in LABELS}


def test_a_model_only_guess_is_a_gentle_check_in_not_the_crisis_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(coach_module.trained, "shipped", GuessesSelfHarm)
    result = check("So tired lately. Please come back to me.")
    assert result.support == "check_in" and not result.crisis
    assert "self_harm" in result.labels and "pleading" in result.labels
    harm = next(f for f in result.findings if f.label == "self_harm")
    assert harm.explanation.startswith(ADVICE["self_harm"].soft)
    assert result.verdict == "revise" and "you matter" not in result.reason


@pytest.mark.django_db
def test_a_check_in_shows_the_lines_beside_the_coaching(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coach_module.trained, "shipped", GuessesSelfHarm)
    html = owner_client.post(
        reverse("drafts:check"),
        {"text": "So tired lately. Please come back.", "kind": "message"},
        **HTMX,
    ).content.decode()
    assert "Just checking in" in html and "116 123" in html
    assert "You don’t have to carry this alone" not in html
    assert "Pleading" in html


def test_a_model_finding_says_may_once_and_never_stacks_two_verdicts() -> None:
    for advice in ADVICE.values():
        assert advice.what not in advice.soft_explanation
        assert advice.soft in advice.soft_explanation


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "I was jealous of your friendship with Tom and I took it out on you. I'm sorry.",
            "jealousy",
        ),
        ("My landlord has me begging for the deposit back, anyway the kids are fine.", "pleading"),
        ("Heard you're seeing someone. I'm genuinely glad for you.", "jealousy"),
        ("Day 12 without checking her Instagram. Deleted the app.", "monitoring"),
        ("No forgiveness expected. I just wanted you to know I'm sorry.", "forgiveness_demand"),
        ("Thank you for looking after the dog while I was away.", "guilt_trip"),
        ("Can you send the signed school trip form back by Friday?", "pressure"),
    ],
)
def test_rules_read_who_the_words_are_about(text: str, absent: str) -> None:
    kind = "journal" if text.startswith("Day 12") else "message"
    assert absent not in check(text, Context(kind=kind)).labels


def test_an_apology_then_an_excuse_in_the_next_sentence_is_blame_not_accountability() -> None:
    text = "I'm sorry I yelled at the party. But you kept pushing me all night."
    result = check(text)
    assert "blame" in result.labels
    assert "accountability" not in result.labels
    blame = next(f for f in result.findings if f.label == "blame")
    assert text[blame.start : blame.end].startswith("But you kept pushing")


@pytest.mark.parametrize(
    "text",
    [
        "It's been four days and nothing? I can see you've read it.",
        "Must be nice to just move on like that. Guess I meant nothing.",
        "I'm not going to wait around forever. Yes or no by Friday.",
    ],
)
def test_pressure_and_guilt_without_trigger_words_are_read(text: str) -> None:
    assert {"pressure", "guilt_trip"} & set(check(text).labels)


def test_model_findings_point_at_a_phrase_not_the_whole_message() -> None:
    text = (
        "I hope the new job is going well and that the commute isn't too bad, "
        "and honestly I'd do anything, anything at all, to have you back home with me"
    )
    result = check(text)
    for finding in result.findings:
        assert finding.end - finding.start < len(text)


PLEADING = "Please please come back to me. I can't sleep without you. Answer me tonight."


def test_the_kinder_version_of_a_pleading_draft_comes_back_send() -> None:
    version = kinder(PLEADING, check(PLEADING))
    assert version is not None
    assert version.result.verdict == "send"
    assert check(version.text).verdict == "send"
    assert "Please please come back" not in version.text
    assert {c.label for c in version.left_out} >= {"pleading", "pressure"}
    assert version.explanation


def test_the_kinder_version_keeps_owning_your_part_and_drops_the_excuse() -> None:
    text = "I'm sorry I yelled at your sister's party, that was wrong. But you kept pushing me."
    version = kinder(text, check(text))
    assert version is not None and version.result.verdict == "send"
    assert version.text.startswith("I'm sorry I yelled at your sister's party")
    assert "pushing" not in version.text
    assert version.added_space


def test_when_nothing_of_a_draft_can_stay_the_one_message_is_offered() -> None:
    text = "Answer me. Answer me now. Why are you ignoring me?"
    version = kinder(text, check(text))
    assert version is not None
    assert version.text == FALLBACK and version.from_scratch
    assert check(FALLBACK).verdict == "send"


def test_no_rewrite_is_offered_when_the_writer_may_not_be_safe() -> None:
    text = "Please come back. I won't be around much longer anyway."
    assert kinder(text, check(text)) is None


def test_the_kinder_version_is_the_same_every_time() -> None:
    first = kinder(PLEADING, check(PLEADING))
    second = kinder(PLEADING, check(PLEADING))
    assert first is not None and second is not None
    assert first.text == second.text


# The page and the API

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_the_crisis_partial_is_support_only_during_no_contact(
    owner: User, owner_client: Client
) -> None:
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today())
    text = "Please come back, I'm begging you. Everyone would be better off without me."
    html = owner_client.post(
        reverse("drafts:check"), {"text": text, "kind": "message"}, **HTMX
    ).content.decode()
    assert "You don’t have to carry this alone" in html
    assert "You come first" in html
    for coaching in ("Pleading", "count again", "unsent letter", "Try it this way"):
        assert coaching not in html


@pytest.mark.django_db
def test_a_pushy_draft_offers_a_kinder_version_that_is_read_again(owner_client: Client) -> None:
    html = owner_client.post(
        reverse("drafts:check"), {"text": PLEADING, "kind": "message"}, **HTMX
    ).content.decode()
    assert "Try it this way" in html
    kinder_html = owner_client.post(
        reverse("drafts:kinder"), {"text": PLEADING}, **HTMX
    ).content.decode()
    assert "nothing here pushes, pleads or blames" in kinder_html
    assert "Left out" in kinder_html
    assert "Please please come back" not in kinder_html.split("kinder-text")[1].split("</p>")[0]


@pytest.mark.django_db
def test_putting_the_kinder_version_in_the_draft_reads_it_and_saves_nothing(
    owner_client: Client,
) -> None:
    from recouple.drafts.models import Draft

    version = kinder(PLEADING, check(PLEADING))
    assert version is not None
    response = owner_client.post(
        reverse("drafts:compose"),
        {"text": PLEADING, "version_text": version.text, "use_version": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Looks kind and clear" in html
    assert Draft.objects.count() == 0


@pytest.mark.django_db
def test_the_kinder_page_refuses_empty_text(owner_client: Client) -> None:
    response = owner_client.post(reverse("drafts:kinder"), {"text": "  "}, **HTMX)
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_kinder_api_returns_a_send_version_or_support_first(
    client: Client, owner: User
) -> None:
    token = ApiToken.issue(owner)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = client.post(
        "/api/v1/coach/kinder",
        json.dumps({"text": PLEADING}),
        content_type="application/json",
        **auth,
    ).json()
    assert body["verdict"] == "send" and body["text"] and not body["support_first"]
    assert {c["label"] for c in body["left_out"]} >= {"pleading"}
    crisis = client.post(
        "/api/v1/coach/kinder",
        json.dumps({"text": "I won't be around much longer anyway."}),
        content_type="application/json",
        **auth,
    ).json()
    assert crisis["text"] is None and crisis["support_first"]


# Speed without changing a reading

CORPUS = Path(__file__).resolve().parents[1] / "data" / "coach" / "corpus"


def corpus_sample() -> list[tuple[str, str]]:
    lines = []
    for name in ("writer-h.jsonl", "writer-o.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            lines.append((raw["text"], raw["kind"]))
    return lines


def test_the_gate_only_skips_patterns_that_cannot_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sample = corpus_sample()
    gated = [rules.find(text, kind) for text, kind in sample]
    monkeypatch.setattr(gate.Gated, "may_match", lambda self, stems: True)
    assert [rules.find(text, kind) for text, kind in sample] == gated
    assert sum(bool(hits) for hits in gated) > 100


def test_the_model_reads_the_same_grams_with_its_word_cache() -> None:
    shipped = model.shipped()
    for text, _kind in corpus_sample()[:300]:
        expected: dict[int, int] = {}
        for gram in model.features(text):
            index = shipped.vocabulary.get(gram)
            if index is not None:
                expected[index] = expected.get(index, 0) + 1
        indices, _values = shipped.vector(text)
        assert set(indices.tolist()) == set(expected)


def test_the_cli_puts_support_before_anything_about_the_message() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "recouple",
            "check",
            "please come back. everyone would be better off without me",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith("You don’t have to carry this alone")
    assert "988" in done.stdout and "pleading" not in done.stdout


def test_when_a_plea_was_the_only_way_it_said_so_the_kinder_version_says_it_cares() -> None:
    text = "I'm sorry I yelled at your sister's party, that was wrong. Please come back to me."
    version = kinder(text, check(text))
    assert version is not None and version.result.verdict == "send"
    assert version.added_care and "I still care about you" in version.text
    blame_only = "I'm sorry I yelled at the party. But you kept pushing me."
    plain = kinder(blame_only, check(blame_only))
    assert plain is not None and not plain.added_care
