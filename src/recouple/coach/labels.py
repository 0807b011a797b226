"""The coach's labels: what each one means for the program, and what to do instead."""

from __future__ import annotations

from dataclasses import dataclass

RISKS = (
    "pleading",
    "pity",
    "jealousy",
    "guilt_trip",
    "pressure",
    "blame",
    "forgiveness_demand",
    "sexual",
    "monitoring",
    "self_harm",
)
GOOD = ("accountability", "respects_choice")
LABELS = RISKS + GOOD


# How the reason names each label: the same words as the page's finding titles.
NAMES: dict[str, str] = {
    "pleading": "pleading",
    "pity": "asking for pity",
    "jealousy": "jealousy",
    "guilt_trip": "a guilt trip",
    "pressure": "pressure",
    "blame": "blame",
    "forgiveness_demand": "asking for forgiveness",
    "sexual": "sex",
    "monitoring": "watching them",
    "self_harm": "your safety",
    "accountability": "owning your part",
    "respects_choice": "giving space",
}


# A finding's title on the page: the same words as NAMES, as a heading.
TITLES: dict[str, str] = {
    "pleading": "Pleading",
    "pity": "Asking for pity",
    "jealousy": "Jealousy",
    "guilt_trip": "Guilt trip",
    "pressure": "Pressure",
    "blame": "Blame",
    "forgiveness_demand": "Asking for forgiveness",
    "sexual": "Sex",
    "monitoring": "Watching them",
    "self_harm": "Your safety",
    "accountability": "Owning your part",
    "respects_choice": "Giving space",
}


@dataclass(frozen=True)
class Advice:
    """What a finding says: what the words do, why it matters, what to do instead."""

    what: str
    why: str
    suggestion: str
    # Softer words than ``what`` for a finding the trained model made on its own.
    soft: str

    @property
    def explanation(self) -> str:
        return f"{self.what} {self.why}"

    @property
    def soft_explanation(self) -> str:
        return f"{self.soft} {self.why}"


ADVICE: dict[str, Advice] = {
    "pleading": Advice(
        "This pleads with them.",
        "Step 3 is one message that says you care, then stepping back.",
        "Say what you feel once, simply, and leave the decision to them.",
        "This may read as pleading.",
    ),
    "pity": Advice(
        "This asks them to come back because you’re hurting.",
        "Step 3: no appeals to pity.",
        "Keep your pain for your journal or a friend; tell them only that you care.",
        "This may read as asking for pity.",
    ),
    "jealousy": Advice(
        "This could stir jealousy or comment on their new life.",
        "Step 3 rules out both.",
        "Leave other people out of it, theirs and yours.",
        "This may read as trying to make them jealous.",
    ),
    "guilt_trip": Advice(
        "This makes them responsible for how you feel.",
        "Step 9: you can’t control their answer.",
        "Speak about your own feelings without making them the cause.",
        "This may read as a guilt trip.",
    ),
    "pressure": Advice(
        "This pushes for an answer or sets a deadline.",
        "Step 3: no pressure, no now-or-never.",
        "Let them answer in their own time, or not at all.",
        "This may read as pressure to answer.",
    ),
    "blame": Advice(
        "This blames them.",
        "Step 2 is about owning your part, not theirs.",
        "Talk about what you did and what you’ve learned, not what they did.",
        "This may read as blame.",
    ),
    "forgiveness_demand": Advice(
        "This asks for forgiveness.",
        "Step 2: amends ask for nothing back, not even that.",
        "Apologise and let it stand; what they do with it is theirs.",
        "This may read as expecting forgiveness.",
    ),
    "sexual": Advice(
        "This brings sex into it.",
        "Step 5: no sleeping together, no situationship.",
        "Leave this out. If there’s a way back, it starts with talking, not bed.",
        "This may read as a sexual invitation.",
    ),
    "monitoring": Advice(
        "This shows you’ve been watching their life.",
        "Step 7: stay off their social media.",
        "Leave out what you’ve seen of them, and stop looking.",
        "This may show you’ve been watching them.",
    ),
    "self_harm": Advice(
        "It sounds like you may be thinking about hurting yourself or not being here.",
        "You deserve support right now.",
        "Please talk to someone today: a crisis line, a doctor, or a person you trust.",
        "Some of this sounds like you may not be safe.",
    ),
    "accountability": Advice(
        "This owns something specific you did.",
        "That’s what step 2 asks.",
        "Keep it: no “but”, no excuses after it.",
        "This seems to own something you did.",
    ),
    "respects_choice": Advice(
        "This gives them space and respects their choice.",
        "That’s what step 3 asks.",
        "Keep it.",
        "This seems to give them space.",
    ),
}
