"""Patterns that explain themselves: each hit is a labelled span of the original text.

Matching runs on a normalised copy of the text of the same length (curly quotes made straight,
zero-width characters turned into spaces), so every offset points at the user's own
characters. A hit preceded in its clause by a negation ("I'm not going to beg") is dropped,
except for self-harm, whose patterns carry their own negations and where a missed warning
costs more than a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u2060": " ",
        "\ufeff": " ",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Lower-case, straight quotes, no zero-width characters: same length as ``text``."""
    folded = text.translate(_SAME_LENGTH)
    lowered = folded.lower()
    # A few characters change length when lower-cased (e.g. "İ"); keep offsets honest.
    return lowered if len(lowered) == len(text) else folded


@dataclass(frozen=True)
class Hit:
    label: str
    start: int
    end: int


NEGATION = re.compile(
    r"\b(not|never|no longer|won'?t|wont|will not|don'?t|dont|do not|didn'?t|isn'?t|"
    r"aren'?t|am not|i'?m not|im not|no need to|without|stop(?:ped)? trying to|"
    r"not going to|not gonna|refuse to|nor)\b"
)
CLAUSE_END = re.compile(r"[.!?;\n]|\bbut\b|\bthough\b")

_I = r"(?:i|i'?m|im|i am)"
_YOU = r"(?:you|u|ya)"
_YOUR = r"(?:your|ur|yr)"

