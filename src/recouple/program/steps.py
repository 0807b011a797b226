"""The nine steps, the acceptance lines, the letting-go path and where to turn for safety.

Plain data for every surface (pages, the API, the coach) to show the same words. The facts
come from the program article; every sentence here is our own, written for someone reading
late at night and hurting: short, kind, concrete, no blame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from recouple.program import nocontact as _nc


class StepKind(StrEnum):
    PHASE = "phase"  # something you do for a stretch of time, then move on from
    STANDING = "standing"  # a rule that holds the whole way through
    FRAME = "frame"  # the way of looking at all of it


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    kind: StepKind
    summary: str
    why: tuple[str, ...]
    how: tuple[str, ...]
    watch_for: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        number=1,
        slug="no-contact",
        title="No contact",
        kind=StepKind.PHASE,
        summary=f"Take at least {_nc.MINIMUM_DAYS} days with no texts, calls, emails or meetups.",
        why=(
            "Every message or call stirs the hope up again, and then the hurt. Quiet time lets "
            "your feelings settle so you can grieve and see what happened more clearly.",
            "This isn’t a punishment, for them or for you. It’s room you give yourself, and "
            "you need it whether you hope to get back together, stay friends or move on.",
            "When the days are done you may still want them back, or you may not. Either way, "
            "you’ll know with a calmer mind.",
        ),
        how=(
            f"Choose your length: {_nc.MINIMUM_DAYS} days at the very least, "
            f"{_nc.LONG_RELATIONSHIP_DAYS} if you were together a year or more, and "
            f"{_nc.EXTRA_DAYS_AFTER_A_BREAK} more if you’ve broken no contact before "
            f"(up to {_nc.LONGEST_SUGGESTION}).",
            "Stop texting, calling, emailing and meeting. Mute or block their number if that "
            "makes it easier to hold.",
            "If you like, send one short note first saying you need some time apart to heal. "
            "Then stop.",
            "When the urge hits, open the pause screen and write what you wanted to say "
            "there instead.",
            "If any contact happens, whoever started it, log it as a slip with a short note. "
            "No shame. Tomorrow is a fresh day.",
            "If you share children, a home or money, keep messages to logistics only: "
            "times, bills, handovers.",
        ),
        watch_for=(
            "Finding reasons to get in touch: a quick question, a birthday, a jumper of "
            "theirs you still have.",
            "Treating a slip as failure. It isn’t. Log it, be gentle with yourself, and carry on.",
            "Logistics messages drifting into feelings, memories or questions about their life.",
        ),
    ),
    Step(
        number=2,
        slug="make-it-right",
        title="Make it right",
        kind=StepKind.PHASE,
        summary="Own your part, apologise without asking for anything back, and forgive yourself.",
        why=(
            "A breakup rarely has one cause. Seeing what you brought to it, even the small "
            "things, is what makes real change possible, with them or with anyone.",
            "An apology that asks for nothing in return frees you as much as them. You can "
            "set down some guilt and stop carrying the whole story alone.",
            "It may also ease their load to hear that you don’t blame them for everything. "
            "You can do this work while no contact is still running.",
        ),
        how=(
            "List the moments when your behaviour hurt the relationship. Be specific about "
            "what you did or said.",
            "Next to each one, write what it did to them and to the two of you.",
            "Look for what sat underneath: what set you off, what you were afraid of, where "
            "you first learned to react that way.",
            "Draft an apology that names what you did, with no “but” and no excuses. Keep it "
            "until your no-contact days are over.",
            "Think about making amends through actions, not only words, where there’s a fair "
            "way to do it.",
            "Write a few lines forgiving yourself for what you didn’t yet know how to do.",
        ),
        watch_for=(
            "Apologising so they’ll forgive you or come back. If there’s a hidden ask, it "
            "isn’t an apology yet.",
            "A list that is really about what they did wrong, or one that owns nothing at all.",
            "Swinging the other way and blaming yourself for everything. That isn’t owning "
            "your part either.",
        ),
    ),
    Step(
        number=3,
        slug="reach-out",
        title="Reach out, then step back",
        kind=StepKind.PHASE,
        summary="Send one kind message saying you care and are open to trying again. Then wait.",
        why=(
            "After the quiet and the inner work, one honest message lets them know where you "
            "stand without asking them to decide anything.",
            "What you do after sending it matters most. Giving them real room to think is how "
            "you show you respect their choice.",
            "Their answer belongs to them. Your part is done once the message is sent.",
        ),
        how=(
            "Wait until your no-contact days are complete and your list from step 2 is written.",
            "Keep it short: you still care, you’d be open to reconciling, and there’s no "
            "hurry to reply.",
            "Run your draft through the message check before you send it.",
            "Send it once. Then go back to your own days: work, friends, sleep, the things "
            "you enjoy.",
            "If they reply, record what they said. If they don’t, don’t write again.",
            "If they say no or ask for no contact, that’s final, and the app will keep "
            "outreach closed from then on.",
        ),
        watch_for=(
            "Wanting to follow up, add one more thought, or ask whether they got it.",
            "Pleading, guilt, pity or jealousy slipping into the words, even gently.",
            "Any kind of deadline, like “this is your last chance”.",
            "Reading silence as a reason to try harder. For now, silence is their answer.",
        ),
    ),
    Step(
        number=4,
        slug="grow",
        title="Grow",
        kind=StepKind.STANDING,
        summary="Build a life you enjoy on your own terms, whatever they decide.",
        why=(
            "Your happiness can’t live in one person’s hands. Their return wouldn’t fix a "
            "deeper unhappiness, and a fuller life helps you however this turns out.",
            "The work you do on yourself also makes you a steadier partner, for them or for "
            "someone you haven’t met yet.",
            "If it feels as though you could never be happy without them, please see a "
            "therapist. That feeling deserves real support, and it can ease.",
        ),
        how=(
            "Notice how you speak when you’re upset. Practise saying what you need calmly "
            "and plainly.",
            "Learn how you tend to act when you feel unsure of someone: do you hold on "
            "tighter, pull away, or both?",
            "Pick one hobby or activity and give it a place in your week, even 20 minutes.",
            "Write a page about the life you want a year from now: home, work, friends, and "
            "how you want to feel.",
            "Spend time with people who are good for you. Say yes to a plan you’d usually skip.",
            "Keep one small daily habit and track it. A missed day is a dent, not a restart.",
        ),
        watch_for=(
            "Doing things mainly so they’ll notice or hear about it.",
            "Putting your whole life on hold until they decide.",
            "Feeling that nothing matters without them. If that stays, talk to a therapist.",
        ),
    ),
    Step(
        number=5,
        slug="no-sex",
        title="Don’t sleep together",
        kind=StepKind.STANDING,
        summary="Keep things non-physical, and don’t settle for a casual half-relationship.",
        why=(
            "Sleeping together can feel like closeness coming back, then leave you more hurt "
            "and more confused than before.",
            "It can give them the comfort of a partner with none of the commitment, and a "
            "situationship keeps you waiting for scraps. You are worth more than that.",
            "This isn’t about holding back affection to win them over. It’s about giving "
            "yourself clear space to heal and, if it comes to it, to let go.",
        ),
        how=(
            "Decide now, while you’re calm, that you won’t sleep with them, and write down why.",
            "Avoid late nights, drinks together, or being alone at their place or yours.",
            "If they suggest it, you can say no kindly and leave it there.",
            "If you meet as friends later on, choose daytime and public places.",
            "If it happens anyway, write it down honestly, go easy on yourself, and recommit.",
        ),
        watch_for=(
            "“Just once” or “for old times’ sake” thinking, especially late at night or after "
            "a drink.",
            "Taking physical closeness as proof that they want you back.",
            "Accepting a casual arrangement because it feels better than nothing.",
        ),
    ),
    Step(
        number=6,
        slug="friendship",
        title="Rebuild a friendship",
        kind=StepKind.PHASE,
        summary="If they’re open to it, get to know them again as a friend, with no hidden plan.",
        why=(
            "Lasting relationships often rest on friendship. Meeting the person they are now, "
            "rather than the one you remember, can rebuild trust slowly.",
            "A friendship used only as a route back tends to crack. It has to be something "
            "you value for its own sake.",
            "Even if you never get back together, a real friendship can be worth having.",
        ),
        how=(
            "Only begin if they’ve shown they’re open to contact. Never push for it.",
            "First, answer honestly: would you want this friendship even if it never led "
            "back to being together? If not, skip this step.",
            "Keep early contact light and easy: a coffee, a walk, something you both enjoy.",
            "Ask about their life now and listen as if you were meeting them for the first time.",
            "Let them set the pace, and don’t read romance into every plan.",
            "Keep your own life full, so the friendship isn’t the centre of your week.",
        ),
        watch_for=(
            "Answering yes to the honest question when the real answer is no.",
            "Turning friendly time into talks about the relationship or the breakup.",
            "Feeling crushed or resentful when a meetup stays just friendly.",
        ),
    ),
    Step(
        number=7,
        slug="social-media",
        title="Stay off their social media",
        kind=StepKind.STANDING,
        summary="Don’t look at their profiles, stories or posts. Each look counts as a slip.",
        why=(
            "Checking their posts feels like staying close, but it mostly brings pain: new "
            "faces, familiar places, posts you’ll lie awake wondering about.",
            "Almost anything you see can be read as a message to you. That guessing keeps "
            "you stuck and drains time and energy you could spend on yourself.",
        ),
        how=(
            "Mute, unfollow or block their accounts so they stop appearing in your feeds.",
            "Clear their name from your search history and remove any shortcuts to them.",
            "Delete or hide the apps for a while if the pull is strong at night.",
            "When you catch yourself about to look, open the pause screen instead.",
            "If you do look, log it as a slip, note what set it off, and move on.",
        ),
        watch_for=(
            "Looking “just to check they’re okay”, or through other people’s pages to catch "
            "a glimpse.",
            "Searching their name, or viewing from a different account.",
            "Treating their posts as clues about how they feel about you.",
        ),
    ),
    Step(
        number=8,
        slug="couples-therapy",
        title="Try couples therapy",
        kind=StepKind.PHASE,
        summary="If you both want to try again, suggest seeing a couples therapist together.",
        why=(
            "A trained, neutral person can help each of you understand how the other saw the "
            "past, and help you both talk more clearly.",
            "It isn’t a place to win old arguments. It’s for hearing each other and naming "
            "what worries you about trying again.",
            "It may show that getting back together is right, or that it isn’t. Both are "
            "worth knowing.",
        ),
        how=(
            "Raise it only once they’ve said they’re open to reconciling.",
            "Offer it as an idea, not a condition. Let them say no or not yet.",
            "Look for a therapist who works with couples, and choose together if you can.",
            "Before each session, note one worry or hope you want to bring up.",
            "Go in curious about their side rather than ready to defend yours.",
        ),
        watch_for=(
            "Using sessions to prove you were right about what happened.",
            "Bringing it up before they’ve said they want to try.",
            "Seeing therapy as a promise that you’ll end up together.",
        ),
    ),
    Step(
        number=9,
        slug="let-go-of-control",
        title="Let go of control",
        kind=StepKind.FRAME,
        summary="You can’t choose their answer. Put your energy into what is yours: your own life.",
        why=(
            "No one can make another person want them, rewrite how they see the past, or talk "
            "them into a choice. Trying only adds to the pain.",
            "If they see you as the villain, that tells you something about how well you fit. "
            "Someone right for you won’t need to be argued into seeing your worth.",
            "Releasing the outcome isn’t giving up. It’s what lets you live your life while "
            "the answer, whatever it is, arrives in its own time.",
        ),
        how=(
            "Each morning, read one acceptance line and notice how it sits with you.",
            "When you think one more message will fix it, write it in the pause screen "
            "instead of sending it.",
            "Name what is in your hands today: sleep, food, a friend, one small step.",
            "When you catch yourself replaying things or planning what to say, come back to "
            "your breath, the room, the next small task.",
            "Once a week, write down what you’ve let go of and what you’re still holding.",
        ),
        watch_for=(
            "Rehearsing arguments or perfect messages in your head.",
            "Trying to persuade, bargain with or steer them towards a yes.",
            "Living each day as a wait for their reply.",
        ),
    ),
)

_BY_SLUG: dict[str, Step] = {s.slug: s for s in STEPS}


def step(slug: str) -> Step:
    """The step with this slug; LookupError (never a bare KeyError) for an unknown one."""
    found = _BY_SLUG.get(slug)
    if found is None:
        known = ", ".join(_BY_SLUG)
        raise LookupError(f"No step with the slug {slug!r}. Known slugs: {known}.")
    return found


# For the daily acceptance reflection: one line a day, in any order.
ACCEPTANCE_TRUTHS: tuple[str, ...] = (
    "You can love someone deeply and still part because you want different lives.",
    "Love can’t make up for needs they can’t or won’t meet, and you’re allowed to need them.",
    "Wanting them back is yours to feel. Wanting you back is theirs alone to choose.",
    "Real love and differences that won’t close can both be true at the same time.",
    "They may have found someone new. That is their choice to make.",
    "They may never be open to trying again, and that answer is allowed to stand.",
    "Sometimes the longing is grief speaking, not a clear view of what you had.",
    "Getting back together can end just as it ended last time. That risk is real.",
    "You can love someone and not yet be ready to be a good partner to them.",
    "They may feel anger or even hatred toward you. It doesn’t decide your worth.",
)


def truth_of_the_day(day: date) -> int:
    """Which of the ACCEPTANCE_TRUTHS is the day's (its index): each in turn, day by day."""
    return day.toordinal() % len(ACCEPTANCE_TRUTHS)


