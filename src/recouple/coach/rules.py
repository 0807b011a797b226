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
from typing import Protocol, TypeVar

from recouple.coach import gate, selfharm

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
        r"\b(you'?re|you are|ur|u r|are (you|u)|r u|is (he|she)|you'?ve been|have you been) "
        r"(seeing|dating|sleeping with|talking to|with) (someone|somebody|this (guy|girl|woman|"
        r"man)|"
        r"a (guy|girl|woman|man))( new| else)?\b",
        r"\b(i'?ve|i have|i'?m|im) (been )?(seeing|dating|going out with|been out with) "
        r"(someone|somebody|this (guy|girl|woman|man)|a (guy|girl|woman|man))\b[^.!?\n]{0,80}"
        r"\b(better|treats me|actually|real man|real woman|knows how|buys me|spoils|way more|"
        r"unlike you|than you)\b",
        r"\bhope (he|she|they) (treats|makes|is|keeps)\b[^.!?\n]{0,40}\b(as|like)\b",
        r"\b" + _YOUR + r" new (boyfriend|girlfriend|bf|gf|man|woman|guy|girl|partner|"
        r"husband|wife|fling|toy)\b",
        r"\b(you'?re|you are|ur|u r|are (you|u)|r u|you were|you get|you got|(he|she)'?ll be|"
        r"(he|she|you) will be|gonna be|make (you|u)|making (you|u)) (so |a bit |just |totally )?"
        r"jealous\b(?! of)|\bjealous (much|yet)\b",
        r"\bbet (he|she|they) (can'?t|doesn'?t|don'?t|won'?t|isn'?t)\b",
        r"\bmoved on (so )?(fast|quickly|quick)\b",
        r"\b(everyone|everybody|people) (says|tell me|keeps telling me) i (look|am|seem) "
        r"(so |really )?(good|great|amazing|hot|better|younger|fit|happier|glowing|incredible)\b",
        r"\b(upgrade|downgrade)\b",
        # Bragging about new attention, with no jealousy word in sight.
        r"\b(my|this) (new )?(guy|girl|boyfriend|girlfriend|bf|gf|date|man|woman|partner|"
        r"husband|wife) (actually |even |always )?(brought|bought|took|takes|gave|gives|treats|"
        r"cooked|cooks|planned|plans|surprised|spoils|texts|remembers|listens|makes time)\b",
        r"\b(someone|a (guy|girl|man|woman)) who (actually|finally|really) (listens|cares|shows "
        r"up|makes|treats|texts|remembers|wants)\b|\bunlike (you|u|some people)\b",
        r"\b(guys|girls|men|women|people) (keep|are|have been) (asking me out|messaging me|"
        r"hitting on me|sliding into)\b|\b(so many|loads of|lots of) (dates|matches|offers)\b",
        r"\bat least (he|she|my \w+) (knows|knew|treats|cares|listens|remembers|shows)\b",
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
        # Sarcasm and rhetorical questions that hand them the blame for the writer's feelings.
        r"\bmust be nice\b|\b(guess|suppose) i (meant|mean|was|am) (nothing|just|only|never)\b",
        r"\b(hope|hoping) (you|u|it)('?re|r| are| was| is)? (enjoying|having fun|worth it|"
        r"proud|sleep well|happy with yourself)\b|\bhope (it|they|she|he) (was|were|is) worth it\b",
        r"\b(thanks|thank you|really appreciate it|congrats)\b[^.!?\n]{0,30}\b(for (ruining|"
        r"nothing|leaving|breaking|wrecking)|for that(?! \w)|i guess)\b|\breally appreciate it\b",
        r"\b(enjoy|have fun with) (ur|your|that|the) (new )?(life|freedom|weekend)\b[^.!?\n]{0,30}"
        r"\b(i guess|i'?ll just|while i)\b",
        r"\bthis is what i get\b|\bwhat kind of (person|man|woman|mother|father) (are|r) (you|u)\b",
        r"\b(i hope|hope) (you|u) (think|remember) (about )?(that|this|what|how)\b",
        r"\b(knowing|remember) what (you|u) did\b|\bhope (you|u) know that\b",
        r"\bdid i (ever )?(mean|matter)\b|\bwas i (ever|just) (anything|a joke|a placeholder|"
        r"nothing)\b|\b(some|one) of us (actually )?(cared|loved|tried)\b",
        r"\b(like it was|like i was|like we were) nothing\b|\b(the least|least) (you|u) (could|can)"
        r" do\b",
        r"\bis (this|that) what (you|u) wanted\b|\bare (you|u) (happy|satisfied) now\b",
        r"\b(remember|remember when) i (took care|was there|stayed|gave|drove|paid|moved|"
        r"looked after|nursed|held)\b|\bthis is how (you|u) (repay|treat|thank)\b",
        r"\b(i|we) (was|were|stayed|stood) (there|by you|with you) (for|through)\b[^.!?\n]{0,60}"
        r"\b(and|now|but)\b",
        r"\b(while|and) (you'?re|ur|u r|you are) (out )?(partying|having fun|living it up|off "
        r"enjoying|enjoying yourself)\b",
        r"\b(because of|bc of|thanks to|all bc of|all because of) (you|u)\b(?! (i|i'?m|i've) "
        r"(finally|learned|learnt|grew|got better))",
        r"\b(the kids|the children|mia|the boys|the girls|your (son|daughter|mum|mom))\b[^.!?\n]"
        r"{0,30}\b(keeps?|kept) (asking|crying)\b[^.!?\n]{0,30}\b(why|where|when) (you|u|daddy|"
        r"mummy|mommy|dad|mum|mom)\b",
    ],
    "pressure": [
        r"\b((answer|reply|respond)( me)?|(text|call|ring) (me|back|me back))\s*(now|tonight|today|"
        r"asap|right now|immediately|by (tonight|tomorrow|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|\d))\b",
        r"\b(this is (your|ur|my|our|the)|you'?ve had your|you get one) (last|final) (chance|"
        r"warning)\b|\b(last|final) time i'?m asking\b",
        r"\bor (else|i'?m (done|gone|leaving|moving on)|we'?re (done|over)|it'?s over)\b",
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
        r"\bi won'?t wait (forever|around)\b",
        # Complaints about not being answered, and deadlines with no trigger word.
        r"\b(it'?s been|been) (\d+|two|three|four|five|six|a few|several) (days|hours|weeks)\b"
        r"[^.!?\n]{0,30}(\?|\b(and nothing|no reply|no answer|not a word|still nothing|silence))",
        r"\b(i can see|i know) (you|u|ur|you'?ve|u'?ve)('?ve| have)? (read|seen|online|opened)\b|"
        r"\bleft (me )?on (read|delivered|seen)\b|\bgreen dot\b",
        r"\b(not|won'?t|can'?t|am not|i'?m not) (going to |gonna )?(wait|waiting) (around )?"
        r"(forever|much longer|past|any longer|for you forever)\b",
        r"\b(yes or no|by (friday|monday|tuesday|wednesday|thursday|saturday|sunday|tonight|"
        r"tomorrow|midnight|the weekend|end of)|before (friday|monday|the weekend|my birthday|"
        r"tomorrow))\b[^.!?\n]{0,30}(\?|\b(or|otherwise|need|answer|know|decide|hear))|\b(need|"
        r"want) (to know|an answer|a decision|to hear)\b[^.!?\n]{0,20}\b(by|before|today|tonight"
        r"|now)\b",
        r"\b(u|you) have (til|till|until)\b|\b(after that|otherwise) i'?m (done|moving on|gone|"
        r"blocking)\b|\bi'?m (done|moving on|blocking you) (if|unless)\b",
        r"\b(just )?(answer|reply|text back|pick up)\b[^.!?\n]{0,10}[.!]\s*(just )?(answer|reply|"
        r"text back|pick up)\b|\b(at least|the least) (have the decency to |you could )?"
        r"(reply|answer|respond)\b",
        r"\b(i'?ll|i will|i'?m) (keep|keeping|going to keep) (texting|calling|messaging|trying)\b"
        r"[^.!?\n]{0,20}\b(until|till)\b|\bi won'?t (leave|stop|go) (until|till)\b",
        r"\bthis is (your|ur|the) last chance\b|\bdon'?t make me wait\b|\bhow much (more )?"
        r"time (do|does) (you|u)\b",
    ],
    "blame": [
        r"\b(you|u) (ruined|destroyed|wrecked|killed|screwed up|messed up|threw away|"
        r"blew up|sabotaged) (everything|us|it|this|our|what we)\b",
        r"\b(it'?s|it was|this is|that'?s|its) (all )?(your|ur) fault\b",
        r"\bif (you|u) (hadn'?t|had not|had just|had only|just had)\b",
        r"\b(you|u) (never|always) (listened|cared|tried|made|put|let|complained|nagged|chose|"
        r"blamed|criticis\w*|criticiz\w*|ignored|undermined|belittled|shut me)\b",
        r"\b(you'?re|you are|ur) the (one|reason) (who|that|why) (left|ended|ruined|cheated|broke|"
        r"walked|gave up|started|wanted out|destroyed|messed|screwed|threw|we)\b",
        r"\b(you|u) (drove me (to|away)|made me (do|like this|this way|act|lose|snap|say)|"
        r"forced me|"
        r"pushed me (away|to (this|it|do|drink|cheat|the edge|snap|breaking)|into))\b",
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
        r"\bsleep (with me|together)\b|\b(hook ?up|have sex|fool around|make out|get physical) "
        r"(with me|together|again|one (more )?time|tonight)\b",
        r"\bno strings\b",
        r"\bfriends with benefits\b|\bfwb\b",
        r"\bbooty call\b",
        r"\b(sex|sexy|naked|nudes?|horny|lingerie)\b",
        r"(^|[.!?]\s*)(u|you|r u|are you|are u) up\b",
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
        r"\b(you|u) (liked|commented|posted|followed|unfollowed|tagged|shared)\b[^.!?\n]{0,30}"
        r"\b(post|photo|pic|story|stories|status|tweet|reel|insta|tiktok|profile|page|comment|"
        r"online|on (ig|fb|facebook|twitter|x))",
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
    "accountability": [
        r"\bi (shouldn'?t have|should not have|should have|never should have)\s+(?!to\b)\w+",
        r"\bi (take|accept) (full |complete )?(responsibility|the blame)\b",
        r"\bi own (that|it|my part|what i did)\b",
        r"\b(that|it|this) (was|is) (on me|my fault|my responsibility|my doing)\b",
        r"\bmy (part|fault|mistake|doing)\b",
        r"\bi (lied (to (you|u)|about)|cheated|betrayed|yelled|shouted|snapped|ignored (you|your)|"
        r"read your (texts|messages|emails|diary|journal|phone|letters|dms)|went through your|"
        r"broke (your|our|my promise)|let you down|"
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

COMPILED = {
    label: [gate.Gated(re.compile(p)) for p in patterns] for label, patterns in PATTERNS.items()
}

# A practical request about things, children, money or dates: "please" here is manners.
LOGISTICS = re.compile(
    r"\b(return|drop (it |them )?off|send (me|over|back)|pick (it |them )?up|bring|collect|"
    r"pass on|forward|sign|pay|transfer|move|swap|reschedule|confirm|drop)\b[^.!?\n]{0,60}"
    r"\b(my|the|your|our|his|her|their|kids?'?|children'?s?)\b"
)


# Things with real deadlines of their own: forms, deposits, furniture, tickets.
LOGISTICS_NOUNS = re.compile(
    r"\b(form|forms|deposit|sofa|renewal|landlord|camp|price|bookshelf|storage|reference|"
    r"electricity|bill|bills|lease|council|collection|presale|tickets?|lawyer|solicitor|"
    r"school|trip|passport|insurance|mortgage|van|charity|estate agent|keys?|pick-?up|"
    r"drop-?off|handover|vet|dentist|doctor'?s|appointment)\b"
)


def is_logistics(sentence: str) -> bool:
    return bool(LOGISTICS.search(normalise(sentence)))


# Accountability that is taken back in the same sentence ("sorry, but you…").
EXCUSE = re.compile(
    r"\b(but|except|if only you|because you)\b|, (you|u) (kept|pushed|made|were|knew)"
)
# Said through gritted teeth: "of course it's my fault", "clearly that was my mistake".
SARCASM = re.compile(
    r"\b(of course|clearly|obviously|funny how|so now|always)\b[^.!?\n]{0,20}\b(my fault|"
    r"my mistake|my part|on me)\b|\b(my fault|my mistake),? (isn'?t it|right|when)\b|"
    r"\buntil i snapped\b|\b(i'?ve|i have) done my part\b|\bhappy now\b"
)
# Owning a wrong date or a missed bin: manners about plans, not step 2's inventory.
PRACTICAL = re.compile(
    r"\b(the date|dates|the time|schedule|calendar|the \d+(st|nd|rd|th)|childminder|bins?|"
    r"recycling|handover|booking|double-?booked|parents'? evening|my bad|the address)\b"
)
# An apology, for ``_excuses_after_apology``.
APOLOGY = re.compile(
    r"\b(i'?m|i am|im) (so |really |truly )?sorry\b|\bi apologi[sz]e\b|"
    r"\bi (shouldn'?t|should not|never should) have\b|\bi was wrong\b"
)
_YOU_DID = (
    r"\b((you|u|she|he)('?d| had| have)? (also |literally |basically |just |really )?(kept|knew|"
    r"know how|pushed|push|made|were|was|provoked|started|never|always|left|didn'?t|did|had|"
    r"hid|hide|ignored|checked out|wouldn'?t|won'?t|also have|should|can'?t|have to|started)|"
    r"if (you|u) (hadn'?t|had|did|didn'?t|weren'?t|were|hadnt)|your (fault|spending|mother|"
    r"drinking|temper|family))\b"
)
NEXT_EXCUSE = re.compile(
    r"[.!?\n]+\s*(but|though|still|honestly|only because|it'?s just that)\b[^.!?\n]{0,30}"
    + _YOU_DID
)
SAME_EXCUSE = re.compile(r"[,;]?\s*\b(but|only because|because)\b[^.!?\n]{0,20}" + _YOU_DID)
# Pleading words aimed at a landlord, a boss, the universe: not at the ex.
PLEA_ELSEWHERE = re.compile(
    r"\b(is|was|'s|keeps|kept|been|are|were|sorry for|stop) (practically |literally )?begg?ing\b|"
    r"\bbegging (me|the|my|him|her|them|\w+ to (watch|try|come to|ask))\b|"
    r"\bbegging (for (this|the|an?) (internship|job|raise|refund|deposit))\b"
)
# Said kindly: a congratulation, a wish, a promise not to pry.
KIND_SCOPE = re.compile(
    r"\b(glad|happy for|congrat\w*|hope (he|she|they)'?s? (is )?(good|kind|treat\w* you well)|"
    r"deserve|be happy|not going to pry|won'?t pry|not my business to|not going to make it|"
    r"was (really )?kind|appreciated|is welcome|are welcome|wish (you|u) (both|well))\b"
)
# The writer owning what they did, "I checked your location. That was wrong."
OWNED = re.compile(
    r"\b(that|it|this) (was|is) (wrong|unfair|not fair|controlling|on me|my fault|cruel|"
    r"immature|not okay|not ok)\b|\bi'?m (so |really )?sorry\b[^.!?\n]{0,30}\b(checked|tracked|"
    r"jealous|went through|looked)\b|\b(i (was|got|felt) (so |really )?jealous)\b[^\n]{0,120}"
    r"\b(sorry|wrong|unfair|on me|my problem|took it out)\b"
)
# A journal line about not looking: blocking, muting, deleting, days without.
STAYING_OFF = re.compile(
    r"\b(no|not|didn'?t|don'?t|without|stayed off|stay off|stop|stopped|muted|mute|deleted|"
    r"blocked|unfollowed|since i last|wouldn'?t|so i (don'?t|stop|wouldn'?t)|instead|the itch|"
    r"kept the promise|resisted|closed it)\b"
)


def _negated(norm: str, start: int) -> bool:
    clause_start = 0
    for found in CLAUSE_END.finditer(norm, max(0, start - 60), start):
        clause_start = found.end()
    window = norm[max(clause_start, start - 40) : start]
    return bool(NEGATION.search(window))


def _sentence_end(norm: str, end: int) -> int:
    found = re.compile(r"[.!?\n]").search(norm, end)
    return found.start() if found else len(norm)


def _sentence(norm: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``norm[start:end]``."""
    before = max(norm.rfind(mark, 0, start) for mark in ".!?\n")
    return before + 1, _sentence_end(norm, end)


def _quoted(norm: str, start: int, end: int) -> bool:
    """Inside quotation marks: someone's words reported, not the writer's own."""
    left, right = _sentence(norm, start, end)
    return any(
        norm.count(q, left, start) % 2 == 1 and q in norm[end : right + 1] for q in "\"'"
    ) and not re.search(r"\b\w'\w", norm[max(left, start - 3) : start])


def _out_of_scope(label: str, norm: str, start: int, end: int, kind: str) -> bool:
    """A hit whose words are about someone else, or said kindly, or owned as the writer's past."""
    left, right = _sentence(norm, start, end)
    sentence = norm[left:right]
    if label in ("pleading", "jealousy", "sexual", "pressure", "guilt_trip", "blame") and _quoted(
        norm, start, end
    ):
        return True
    if label == "pressure" and (is_logistics(sentence) or LOGISTICS_NOUNS.search(sentence)):
        return True
    if label == "pleading" and PLEA_ELSEWHERE.search(norm, max(0, start - 30), end + 20):
        return True
    following = norm[left : _sentence_end(norm, right + 1)] if right < len(norm) else sentence
    if label in ("jealousy", "monitoring") and (KIND_SCOPE.search(following) or OWNED.search(norm)):
        return True
    if label == "monitoring" and kind == "journal" and STAYING_OFF.search(sentence):
        return True
    if label == "blame" and re.search(
        r"\b(let|made|make|letting) (you|u) (think|believe|feel)\b",
        norm[max(0, start - 30) : start],
    ):
        return True
    if label == "accountability":
        if EXCUSE.search(norm, end, right) or SARCASM.search(norm, max(0, start - 25), right):
            return True
        if PRACTICAL.search(sentence):
            return True
    return False


def find(text: str, kind: str = "message") -> list[Hit]:
    """Every pattern hit in ``text``, as labelled spans of the original string."""
    norm = normalise(text)
    text_stems = gate.stems(norm)
    hits: list[Hit] = []
    for label, patterns in COMPILED.items():
        if label == "pity" and kind == "journal":
            continue  # sadness written for oneself is not an appeal to the ex
        for gated in patterns:
            if not gated.may_match(text_stems):
                continue
            for match in gated.pattern.finditer(norm):
                start, end = match.span()
                if _negated(norm, start) or _out_of_scope(label, norm, start, end, kind):
                    continue
                hits.append(Hit(label, start, end))
    hits.extend(Hit("self_harm", start, end) for start, end in selfharm.find(norm, text_stems))
    hits.extend(_excuses_after_apology(norm))
    return _merge(hits)


class Spanned(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=Spanned)


def taken_back(hits: list[S]) -> list[S]:
    """Owning one's part and then blaming, or asking for forgiveness, takes the owning back."""
    after = [h.start for h in hits if h.label in ("blame", "forgiveness_demand")]
    return [
        h for h in hits if not (h.label == "accountability" and any(a >= h.start for a in after))
    ]


def _excuses_after_apology(norm: str) -> list[Hit]:
    """An apology, then "But you…" in the same or the next sentence: the second half is blame.

    The excuse becomes a blame span here; the owning it takes back is dropped once, for rule
    and model findings alike, by ``taken_back`` in ``coach.check``.
    """
    found = []
    for match in APOLOGY.finditer(norm):
        _left, right = _sentence(norm, match.start(), match.end())
        excuse = NEXT_EXCUSE.match(norm, right) or SAME_EXCUSE.search(norm, match.end(), right)
        if excuse:
            start = excuse.start() + len(excuse.group(0)) - len(excuse.group(0).lstrip(" .!?\n"))
            found.append(Hit("blame", start, _sentence_end(norm, excuse.end())))
    return found


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