PATTERNS: dict[str, list[str]] = {
    "pleading": [
        r"\bbegg?ing\b",
        r"\bi beg\b",
        r"\bplea+s+e+\b[^.!?\n]{0,60}\b(come back|take me back|give (me|us) (a|another|"
        r"one|this)|don'?t (leave|go|give up|do this)|reconsider|one more chance|try again|"
        r"talk to me|see me|meet me|forgive)",
        r"\b(one|1) (more|last) (chance|shot|try)\b",
        r"\btake me back\b",
        r"\b(please|just|pls|plz) come (back|home)\b|\bcome (back|home) to me\b",
        r"\b" + _I + r" need you back\b",
        r"\bdon'?t give up on (us|me)\b",
        r"\bgive (us|me|this) (another|a second|one more) (chance|shot|try|go)\b",
        r"\bpl[sz]+\b[^.!?\n]{0,40}\b(back|chance|answer|call|talk)\b",
        r"\bi'?ll do anything\b",
        r"\bcan we (please )?(try|start) again\b",
    ],
    "pity": [
        r"\b" + _I + r" (can'?t|cannot|haven'?t been able to) (eat|sleep|function|work|"
        r"stop crying|get out of bed|breathe)\b",
        r"\b(haven'?t|have not|not) (eaten|slept|left the house) (in|for) (days|weeks|\d+)\b",
        r"\b" + _I + r" (such |a complete |an absolute )?(wreck|mess|shell of)\b",
        r"\bonly (you|u) can (fix|save|help|make)\b",
        r"\b(cried|crying|cry) (myself to sleep|every (night|day)|all (day|night))\b",
        r"\b(lost|losing) (\d+|so much) ?(pounds|kilos|kg|lbs|weight)\b",
        r"\b" + _I + r" falling apart\b",
        r"\bi have (no one|nobody|nothing) (left|without you)\b",
        r"\blook what (you'?ve|you have|this has) (done|reduced)\b",
        r"\bwithout (you|u) i'?m (nothing|lost|empty)\b",
    ],
    "jealousy": [
        r"\b(seeing|dating|met|been out with|going out with|sleeping with|talking to) "
        r"(someone|somebody|this (guy|girl|woman|man)|a (guy|girl|woman|man))( new)?\b",
        r"\bhope (he|she|they) (treats|makes|is|keeps)\b[^.!?\n]{0,40}\b(as|like)\b",
        r"\b" + _YOUR + r" new (boyfriend|girlfriend|bf|gf|man|woman|guy|girl|partner|"
        r"husband|wife|fling|toy)\b",
        r"\bjealous\b",
        r"\bbet (he|she|they) (can'?t|doesn'?t|don'?t|won'?t|isn'?t)\b",
        r"\bmoved on (so )?(fast|quickly|quick)\b",
        r"\b(everyone|everybody|people) (says|tell me|keeps telling me) i (look|am|seem)\b",
        r"\bher\?|\bhim\?",
        r"\b(upgrade|downgrade)\b",
    ],
    "guilt_trip": [
        r"\bafter (everything|all) (i'?ve|i have|i) (done|did|gave|sacrificed|been)\b",
        r"\bhope (you'?re|ur|you are) (happy|proud)( now)?\b",
        r"\b(you|u) (did|have done|'ve done) this to me\b",
        r"\b(you|u) (broke|ruined|destroyed) me\b",
        r"\bhow could (you|u)\b",
        r"\b(you|u) know what (you|u) did\b",
        r"\bi gave (you|u) (everything|the best years|my (life|youth|all))\b",
        r"\bthanks (a lot|for nothing)\b",
        r"\b(you|u) (don'?t|never|didn'?t) (even )?care(d)?\b",
        r"\b(hope|see if) (you|u) can live with (yourself|that|it)\b",
        r"\b(you'?ll|you will) regret\b",
        r"\bthe (kids|children|dog|cat) (keep|keeps) asking (for|about) (you|their)\b",
        r"\b(you|u) (left|abandoned) (me|us) (alone|when)\b",
        r"\bi (guess|suppose) i (meant|mean) nothing\b",
        r"\bi was (never|always) (enough|the one who)\b",
    ],
    "pressure": [
        r"\b(answer|reply|respond|text|call|ring) (me|back|me back)?\s*(now|tonight|today|"
        r"asap|right now|immediately|by (tonight|tomorrow|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|\d))\b",
        r"\b(last|final) (chance|time i'?m asking|warning)\b",
        r"\bor (else|i'?m (done|gone|leaving|moving on)|we'?re (done|over)|it'?s over|"
        r"never)\b",
        r"\bnow or never\b",
        r"\bwhy (are|aren'?t|r|won'?t|haven'?t|don'?t|didn'?t) (you|u) "
        r"(ignoring|replying|answering|responding|reply|answer|respond|pick up|text)",
        r"\b(i|we) need (an|your|a) (answer|decision|reply)\b",
        r"\b(you|u) (have|got|'ve got) (until|till|\d+ (hours|days|minutes))\b",
        r"\bif (you|u) (don'?t|do not) (reply|answer|respond|call|text|come)\b",
        r"\b(hello|helloo+|hellooo*)\?+",
        r"\b(answer|reply|pick up)( the phone)?!+",
        r"\bi'?ll (keep|be) (calling|texting|waiting outside)\b",
        r"\b(make up your mind|decide (now|already|tonight))\b",
        r"\bi won'?t (wait|ask) (forever|again)\b",
    ],
    "blame": [
        r"\b(you|u) (ruined|destroyed|wrecked|killed|screwed up|messed up|threw away|"
        r"blew up|sabotaged) (everything|us|it|this|our|what we)\b",
        r"\b(it'?s|it was|this is|that'?s|its) (all )?(your|ur) fault\b",
        r"\bif (you|u) (hadn'?t|had not|had just|had only|just had)\b",
        r"\b(you|u) (never|always) (listened|cared|tried|made|put|did|had|let|wanted|"
        r"complained|nagged|chose)\b",
        r"\b(you'?re|you are|ur) the (one|reason) (who|that|why)\b",
        r"\b(you|u) (made|forced|pushed|drove) me (to|do|into|away)\b",
        r"\bbecause (you|u) (were|are|was) (so |always |never )?(cold|selfish|distant|"
        r"controlling|jealous|lazy|busy|mean|cruel|difficult|impossible)\b",
        r"\b(you|u) (gave up|walked away|left) (on us|first)\b",
        r"\b(you|u) (started|caused) (it|this|all (of )?this)\b",
        r"\bwhat did (you|u) expect\b",
    ],
    "forgiveness_demand": [
        r"\b(you|u) (have|need|got|ought|must) to forgive\b",
        r"\bforgive me (already|now|yet)\b",
        r"\b(i said|i'?ve said|i already said|i apologi[sz]ed|i'?ve apologi[sz]ed)"
        r"( i'?m)?( sorry)?\b[^.!?\n]{0,50}\b(so|now|why|what more|enough|move on|get over)",
        r"\bwhy (can'?t|won'?t|don'?t|didn'?t) (you|u) (just )?forgive\b",
        r"\b(a real|if you (really |truly )?loved me)[^.!?\n]{0,50}\bforgive\b",
        r"\bso we'?re (good|fine|ok|okay|cool)( now)?\b",
        r"\bwhen (will|are|r) (you|u) (going to |gonna )?forgive\b",
        r"\b(you|u) should (forgive|let it go|get over it)\b",
        r"\bforgive and forget\b",
        r"\b(time to|just) (move on|let it go|get over it)\b[^.!?\n]{0,20}\b(already|forgive)\b",
        r"\b(owe|owes) me (a second chance|forgiveness)\b",
    ],
    "sexual": [
        r"\bfor old times'? sake\b",
        r"\b(miss|want|need|crave) (your|ur) (body|touch|lips|kisses|skin|bed)\b",
        r"\b(sleep|hook ?up|have sex|fool around|make out|get physical) "
        r"(with me|together|again|one (more )?time|tonight)\b",
        r"\bno strings\b",
        r"\bfriends with benefits\b|\bfwb\b",
        r"\bbooty call\b",
        r"\b(sex|sexy|naked|nudes?|horny|in bed|lingerie)\b",
        r"\bu up\b|\byou up\?",
        r"\bnetflix and chill\b",
        r"\bone (more )?night (together|with you)\b",
        r"\bcome (over|round) (and|to) (stay|cuddle|spend the night)\b",
        r"\bspend the night\b",
    ],
    "monitoring": [
        r"\b(saw|seen|noticed|watched|checked|looked at|see|viewed|stalked) (your|ur|yr) "
        r"(new |latest |last )?(story|stories|post|posts|pics?|photos?|profile|insta|"
        r"instagram|facebook|fb|tiktok|snap|snapchat|status|tweets?|feed|likes?|reel|"
        r"reels|page|spotify|playlist|strava|linkedin)\b",
        r"\b(saw|noticed|see|heard) (that )?(you|u) (were|was|are|r|went|'?re) "
        r"(at|with|online|out|in|on|back)\b",
        r"\bi know (you|u) (were|was|went|'?ve been|have been|are)\b",
        r"\b(you|u) (liked|commented|posted|followed|unfollowed|tagged|shared)\b",
        r"\b(his|her|their|" + _YOUR + r" new \w+'?s?) (insta|instagram|profile|page|"
        r"account|photos|pics|posts|stories)\b",
        r"\b(online|active) (at|till|until) \d",
        r"\blast seen\b",
        r"\b" + _YOUR + r" location\b",
        r"\bfind my (friends|iphone)\b|\b(tracked|tracking|track) (you|your|ur)\b",
        r"\b(drove|walked|went) (past|by) (your|ur) (place|house|flat|work|office)\b",
        r"\b(your|ur) (mutuals|friends told me|sister told me|friend said)\b",
        r"\b(you|u) (looked|look) (happy|good|great|thin|tired) in (that|the|your)\b",
    ],
    "self_harm": [
        r"\b(kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|end) myself\b",
        r"\b(end|ending|take|taking) (my|my own) life\b",
        r"\bsuicid\w*\b",
        r"\b(want|wanna|going|gonna|ready|about) (to )?die\b",
        r"\bwant(ed)? to be dead\b|\bwish i (was|were) (dead|gone|never born)\b",
        r"\bbetter off (dead|without me|if i (was|were) gone)\b",
        r"\b(don'?t|do not|dont) want to (live|be here|be alive|exist|wake up|go on|"
        r"be around)\b",
        r"\b(no|what'?s the|whats the|there'?s no) (point|reason) (in |of |to )?"
        r"(living|going on|carrying on|being here|being alive|anything|anymore|"
        r"life|trying|waking up)\b",
        r"\b(won'?t|will not|not going to|wont) be (around|here) (much )?"
        r"(longer|anymore|for long|to see|to bother)\b",
        r"\bnot (be|being) (around|here) (much )?(longer|anymore|for long)\b",
        r"\b(everyone|everybody|you|they|the world|my family)('?d| would| will)? "
        r"(be )?better off without me\b",
        r"\b(cutting|cut|burning|burned|burnt) (again|my (arms?|wrists?|legs?|thighs?|skin))\b",
        r"\b(take|taking|took|swallow|swallowed|stockpil\w*|saving up) (all|the whole bottle"
        r"|every one|a bunch|a handful|loads) (of )?(my |the )?"
        r"(pills|meds|tablets|sleeping pills|painkillers)\b",
        r"\b(stockpiling|saving up|hoarding) (my |the )?(pills|meds|tablets)\b",
        r"\boverdose\b",
        r"\btired of (existing|living|being alive|being here|life)\b",
        r"\bcan'?t (go on|keep going|do (this|it|life) anymore|take (it|this) anymore)\b",
        r"\b(goodbye|bye) (forever|for good|everyone)\b",
        r"\bwon'?t need (it|them|this|that) (anymore|any more|where i'?m going)\b",
        r"\b(disappear|vanish|be gone) (forever|for good|for ever)\b",
        r"\b(sleep|go to sleep) and (never|not) wake\b|\bnever wake up\b",
        r"\bjump(ing)? (off|from|in front of)\b",
        r"\bnoose\b|\bhang myself\b|\bunalive\b|\bkms\b",
        r"\b(burden|problem) (to|for|on) (everyone|anyone|you all|my family)\b",
        r"\b(won'?t|wont) be a (problem|burden|bother) (for|to) (anyone|you|anybody)\b",
        r"\bend (it all|everything|the pain)\b",
        r"\b(given|gave|giving) away my\b",
        r"\bwrote (letters|notes) (to|for) (everyone|my family)\b",
        r"\bnothing (left )?to live for\b",
        r"\bself[- ]harm\w*\b",
        r"\bif i (just )?(wasn'?t|weren'?t|was not|were not) (here|around|alive)\b",
        r"\b(stop|stopped) (existing|being alive|living)\b",
        r"\bbetter off (w/?o|without) me\b",
        r"\b(a bunch|handful|some|lots|half) of (my |the )?(pills|meds|tablets)\b",
        r"\b(what'?s|whats) (even )?the point( of (anything|it|any of (it|this)))?\b",
        r"\bdon'?t see (the|any) point\b",
        r"\b(not|never|didn'?t|don'?t) (to )?wake up\b",
        r"\b(i am|i'?m|i feel like) a burden\b",
        r"\bwithout me (taking up|around|here|in the way)\b",
        r"\bhow easy it would be\b",
        r"\bending (it|me|my life)\b(?! with)",
        r"\b(holding|held|bought|found) (a |the |an old )?(razor|blade|rope)\b",
        r"\b(stand|stood|standing) on the (balcony|ledge|bridge|roof|edge)\b",
        r"\bif i (just )?disappeared\b",
        r"\bbye i guess\b",
        r"\b(goodbye|suicide|farewell) (notes?|letters?)\b",
        r"\b(letters?|notes?) to everyone\b",
        r"\bin case (something|anything) happens to me\b",
        r"\bsleep(ing)? forever\b|\bforever sleep\b",
        r"\bwhat i'?ll do to myself\b|\bdo something to myself\b",
        r"\b(disappeared|disappear|vanished|gone) (and|for)? ?(nobody|no one|everyone)\b",
        r"\b(scratching|hitting|punching|biting|hurting) (my|myself)\b",
        r"\b(how many|how much) (of my )?\w+ (it )?would (it )?take\b",
        r"\bdriving (into|off)\b|\bdrive (into|off) (a|the)\b",
        r"\b(no one|nobody) would (even )?(notice|care|miss me)\b",
        r"\bcan'?t (do|face) (tomorrow|another day|this anymore)\b",
        r"\b(won'?t|wont|not) (be )?(around|here) (long|much longer)\b",
        r"\bthe (thought|thinking) (is )?(getting louder|won'?t stop)\b",
        r"\b(tired|sick) of waking up\b",
        r"\bgive up on (life|everything|living)\b",
        # The means: pills counted, saved or stared at; heights looked down from; blades held.
        r"\b(count(ed|ing)?|star(ed|ing) at|look(ed|ing)? at|sav(ed|ing)|stash\w*|kept|"
        r"google\w*|googling) (all )?(the |my |a )?(bottle of |box of |little )?"
        r"(sleeping |heart )?(pills?|tablets?|pill bottle|meds|paracetamol|painkillers)\b",
        r"\b(take|took|swallow\w*) (the whole|a whole|the entire|four extra|extra)\b",
        r"\bhow many (paracetamol|pills|tablets|of (my|the) \w+)\b",
        r"\b(stop|stopped|stopping) taking (my |the )?(heart |blood )?(tablets|pills|meds)\b",
        r"\b(stood|standing|stopped|sat|looked down|looking down|thinking about|thought about|"
        r"heights of)\b[^.!?\n]{0,40}\b(bridge|ledge|platform|pier|cliff|parking garages?|"
        r"roof(top)?|the edge|beachy head|the tracks)\b",
        r"\b(the|a) (razor|blade|knife)\b[^.!?\n]{0,40}\b(held|holding|thinking|hour|"
        r"keep|kept|staring)\b|\b(holding|held|thinking about) (the|a) (razor|blade|knife)\b",
        r"\b(burn(ed|t)?|scratch(ed)?|hit|cut|bit|punch(ed)?) (myself|my (legs|arms?|head|"
        r"wrists?|skin|thighs?))\b",
        r"\bone step would be\b|\bhow easy one\b",
        # Absence: being gone, not being here, others better without them.
        r"\b(better|happier|fine|okay|ok|quieter|lighter|easier|free|sorted)\b[^.!?\n]{0,30}"
        r"\b(without me|if i (was|were|wasn'?t|weren'?t|just)|with me (gone|out))\b",
        r"\b(get on|be) fine without me\b|\bwithout me in it\b",
        r"\bif i'?m (not|no longer) (around|here)\b|\bwhen i'?m (gone|not here)\b",
        r"\b(i'?ll|i will) be gone (soon|by)\b|\bgone soon\b",
        r"\b(for|much|any) longer\b[^.!?\n]{0,30}\b(put up with me|burden|problem|around|here)\b",
        r"\b(put up with|be rid of|free of) me\b[^.!?\n]{0,30}\b(longer|soon|permanently|"
        r"forever)\b",
        r"\bnot (be|being) (here|around)\b",
        r"\b(stop|stopped) being a (problem|burden)\b",
        r"\b(a|just a) (burden|weight) (on|to) (everyone|everybody|anyone|you all|them)\b",
        r"\bmake (it|it all|everything) stop\b",
        r"\bdone with everything\b",
        r"\bwish(ed)? a (lorry|truck|car|bus|train) would\b",
        r"\breasons to stay\b",
        r"\bmy (own )?funeral\b|\bwho would get what\b|\bwith the will\b",
        r"\b(letters?|notes?) to (each of )?(the |my )?(children|kids|boys|girls|mum|mom|dad|"
        r"family|everyone)\b",
        r"\b(look after|take care of) \w+ for me\b",
        r"\b(properly|final|last) goodbye\b|\bgoodbye,? [^.!?\n]{0,20}\bproperly\b",
        r"\bopen it after\b",
        r"\bnobody would (find|notice) me\b",
        r"\b(won'?t|will not) make it to (christmas|my birthday|the|next)\b",
        r"\bnot (be )?around (long )?enough\b",
        r"\b(i'?m|i am) (so )?tired in a way\b|\bnot sleepy tired\b",
        r"\b(float|drift) off\b|\bend(ing)? up dead\b",
    ],
    "accountability": [
        r"\bi (shouldn'?t have|should not have|should have|never should have)\s+\w+",
        r"\bi (take|accept) (full |complete )?(responsibility|the blame)\b",
        r"\bi own (that|it|my part|what i did)\b",
        r"\b(that|it|this) (was|is) (on me|my fault|my responsibility|my doing)\b",
        r"\bmy (part|fault|mistake|doing)\b",
        r"\bi (lied|cheated|betrayed|yelled|shouted|snapped|ignored (you|your)|"
        r"read your|went through your|broke (your|our|my promise)|let you down|"
        r"hurt you|belittled|disrespected|neglected|wasn'?t there|didn'?t (listen|"
        r"show up|support|make time|keep))\b",
        r"\bi was (wrong|unfair|selfish|cruel|dismissive|controlling|jealous|cold) (to|when|"
        r"about|for)\b",
        r"\bi'?ve (been )?(working on|in therapy for|learning about) (my|how i)\b",
    ],
    "respects_choice": [
        r"\b(take|taking) (all )?(the |your )?time (you need|you want|you like)\b",
        r"\bno (need|pressure|rush|obligation) (at all )?to (reply|respond|answer|write back)\b",
        r"\b(i'?ll|i will|i would|i'?d|i can|i) (respect|accept|understand|honou?r) "
        r"(your|it|that|whatever|the)\b",
        r"\bif (the answer is|you'?d rather|you want|you need) (no|space|distance|"
        r"me to (leave|stay away|back off))\b",
        r"\b(you|u) (don'?t|do not) (have|need) to (reply|respond|answer|write back)\b",
        r"\bi won'?t (contact|message|text|bother) you again\b",
        r"\b(i'?ll|i will) leave (it|you|things) (there|be|alone)\b",
        r"\bwhen(ever)? (you'?re|you are) ready\b",
    ],
}