# The letting-go path: (title, description), in order.
LETTING_GO: tuple[tuple[str, str], ...] = (
    (
        "Grief",
        "Let it hurt. Crying, missing them and replaying the end are what loss looks like, "
        "and it comes in waves. You don’t need to rush it or explain it to anyone.",
    ),
    (
        "Healing",
        "Look after the basics: sleep, food, moving your body, people who are kind to you. "
        "Keep your no-contact habits, because they protect the quiet you need to mend.",
    ),
    (
        "Growth",
        "Turn toward your own life: a hobby, a friendship, a goal you set aside. Notice what "
        "this taught you about yourself and what you’d want next time.",
    ),
    (
        "Acceptance",
        "One day the story feels finished instead of open. You can keep the good memories "
        "without needing them back, and you still deserve love that comes freely.",
    ),
)

# The readiness report: one headline and one next move per outcome.
OUTCOME_HEADLINES: dict[str, str] = {
    "proceed": "Nothing you told us stands in the way right now, so you can begin the steps.",
    "wait": "Not yet: something needs time before you reach out.",
    "let_go": "From what you’ve shared, the kindest path now is to let this relationship go.",
    "unsure": "Some of your answers raise real questions, so it’s worth pausing before you go on.",
}

OUTCOME_NEXT: dict[str, str] = {
    "proceed": "Start with no contact and with your own part in what went wrong. You can come "
    "back to these questions whenever you like.",
    "wait": "Below is what stands in the way and what to work on meanwhile. Put your energy "
    "into looking after yourself and your own life, and retake the questions when things "
    "move.",
    "let_go": "Follow the letting-go path at your own pace: grief, healing, growth, then "
    "acceptance. You don’t have to do it all at once.",
    "unsure": "Talk it through with a therapist, and ask people who care about you what they "
    "see. Then come back and answer the questions again.",
}


