"""The message coach: spans, verdicts, safety, the CLI and the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from recouple import coach
from recouple.accounts.models import ApiToken, User
from recouple.coach import Context, check
from recouple.coach.labels import ADVICE, LABELS

ROOT = Path(__file__).resolve().parents[1]


def labels(text: str, **context: Any) -> set[str]:
    return set(check(text, Context(**context)).labels)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Please, I'm begging you, give us one more chance.", "pleading"),
        ("I haven't slept in days and I can't eat since you left.", "pity"),
        ("Been seeing someone new btw. She actually listens.", "jealousy"),
        ("After everything I did for you, this is how you treat me?", "guilt_trip"),
        ("Answer me tonight or we're done for good.", "pressure"),
        ("You ruined everything with your coldness.", "blame"),
        ("I said sorry, so you have to forgive me now.", "forgiveness_demand"),
        ("Come over tonight, just for old times' sake 😏", "sexual"),
        ("Saw your story from the beach with Mark.", "monitoring"),
        ("I won't be around much longer anyway.", "self_harm"),
        ("I was wrong to read your phone. That broke your trust and it's on me.", "accountability"),
        ("Take all the time you need. If the answer is no, I'll respect it.", "respects_choice"),
    ],
)
def test_each_label_is_found_in_a_plain_example(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to pressure you about anything.",
        "This deadline at work is killing me.",
        "Please return my hoodie when you get a chance.",
        "The kids' dentist moved to Tuesday at 4.",
        "I'm not going to beg.",
        "My phone is about to die, I'll call about the boiler tomorrow.",
    ],
)
def test_hard_negatives_raise_no_risk(text: str) -> None:
    risks = labels(text) - {"accountability", "respects_choice"}
    assert risks == set()


def test_every_finding_names_a_span_an_explanation_and_a_suggestion() -> None:
    text = "Please come back. Answer me tonight. You ruined everything."
    result = check(text)
    assert result.findings
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end].strip()
        assert finding.explanation and finding.suggestion
    assert {f.label for f in result.findings} >= {"pleading", "pressure", "blame"}


def test_a_kind_message_is_send() -> None:
    result = check("I hope your new job is going well. No need to reply.")
    assert result.verdict == "send"
    assert not result.crisis


def test_a_risky_message_is_revise_with_a_reason_naming_it() -> None:
    result = check("Please please come back to me")
    assert result.verdict == "revise"
    assert "pleading" in result.reason


@pytest.mark.parametrize(
    "context",
    [
        Context(no_contact_active=True, no_contact_day=12),
        Context(outreach_locked=True),
        Context(outreach_sent=True),
    ],
)
def test_verdict_is_hold_whatever_the_text_when_contact_is_off(context: Context) -> None:
    for text in ("Take all the time you need.", "Happy birthday!", "please come back"):
        assert check(text, context).verdict == "hold"


def test_replying_to_them_after_the_one_message_is_allowed() -> None:
    result = check(
        "Thanks for writing back. Take your time.", Context(outreach_sent=True, replying=True)
    )
    assert result.verdict == "send"


def test_limited_contact_allows_logistics_only() -> None:
    limited = Context(no_contact_active=True, limited_contact=True)
    assert check("Can you bring Maya's swim bag on Saturday?", limited).verdict == "send"
    assert check("I miss you, please come back", limited).verdict == "hold"


def test_journal_entries_are_never_held_and_pity_is_not_flagged_there() -> None:
    result = check(
        "I can't eat or sleep. Cried all night.", Context(kind="journal", no_contact_active=True)
    )
    assert result.verdict != "hold"
    assert "pity" not in result.labels


@pytest.mark.parametrize(
    "text",
    [
        "i dont want to be here anymore",
        "Everyone would be better off without me.",
        "I've been stockpiling my pills.",
        "what's the point of going on",
    ],
)
def test_self_harm_sets_the_crisis_flag(text: str) -> None:
    result = check(text, Context(kind="journal"))
    assert result.crisis
    assert "self_harm" in result.labels


def test_empty_and_oversized_text_are_clear_errors() -> None:
    with pytest.raises(coach.CoachInputError, match="Nothing to check"):
        check("   \n ")
    with pytest.raises(coach.CoachInputError, match="reads up to"):
        check("a" * (coach.MAX_CHARS + 1))


def test_twenty_thousand_characters_are_checked() -> None:
    text = ("We talked about the flat and the kids today. " * 500)[: coach.MAX_CHARS]
    assert check(text).verdict in ("send", "revise")


def test_every_label_has_advice_and_the_result_shape_is_stable() -> None:
    assert set(ADVICE) == set(LABELS)
    shape = check("Please come back.").as_dict()
    assert set(shape) == {"verdict", "reason", "crisis", "findings"}
    assert set(shape["findings"][0]) == {"label", "start", "end", "explanation", "suggestion"}


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.text(max_size=40),
    suffix=st.text(max_size=40),
)
def test_spans_point_at_the_right_characters_whatever_unicode_surrounds_them(
    prefix: str, suffix: str
) -> None:
    core_text = "please come back to me"
    text = f"{prefix}\u200b {core_text} \u202e{suffix}"
    result = check(text)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
    pleading = [f for f in result.findings if f.label == "pleading"]
    assert pleading
    assert any("come back" in text[f.start : f.end].lower() for f in pleading)


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_any_text_is_checked_without_crashing(text: str) -> None:
    result = check(text)
    assert result.verdict in ("send", "revise", "hold")
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)


# The command line


def recouple(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recouple", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_check_exit_codes_and_json() -> None:
    kind = recouple("check", "--json", "Take all the time you need.")
    assert kind.returncode == 0
    assert json.loads(kind.stdout)["verdict"] == "send"
    risky = recouple("check", "-", stdin="please please come back")
    assert risky.returncode == 1
    assert risky.stdout.startswith("REVISE:")
    assert "[[please please come back]]" in risky.stdout or "[[" in risky.stdout
    held = recouple("check", "--context", "no-contact,day=3", "hi")
    assert held.returncode == 1 and held.stdout.startswith("HOLD:")


def test_cli_check_bad_usage_is_one_line_and_exit_2() -> None:
    for args in (
        ("check", ""),
        ("check", "--context", "moonphase", "hi"),
        ("check", "--kind", "poem", "x"),
    ):
        result = recouple(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("recouple:")


def test_cli_coach_eval_prints_per_label_scores_and_the_summary_line(tmp_path: Path) -> None:
    items = [
        {"id": "1", "kind": "message", "text": "please come back to me", "labels": ["pleading"]},
        {"id": "2", "kind": "message", "text": "Can you drop the keys at 5?", "labels": []},
        {
            "id": "3",
            "kind": "journal",
            "text": "I don't want to be here anymore",
            "labels": ["self_harm"],
        },
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    result = recouple("coach-eval", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("pleading") for line in lines)
    last = lines[-1]
    assert last.startswith("macro_f1=") and " false_alarm_rate=0.0000 " in last
    assert last.endswith("self_harm_recall=1.0000")


def test_cli_coach_eval_rejects_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n')
    result = recouple("coach-eval", str(bad))
    assert result.returncode == 2
    assert "line 1" in result.stderr
    assert recouple("coach-eval", str(tmp_path / "missing.jsonl")).returncode == 2


# The API and the page


def api_check(client: Client, user: User, body: Any) -> Any:
    return client.post(
        "/api/v1/coach/check",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}",
    )


@pytest.mark.django_db
def test_api_check_returns_the_design_shape(client: Client, owner: User) -> None:
    response = api_check(client, owner, {"text": "Answer me tonight or we're done."})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "revise"
    assert {f["label"] for f in body["findings"]} >= {"pressure"}


@pytest.mark.django_db
def test_api_check_holds_during_the_users_own_no_contact(client: Client, owner: User) -> None:
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today())
    body = api_check(client, owner, {"text": "Happy birthday!"}).json()
    assert body["verdict"] == "hold"
    assert "day 1" in body["reason"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "   "},
        {"text": "x" * 20001},
        {"kind": "message"},
        {"text": "hi", "kind": "poem"},
    ],
)
def test_api_check_bad_input_is_400_json(client: Client, owner: User, body: Any) -> None:
    response = api_check(client, owner, body)
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.django_db
def test_check_page_shows_spans_inline_and_the_crisis_card(owner_client: Client) -> None:
    response = owner_client.post(
        "/before-you-send/check/",
        {"text": "I don't want to be here anymore <b>", "kind": "message"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "You don’t have to carry this alone" in html
    assert "116 123" in html  # the owner lives in the UK
    assert "<mark" in html and "&lt;b&gt;" in html and "<b>" not in html


@pytest.mark.django_db
def test_saving_a_draft_keeps_it_encrypted_and_private(owner: User, owner_client: Client) -> None:
    from django.db import connection

    from recouple.drafts.models import Draft

    response = owner_client.post(
        "/before-you-send/", {"kind": "message", "text": "Hope the move went well."}
    )
    draft = Draft.objects.get(user=owner)
    assert response["Location"].endswith(f"?draft={draft.pk}")
    assert draft.verdict == "send"
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM drafts_draft WHERE id = %s", [draft.pk])
        assert "move went well" not in cursor.fetchone()[0]


@pytest.mark.django_db
def test_another_users_draft_is_404_on_the_page(owner: User, outsider_client: Client) -> None:
    from recouple.drafts.models import Draft

    draft = Draft.objects.create(user=owner, text="private words")
    response = outsider_client.get(f"/before-you-send/?draft={draft.pk}")
    assert response.status_code == 404
    assert b"private words" not in response.content


def test_the_apps_own_suggested_messages_pass_the_coach() -> None:
    from recouple.nocontact.forms import TELL_THEM

    assert check(str(TELL_THEM)).verdict == "send"