COMPILED = {label: [re.compile(p) for p in patterns] for label, patterns in PATTERNS.items()}

# Self-harm words used as idioms: no warning when the whole hit is one of these.
IDIOMS = re.compile(
    r"\b(dying to|killing me|kill for|to die for|dead tired|died laughing|"
    r"killed it|could murder|die of (embarrassment|shame|laughter|laughing|boredom)|"
    r"(phone|battery|laptop)('?s| is)? (about|going|gonna) to die)\b"
)
# A plain "I won't" right before a self-harm phrase: the one negation honoured there.
SELF_HARM_DENIAL = re.compile(
    r"\b(not going to|not gonna|i won'?t|i will not|never going to|wouldn'?t ever)\s*$"
)

# A practical request about things, children, money or dates: "please" here is manners.
LOGISTICS = re.compile(
    r"\b(return|drop (it |them )?off|send (me|over|back)|pick (it |them )?up|bring|collect|"
    r"pass on|forward|sign|pay|transfer|move|swap|reschedule|confirm|drop)\b[^.!?\n]{0,60}"
    r"\b(my|the|your|our|his|her|their|kids?'?|children'?s?)\b"
)


def is_logistics(sentence: str) -> bool:
    return bool(LOGISTICS.search(normalise(sentence)))


# Accountability that is taken back in the same sentence ("sorry, but you…").
EXCUSE = re.compile(r"\b(but|except|if only you|because you)\b")