@dataclass(frozen=True)
class Helpline:
    name: str
    how: str
    phone: str | None
    text: str | None
    url: str | None


# For everyone else: a free worldwide directory that can be filtered to abuse services.
ABUSE_INTERNATIONAL = Helpline(
    name="Find A Helpline",
    how="A free directory of support lines worldwide: pick your country and the topic of abuse.",
    phone=None,
    text=None,
    url="https://findahelpline.com",
)

# National domestic-abuse services, free and confidential. The first line of each country
# names its emergency number for anyone in danger right now.
ABUSE_HELPLINES: dict[str, tuple[Helpline, ...]] = {
    "US": (
        Helpline(
            name="National Domestic Violence Hotline",
            how="Call any time, or text START to 88788. In danger right now, call 911.",
            phone="1-800-799-7233",
            text="START to 88788",
            url="https://www.thehotline.org",
        ),
    ),
    "CA": (
        Helpline(
            name="ShelterSafe",
            how="A map of shelters across Canada with their 24-hour lines. In danger, call 911.",
            phone=None,
            text=None,
            url="https://www.sheltersafe.ca",
        ),
    ),
    "GB": (
        Helpline(
            name="National Domestic Abuse Helpline (England)",
            how="Free, any time, day or night. In danger right now, call 999.",
            phone="0808 2000 247",
            text=None,
            url="https://www.nationaldahelpline.org.uk",
        ),
        Helpline(
            name="Men’s Advice Line",
            how="For men experiencing abuse. Open on weekdays; see the website for hours.",
            phone="0808 801 0327",
            text=None,
            url="https://mensadviceline.org.uk",
        ),
        Helpline(
            name="Scotland’s Domestic Abuse and Forced Marriage Helpline",
            how="For anyone in Scotland. Free, any time, day or night.",
            phone="0800 027 1234",
            text=None,
            url="https://sdafmh.org.uk",
        ),
        Helpline(
            name="Live Fear Free (Wales)",
            how="For anyone in Wales. Free, any time, day or night.",
            phone="0808 80 10 800",
            text=None,
            url="https://gov.wales/live-fear-free",
        ),
        Helpline(
            name="Domestic and Sexual Abuse Helpline (Northern Ireland)",
            how="For anyone in Northern Ireland. Free, any time, day or night.",
            phone="0808 802 1414",
            text=None,
            url="https://dsahelpline.org",
        ),
    ),
    "IE": (
        Helpline(
            name="Women’s Aid National Freephone Helpline",
            how="Free, any time, day or night. In danger right now, call 112 or 999.",
            phone="1800 341 900",
            text=None,
            url="https://www.womensaid.ie",
        ),
        Helpline(
            name="Men’s Aid",
            how="A national service for men experiencing abuse. See the website for hours.",
            phone="01 554 3811",
            text=None,
            url="https://www.mensaid.ie",
        ),
    ),
    "AU": (
        Helpline(
            name="1800RESPECT",
            how="Call or chat online, any time, day or night. In danger right now, call 000.",
            phone="1800 737 732",
            text=None,
            url="https://www.1800respect.org.au",
        ),
    ),
    "NZ": (
        Helpline(
            name="Women’s Refuge",
            how="Crisis line, free, any time, day or night. In danger right now, call 111.",
            phone="0800 733 843",
            text=None,
            url="https://womensrefuge.org.nz",
        ),
        Helpline(
            name="Are You OK family violence info line",
            how="Free information and support for anyone affected by family violence.",
            phone="0800 456 450",
            text=None,
            url="https://www.areyouok.org.nz",
        ),
    ),
}


def abuse_helplines(country: str) -> tuple[Helpline, ...]:
    """Local services first, when we know them, and always the international directory last."""
    return (*ABUSE_HELPLINES.get(country.strip().upper(), ()), ABUSE_INTERNATIONAL)