def _negated(norm: str, start: int) -> bool:
    clause_start = 0
    for found in CLAUSE_END.finditer(norm, max(0, start - 60), start):
        clause_start = found.end()
    window = norm[max(clause_start, start - 40) : start]
    return bool(NEGATION.search(window))


def _sentence_end(norm: str, end: int) -> int:
    found = re.compile(r"[.!?\n]").search(norm, end)
    return found.start() if found else len(norm)


def find(text: str, kind: str = "message") -> list[Hit]:
    """Every pattern hit in ``text``, as labelled spans of the original string."""
    norm = normalise(text)
    hits: list[Hit] = []
    for label, patterns in COMPILED.items():
        if label == "pity" and kind == "journal":
            continue  # sadness written for oneself is not an appeal to the ex
        for pattern in patterns:
            for match in pattern.finditer(norm):
                start, end = match.span()
                if label != "self_harm" and _negated(norm, start):
                    continue
                if label == "accountability" and EXCUSE.search(norm, end, _sentence_end(norm, end)):
                    continue
                if label == "self_harm" and (
                    IDIOMS.search(norm[max(0, start - 12) : end + 20])
                    or SELF_HARM_DENIAL.search(norm[max(0, start - 24) : start])
                ):
                    continue
                hits.append(Hit(label, start, end))
    return _merge(hits)


def _merge(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits of one label become one span."""
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.label, h.start, h.end)):
        last = merged[-1] if merged else None
        if last and last.label == hit.label and hit.start <= last.end:
            merged[-1] = Hit(hit.label, last.start, max(last.end, hit.end))
        else:
            merged.append(hit)
    return sorted(merged, key=lambda h: (h.start, h.label))
