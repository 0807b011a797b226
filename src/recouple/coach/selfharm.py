"""The self-harm detector: recall first, on its own.

A missed warning costs far more than a gentle one too many, so this reads more widely than
the other rules: the words people use for dying and not being here, but also the means
(pills counted, a bridge looked down from, blades bought), plans, farewells (things given
away, affairs put in order, "tell the kids I love them") and veiled threats ("you won't have
to worry about me much longer"). What it does not do is fire on idioms ("dying for a
holiday", "this exam is killing me"), on a reported question answered no ("my therapist
asked about thoughts of hurting myself: none"), or on the ordinary tiredness of a hard week.

Every pattern runs on the normalised text (``rules.normalise``: lower case, straight quotes,
same length), so each span is an offset into the user's own words.
"""

from __future__ import annotations

import re

from recouple.coach import gate

_I = r"(?:i|i'?m|im|i am|i'?ve|ive|i'?ll|ill)"
_GONE = r"(?:gone|dead|not here|not around|no longer here|out of the (?:picture|way))"
_MEANS = (
    r"(?:pills|tablets|meds|medication|paracetamol|tylenol|sertraline|antidepressants|"
    r"sleeping pills|painkillers|insulin|blades|razors?|rope|noose|gun|bridge|ledge|cliffs?|"
    r"roof(?:top)?|train tracks|the tracks|railway|overpass|car park roof|top of the car park|"
    r"multi-?stor(?:e)?y|"
    r"parking garage|tallest \w+|the edge|pier|the drop|train times)"
)
_CONTEMPLATE = (
    r"(?:think(?:ing)? about|thought about|keep thinking about|staring at|stared at|"
    r"looked? (?:at|up|down)|looking (?:at|up|down)|counted|counting|count|saved up|saving up|"
    r"stockpil\w*|hoard\w*|stash\w*|bought|buying|googled|googling|researched|"
    r"holding|held|sat|sitting|stood|standing|drove (?:to|out to|past)|"
    r"driving (?:to|past))"
)

PATTERNS: list[str] = [
    # Saying it.
    r"\b(kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|end|ending|"
    r"off|unalive|starve|starving|drown|drowning|hang|hanging|poison|poisoning) myself\b",
    r"\b(end|ending|take|taking|took) (my|my own) life\b",
    r"\bsuicid\w*\b|\bself[- ]?harm\w*\b|\bunalive\w*\b|\bkms\b|\bkys\b|\bctb\b",
    r"\b(want|wanna|wanted|going|gonna|ready|about|deserve|like) (to )?die\b",
    r"\bi (just )?(want|wanted|wish) (to be|i was|i were|i could be) (dead|gone)\b",
    r"\bwish(ed)? i (was|were|had) (dead|never (been )?born|not born)\b|\bnever been born\b",
    r"\brather be dead\b|\bbetter off dead\b|\bbe dead (by|soon|before)\b",
    r"\b(don'?t|do not|dont|didn'?t|no longer) (really )?want to (live|be alive|exist|wake up|"
    r"go on|keep going|be around)\b",
    r"\b(don'?t|do not|dont) want to be here\b(?! (at|in|for|when|with|without|if|tonight))",
    r"\b(thoughts?|thinking|thought) (of|about) (dying|death|not being here|ending it|"
    r"killing|suicide|not waking)\b",
    r"\bend (it all|everything|the pain)\b|\bjust end it\b|\bending it all\b",
    r"\boverdos\w*\b|\bod'd\b|\btook (double|triple) (my|the)\b|"
    r"\btook (more than i should|too many|too much)\b",
    r"\b(take|took|taking|swallow\w*|down(ed)?) (all|the whole|a whole|the entire|a handful|"
    r"a bunch|every one|extra|double) (of )?(my |the |of the |them)?(bottle|pills|tablets|meds|"
    r"packet|box|paracetamol|sleeping|painkillers|dose)",
    r"\b(cutting|self harming|hurting myself) again\b|\bstarted (cutting|burning)\b",
    r"\b(cutting|cut|burning|burned|burnt|scratch\w*|biting|bit) (myself|my (arms?|wrists?|"
    r"legs?|thighs?|skin|stomach))\b(?! (shaving|cooking|on (a|the) (tin|oven|pan|stove)))",
    r"\bcut (in the bathroom|on purpose|where nobody)\b|\b(burn\w*|cut|hurt) (my \w+ )?"
    r"(on the \w+ )?on purpose\b",
    r"\b(without|weeks? without|months? without|clean from) (cutting|self harm|hurting myself)\b",
    # The means, held, counted, looked at or looked up.
    r"\b" + _CONTEMPLATE + r"\b[^.!?\n]{0,40}\b" + _MEANS + r"\b",
    r"\b" + _MEANS + r"\b[^.!?\n]{0,40}\b(on the counter|in my hand|sock drawer|under the sink|"
    r"in the boot|doesn'?t (even )?slow|how high|how far down|how deep|looked down|"
    r"not for shaving)\b",
    r"\b(rope|blades?|pills|tablets) in the (garage|bathroom|cabinet|drawer|cupboard|boot)\b",
    r"\b(paracetamol|pills|tablets|painkillers)\b[^.!?\n]{0,30}\bfrom (three|3|two|2|"
    r"different) (different )?(shops|chemists|pharmacies)\b",
    r"\b(how many|how much)\b[^.!?\n]{0,30}\b(it would take|would it take|to do it)\b",
    r"\b(painless|quickest|easiest|least awful) (ways?|method)\b|\bways to die\b",
    r"\bhow (i'?d|i would|to) do it\b[^.!?\n]{0,30}$|\bplann(ed|ing) how (i'?d|to|i)\b",
    r"\b(sat|sitting|garage)\b[^.!?\n]{0,60}\b(engine|motor) (running|on)\b",
    r"\b(one|a) (small )?(turn|jerk|swerve) of the wheel\b",
    r"\bif i crashed\b|\b(bus|truck|lorry|car|train) (took|hit|would hit|took) me\b",
    r"\bwish(ed)? (a|the) (lorry|truck|car|bus|train) would\b",
    r"\bnot coming (back )?up\b|\b(deep|cold) (part|water)\b[^.!?\n]{0,50}\b(over|quick|end)\b",
    r"\bhow (easy|quick|quickly|simple) it would (be|all be)\b|\bit would (all )?be over\b",
    r"\bone step would\b|\blooked down (for|at)\b|\bhow high it is\b",
    r"\b(stop|stopped|stopping) taking (my|the) (insulin|meds|medication|tablets|pills|"
    r"heart|blood|antidepressants)\b",
    r"\bhelping it along\b|\b(jump|jumping|jumped|step|stepping) (off|from|in front of) (a|the)\b",
    r"\bnoose\b|\bhang myself\b",
    r"\b(life insurance|insurance)\b[^.!?\n]{0,60}\b(yourself|suicide|if i (died|stopped|was "
    r"gone)|clear the mortgage|pay out)\b",
    # Not being here: absence, burden, others better without them.
    r"\b(better|fine|okay|ok|easier|lighter|sorted|better off)\b[^.!?\n]{0,30}"
    r"\b(without me|if i (was|were|wasn'?t|weren'?t|had never)|with me (gone|out))\b",
    r"\b(everyone|everybody|every1|the kids|my family|the world|everyones)('?d| would| will|"
    r" are|'?s)? (all )?(be )?better off\b",
    r"\b(won'?t|will not|not going to|not gonna|wont|don'?t think i'?ll|not) be "
    r"(around|here|alive)\b\s*(much longer|longer|any ?more|for (much )?longer|for long|"
    r"long enough|to see|to bother|for (christmas|\w+'?s birthday|you)|[.!,]|$)",
    r"\b(won'?t|wont|not) be (part of|in) (it|this|any of|your life)\b[^.!?\n]{0,40}\blonger\b",
    r"\b(when|once|after) i'?m (gone|dead|no longer)\b(?! (for|on|to|at|till|until))",
    r"\bif i'?m (no longer (here|around)|gone|dead)\b(?! (for|on|to|at|till|until))",
    r"\bif i'?m not (here|around|on \w+) (tomorrow|tmrw|tmr)\b",
    r"\bwhen i (die|am gone)\b|\bif i (die|don'?t come back|disappear\w*)\b",
    r"\b(i'?ll|i will|i'?d) be (gone|dead)\b(?! (by \d|by (mon|tue|wed|thu|fri|sat|sun)|"
    r"for the|on|to|at|from|in|till|until|this|next|all|after|when you|a few))",
    r"\bgone (soon|for good|forever|for real|permanently)\b",
    r"\b(goodnight|good night|goodbye|bye) (for good|forever|for ever|everyone|world)\b",
    r"\b(disappear|vanish|fade out|fade away|be gone|stop existing|not exist\w*)\b[^.!?\n]{0,40}"
    r"\b(forever|for good|for real|properly|at all|permanently|like gone|easier)\b",
    r"\b(disappear|vanish)\w*\b[^.!?\n]{0,30}\b(not like|for real)\b",
    r"\b(stop|stopped) (existing|being (alive|a person))\b|\bnot existing\b",
    r"\b(no|not any|without) (point|reason|purpose) (in |to |for )?(me )?(living|going on|"
    r"carrying on|being here|being alive|stick(ing)? around|waking up|life)\b",
    r"\b(what'?s|whats|what is) (even )?the point (of|in) (anything|it all|any of (it|this)|"
    r"living|me|going on)\b|\bwhat'?s even the point\b",
    r"\bdon'?t see (the|any|a) point (in|of) (living|anything|going on|any of (it|this))\b",
    r"\b(nothing|no one|nobody) (left )?to (live|stay|stick around) for\b",
    r"\b(reason|reasons|sign) (for me )?(to|that i should) (stay|stick around|keep going|"
    r"live)\b(?! (angry|mad|up|friends|in|at|together|"
    r"with))",
    r"\bwhy i'?m (even |still )(here|alive)\b",
    r"\b(won'?t|not|never|don'?t think i'?ll|don'?t expect to) (make it to|see|last (till|until|"
    r"to)|be here for|be around for) (christmas|another christmas|my birthday|(his|her|their|"
    r"\w+'?s) birthday|the summer|summer|next (year|month|spring)|the new year|new year)\b",
    r"\b(can'?t|cannot|don'?t) (see|picture|imagine) (a|any|the)? ?(future|version|next \w+|"
    r"myself)\b[^.!?\n]{0,40}\b(me in it|i'?m (still )?(here|in it|alive)|with me in)\b",
    r"\b(burden|drain)\b[^.!?\n]{0,30}\b(on|to|for|in) (everyone|everybody|anyone|you all|"
    r"my family|people|everyone'?s)\b|\b(being|am|i'?m) the problem in\b",
    r"\b(i'?m|i am|i feel like|being|(?<!made me )feel like) (such )?a (burden|"
    r"waste of space)\b(?! to my "
    r"(team|boss|colleagues|manager|flatmates?)| at work)|"
    r"\btaking up space\b(?! in (your|ur|their|his|her))|\bburden i want to put down\b",
    r"\b(won'?t|wont|will not|not going to|not gonna) (be|have to)\b[^.!?\n]{0,40}\b(much longer|"
    r"for (much )?longer|for long)\b",
    r"\b(soon|shortly)\b[^.!?\n]{0,10}\b(you|u|they|everyone) (won'?t|wont|will not) (have to|need"
    r" to)\b",
    r"\b(you|u|everyone|they) (won'?t|wont|will not) (have to|need to) (worry|deal|put up|block|"
    r"think)\b[^.!?\n]{0,10}\b(about me|with me|me)\b[^.!?\n]{0,20}\b(soon|longer|anymore|any "
    r"more|at all)\b",
    r"\b(won'?t|wont|will not) hear from me (again|ever)\b[^.!?\n]{0,80}\b(tired|here|at all)\b",
    r"\b(free|rid) of me\b[^.!?\n]{0,30}\b(soon|permanently|for good|forever)\b",
    r"\b(take|taking) myself out (of|permanently)\b|\b(me|myself) out of the picture\b|"
    r"\bout of everyone'?s way\b",
    r"\b(sleep|go to sleep|fall asleep|drift off|float off)\b[^.!?\n]{0,40}\b(never|not|wouldn'?t|"
    r"don'?t|didn'?t) (to )?(wake|come back)\b(?! (up )?(until|till|til|in time|on time|for|"
    r"early|when))",
    r"\b(never|not|wouldn'?t|won'?t) (to )?wake up\b(?! (until|till|til|in time|on time|for|"
    r"early|when|at|before))|\bforever sleep\b|\bsleep(ing)? (forever|for ever)\b|"
    r"\bforever long\b",
    r"\bdisappointed (that )?i (woke|wake)\b|\bdisappointment\b[^.!?\n]{0,30}\bwake\b",
    r"\b(not|don'?t) (make|let) me wake\b|\btake me (now|in my sleep)\b|\bif it is my time\b",
    r"\b(return|give back) (mine|my life)\b|\bbe where (he|she|they) (is|are)\b",
    r"\b(tired|sick|exhausted) of (existing|living|being alive|being here|life|waking up|"
    r"being the problem)\b",
    r"\b(can'?t|cannot) (go on|keep going|do life|do another (year|day)|"
    r"face (tomorrow|another day))\b(?! (like this|at work|with\b))",
    r"\brun out of road\b|\bthe role of me is done\b|\bnever meant to (get|grow) old\b",
    r"\bmake (it all|everything|the noise|the pain) stop\b",
    r"\bif (something|anything) (happens|were to happen) to me\b",
    r"\b(when|once|if) they find me\b|\bwhoever (finds (me|it|this)|has to (do it|find|deal))\b|"
    r"\bwhere (they'?ll|someone will|you'?ll) find me\b|\bwhere they'?ll find it\b",
    r"\b(if|when) (you|u) don'?t (come back|answer|reply)\b[^.!?\n]{0,50}\b(still be here|be "
    r"(around|alive)|do something)\b",
    r"\b(don'?t|do not|dont) know what i'?(ll|d) do\b[^.!?\n]{0,20}\b(myself|to me)\b|"
    r"\bwhat i'?(ll|d) do to myself\b|\bdo something to myself\b",
    r"\b(nobody|no one) would (even )?(find|notice|miss|care)\b",
    r"\b(nobody|no one) needs me\b",
    r"\b(will|would) (be sorry|regret it|care) (when|once) i'?m\b|\bonce i'?m gone\b",
    r"\b(only|finally) (care|feel something|notice)\b[^.!?\n]{0,30}\b(gone|dead|not here)\b",
    # Farewells and affairs put in order.
    r"\b(wrote|writing|drafted|rehears\w*) (my |the )?(goodbyes?|goodbye (note|text|letter))\b",
    r"\b(suicide|goodbye|farewell) (notes?|letters?|texts?)\b|\bdrafted a note\b",
    r"\bletters? (to|for) (everyone|each of)\b",
    r"\b(last|final) (thing|message|text) i'?ll ever send\b",
    r"\bgoodbye,? \w+\.? (i mean it|thank you for everything|for good)\b",
    r"\b(tell|give) (the kids|the children|the boys|the girls|my (kids|boys|girls|mum|mom|dad|"
    r"son|daughter|sister|brother)|\w+) (i|that i|his dad|her dad|their (dad|mum|mom)|her mum|"
    r"his mum) (love|loved)\b[^\n]{0,60}\b(whatever happens|sorry|goodbye|none of (it|this)|"
    r"couldn'?t be|not (her|his|their) fault)\b",
    r"\b(tell|let) \w+ (i'?m|that i'?m) sorry\b[^.!?\n]{0,30}\b(couldn'?t be (better|a better|"
    r"good enough)|for everything)\b",
    r"\b(affairs|things) in order\b|\b(sorted|wrote|made|did) (out )?(my|a) will\b(?! (now|"
    r"because|as|since|for|with|through))|"
    r"\bwrote a will\b|\bwho (gets|would get) (what|which)\b|\b(my|at my) (own )?funeral\b",
    r"\b(gave|give|giving|given) (away |back )?(my|all my|most of my|the)\b[^.!?\n]{0,60}\b"
    r"(won'?t|wont|don'?t|dont) (be )?need\w*\b",
    r"\b(won'?t|wont|will not|don'?t|dont|not gonna|not going to) (be )?need(ing)? (it|them|any "
    r"of (it|this|them)|the rest)\b[^.!?\n]{0,40}\b(where i'?m going|anyway)\b",
    r"\bneed (it|them|\w+)( \w+)? where i'?m going\b|\bwhere i'?m going\b[^.!?\n]{0,20}\b(they|"
    r"you) (don'?t|won'?t)\b",
    r"\b(gave|giving|given|gave away) (away )?(my|the|all my)\b[^.!?\n]{0,40}\b(to my|to \w+)\b"
    r"[^.!?\n]{0,80}\b(i'?m not|not travelling|decluttering|a lot longer than|just in case|"
    r"looked after|when it'?s time|i don'?t travel)\b",
    r"\bgiving (my|away)\b[^.!?\n]{0,30}\b(one by one|little things)\b",
    r"\bjust in case\b[^.!?\n]{0,30}\bin case of what\b|\bkeep my \w+ \"?just in case\b",
    r"\b(saying|say) goodbye without\b|\blike i'?m not coming back\b|"
    r"\btying up (the )?loose ends\b",
    r"\bpasswords?\b[^.!?\n]{0,60}\b(envelope|whoever|in case)\b|\bmade it easy for whoever\b",
    r"\b(labelled|labeled) (them )?with names\b|\bless for them to sort\b",
    r"\bcancel\w* (my )?(lease|gym|everything)\b[^.!?\n]{0,60}\b(won'?t|don'?t think|need)\b",
    r"\bstopped making plans\b|\bdidn'?t (renew|book)\b[^.!?\n]{0,60}\bdecided\b",
    r"\bdon'?t (come )?look(ing)? for me\b",
    r"\bthe (thought|thoughts|idea)\b[^.!?\n]{0,40}\b(getting louder|won'?t stop)\b",
    r"\bbuilt up (a )?supply\b",
    # Wider nets, each seen in real writing.
    r"\bcut(ting)? again\b|\b(where|so) nobody (at work )?(sees|will see|can see)\b|"
    r"\bused it on my (thigh|arm|wrist|leg)s?\b|\bhit my head against\b",
    r"\b(easier|quieter|lighter|better|more light|happier)\b[^.!?\n]{0,40}\bif i (just )?"
    r"(disappeared|disappear|didn'?t wake|don'?t wake|wasn'?t here|was gone|were gone|was just "
    r"gone|stepped out|went away|just no|wasn'?t around)\b",
    r"\bwithout me (in it|around|here)\b|\bif i (was|were) (just )?gone\b",
    r"\bwish i could (just )?(disappear|vanish|not exist|stop existing|not wake|sleep forever|"
    r"go to sleep and not)\b(?! (to|for|into|on|from|with|in|at)\b)|"
    r"\bjust disappear(ed)?\b[^.!?\n]{0,30}\b(easier|for everyone|for real|"
    r"then|not ran|properly|no drama)\b|\b(easier|better) for everyone if i\b",
    r"\b(just )?(don'?t|didn'?t) wake up (tomorrow|again|ever)\b|\bjust didn'?t wake\b|"
    r"\bjust not waking\b|\b(about|of) not (being here|waking up|waking|existing)\b",
    r"\b(the )?only way out\b|\b(is|be) not being here\b",
    r"\b(counted|counting|staring at|stared at|looking at|thinking about|thought about|"
    r"holding|held)\b[^.!?\n]{0,40}\b(pill bottle|whole bottle|the bottle|medicine cabinet|"
    r"the knife|kitchen knife|prescription|sleeping tablets|the balcony|the pier)\b",
    r"\bwhat'?s left in (the|my) (bottle|medicine|cabinet|packet)\b",
    r"\bheights of\b|\b(saving|saved|stockpiled|hoarded) (up )?(my|the) (sleeping |)"
    r"(tablets|pills|meds|prescription)\b|\bstash in the\b",
    r"\b(letter|note)s? (for after|in case)\b|\b(find|open|read|get) it after\b(?! (work|the|"
    r"dinner|\d|lunch|school|you))|\bletter for after\b",
    r"\b(wrote|written|writing) (u |you )?(letters?|a note|notes)\b[^\n]{0,60}\b(drawer|pillow|"
    r"passwords|in case|who gets|will)\b|\bwrote letters (to|for) \w+ and (to |for )?\w+\b",
    r"\b(who|which (friend|one|person)) gets (my|which|what)\b|\bwhere my passwords are\b",
    r"\b(gave|giving|give)\b[^\n]{0,100}\b(won'?t|wont|don'?t|not) (be )?need(ing)? (it|them|"
    r"any of it|the rest)\b",
    r"\b(given|gave|giving) away (my|most of my|all my)\b",
    r"\b(look after|take care of) (\w+ )?\w+ for me\b[^\n]{0,40}\b(not going to be able|sorry|"
    r"goodbye)\b|"
    r"\bsorry for everything\b[^\n]{0,40}\b(goodbye|bye|look after|i'?m done)\b|"
    r"\b(i'?m done|goodbye|bye)\b[^\n]{0,30}\bsorry for everything\b",
    r"\bcan'?t do (this|it) anymore\.? any of it\b|\bi just can'?t anymore\b",
    r"\b(goodbye|bye)\.? i mean it this time\b|\bthis is my goodbye\b|"
    r"\bcouldn'?t be better\.? goodbye\b|\bthank (u|you) for everything\b[^\n]{0,80}\bgoodbye\s*"
    r"[.!]?\s*$",
    r"\bbefore i do something i can'?t take back\b|\b(reading|read) about me in the\b|"
    r"\blined up\b[^.!?\n]{0,20}\b(pills|tablets)\b|\b(pills|tablets)\b[^.!?\n]{0,10}\blined up\b",
    r"\bstanding on (it|the bridge|the ledge|the edge|the roof) (now|right now)\b",
    r"\bpays? out if\b",
    r"\bhow (i'?d|i would) do it\b",
    r"\b(didn'?t|don'?t) come back from (the|my)\b",
    r"\b(driving|drive|drove|swerve\w*) (into|off) (the|a) (median|barrier|wall|tree|river|"
    r"bridge|cliff|oncoming|lorry|truck)\b",
    r"\bif i'?m not (around|here) (after this week|next (week|month))\b",
    r"\b(would|will) (anyone|you|u|they) (even |really )?(notice|miss me)\b",
    r"\bdone with everything\b(?! (for|today|tonight|at|this))",
    r"\bnot sleepy tired\b|\btired in a way\b|\b(float|drift) off\b",
    r"\b(make it|it) stop for good\b|\bstop trying\b[^\n]{0,10}\bfor good\b",
    r"\b(took|take|taking|taken) (two|three|four|five|\d+|a few) extra\b",
    r"\bweight on everyone\b|\b(be|being) a (burden|problem|bother) (to|for) (anybody|anyone|"
    r"everyone|you)\b[^\n]{0,30}\b(longer|soon)\b",
    r"\bhow quiet it('?d| would|d) be\b|\b(stood|standing|stand) on the balcony\b",
    r"\b(when|once) i (am|'m) not here\b",
    r"\bsoon you will be,? permanently\b|\bpermanently\b[^.!?\n]{0,20}\bfree\b",
    r"\b(don'?t|do not) intend to (make any|go on|be here)\b",
    r"\b(blades|razor)s? (are )?back in\b|\blonger than i will\b",
    r"\b(rather|wish) it all (just )?stopped\b|\bwant (it all|everything) to (just )?stop\b",
    r"\b(none of (this|it)|it) (will|won'?t) matter (to me )?anyway\b",
    r"\bif i go,? (the|my) \w+ (goes|go|gets)\b",
    r"\b(nobody|no one|everyone) would(n'?t)? have to (deal with|worry about|put up with) me\b",
    r"\bstepped out of (it|the picture|(their|everyone'?s|your) li(fe|ves))\b",
    r"\bneed (it|them) more than (me|i will|i do)\b",
    r"\bstopped my (meds|medication|insulin|tablets|pills)\b",
    r"\b(won'?t|wont|not) be around to (read|hear|see|know)\b",
    r"\b(last thing|last you'?ll) (you'?ll|u'?ll|ull|you will)? ?(ever )?hear from me\b",
    r"\b(won'?t have to|don'?t expect me)\b[^\n]{0,40}\b(after (tonight|this (week|weekend))|"
    r"at anything)\b|\bwon'?t have to deal with me (after|anymore|any more)\b",
    r"\bdon'?t try to stop me\b|\b(i'?ve|ive) made my decision\b[^\n]{0,30}\b(final|stop me)\b",
    r"\b(garage|car)\b[^.!?\n]{0,50}\b(hose|door shut|doors shut)\b",
    r"\bstop(ped)? being here\b|\b(i'?ll|ill) know what to do\b",
    r"\btidying up so nobody\b|\bwon'?t be here when (u|you) get\b|\bin my will\b",
    r"\bto remember (about )?me (when|after|by)\b|\bfor when (he|she|they)('?s| is| are) "
    r"(older|grown)\b",
    r"\bdangerous together\b|\b(is|are) too many\b|\bwhat'?s left in the blister\b",
    r"\bwill be from the (hospital|police)\b",
    r"\bwon'?t matter (what i want|anyway|by then)\b|\bsoon none of (this|it)\b",
    r"\b(pills|tablets)\b[^.!?\n]{0,15}\b(on the table|in a line|lined up)\b|\bin a line on the\b",
    r"\bwatched the (lorries|trains|traffic) "
    r"for a long time\b",
    r"\b(driving|drive|drove) into (the|a) (\w+ )?(wall|barrier|reservoir|river|sea)\b",
    r"\bif i (wasn'?t|weren'?t|was not) here\b|\bbetter if i'?m not here\b",
    r"\bmade my peace with (things|it)\b[^\n]{0,60}\btired\b",
    r"\b(or|and) i'?ll end it\b|\bi'?ll (finally )?do it\b[^.!?\n]{0,15}$|\bfinally do it\b",
    r"\bwrote the letters\b|\bwrote a goodbye\b(?! (card|email|speech|message to the team))|"
    r"\bletters? to (everybody|each of)\b",
    r"\bthe point of me\b|\bi wasn'?t enough for any of you\b|\bsorry i was too much\b",
    r"\bwhat i (will|'ll|would|'d) do with myself\b",
    r"\b(tablets|pills|meds) saved\b|\bsaved (up )?enough\b",
    r"\breason to continue\b|\bthere is no life\b|\balready said goodbye to\b",
    r"\b(writing|texting|calling) (you )?from the (bridge|roof|edge|cliff)\b",
    r"\bdon'?t trust myself\b(?! (with (money|cake|chocolate)|to (cook|drive)))",
    r"\bwith the knife\b|\b(won'?t|will not|not) come back (down|home)\b",
    r"\bplatform edge\b|\bone step is enough\b|\bscared of myself\b|\bonly one who can stop me\b",
    r"\bstop eating\b[^\n]{0,30}\bhow long\b",
    r"\bwon'?t be seeing me again\b|\bwon'?t be anything at all\b",
    r"\bwhile i (still )?can\b(?! (afford|get|walk|drive|find|make))",
    r"\bwhatever happens\b[^.!?\n]{0,60}\b(don'?t blame|not (your|ur) fault|none of (it|this)|"
    r"love (you|them)|sorry|look after)\b",
    r"\b(won'?t|wont) be (anyone'?s|a|your|any1s) (problem|burden|worry)\b",
    r"\b(mine'?s|my life'?s|my life has) (run|ran) its course\b|\bhow,? not whether\b",
    r"\b(just )?be gone\. not gone\b|\bnothing of me left\b|\bnot where i'?m headed\b",
    r"\b(i (almost|nearly)|almost|nearly) didn'?t come back\b|\b(stones|"
    r"rocks) in my (coat )?pockets?\b",
    r"\b(walk|walking|walked) into the (sea|water|river|lake|waves)\b",
    r"\b(step|stepped|stepping) off the (kerb|curb|platform|edge|ledge)\b",
    r"\b(i'?m|i feel|feels like i'?m) already gone\b",
    r"\bgive (you|u) all the space in the world\.? permanently\b|"
    r"\bspace\b[^.!?\n]{0,30}\bpermanently\b",
    r"\b(nobody|no one) (would|will) (really )?(notice|miss me) for a while\b",
    r"\bno point (planning|making plans|booking)\b",
    r"\bbigger prescription\b|\binstead of taking them\b",
    r"\b(who'?d|who would) be the one to find me\b|\bthe one (to|who) find(s)? me\b",
    r"\bgets what,? so nobody\b|\bso nobody has to (decide|sort|deal|clear)\b",
    r"\b(won'?t|wont) (get to|be able to|be there to) see (him|her|them|\w+) grow up\b",
    r"\bfuneral wishes\b|\bsigned everything over\b",
    r"\blooked up how long it takes\b(?! to (get|cook|drive|walk|fly|arrive))",
    r"\bhow cold the water\b|\bwhich ones don'?t stop\b|\blevel crossing\b",
    r"\b(car|engine) running in the garage\b|\bhose\b[^.!?\n]{0,60}\bdon'?t have a garden\b",
    r"\b(top (level|floor|deck) of the car park|stairwell window|balcony rail|ferry rail|"
    r"harbour wall)\b",
    r"\b(voice notes?|letters?|cards?|videos?) (for|to) each of\b|\bfor later'?\b[^.!?\n]{0,10}$",
    r"\bafter (this weekend|tonight|this week|friday|sunday)\b[^.!?\n]{0,30}\b(won'?t|no longer|"
    r"not)\b",
    r"\b(you'?ll|u'?ll) understand (later|soon|one day|when)\b",
    r"\b(you'?ll|u'?ll|you will) (hear|be hearing) (some )?(stuff|things|news) about me\b",
]

COMPILED = [gate.Gated(re.compile(p)) for p in PATTERNS]

# Words for dying used as idioms: no warning when the hit sits inside one of these.
IDIOMS = re.compile(
    r"\b(dying (to|for|of)|killing me|kill for|to die for|dead tired|died laughing|"
    r"i'?m dead\b|literally dead|killed it|could murder|would murder|"
    r"die of (embarrassment|shame|laughter|laughing|boredom|cringe)|"
    r"(phone|battery|laptop|car|plant|plants)('?s| is| was)? (about|going|gonna) to die|"
    r"(overdos\w*|od'?d) on (coffee|caffeine|sugar|chocolate|netflix|tea)|"
    r"for (the kids'?|my|his|her|their|the) (\w+ )?(fever|headache|cold|flu|migraine|back|"
    r"tooth|period|cough|temperature|hangover)|"
    r"sleep forever (on|in)|into the (weekly|pill|little) (\w+ )?box|roof (terrace|garden|bar)|"
    r"the flu|a cold|lemsip|kms (this|my|the) (essay|exam|homework|shift|deadline)|"
    r"(moving|move) (back|house|out|abroad|home)|"
    r"(power|electricity|wifi|signal|hair|grass|lawn|budget|hours|funding)( got| was| were)? "
    r"cut again|wanna die in your arms|die in your arms|over this (semester|week|job)|"
    r"the (milk|bins|washing)|(hurting|hurt) (his|her|their) (car|feelings)|"
    r"better off (without (him|her|them)|financially)|the job|6am starts)\b"
)
# A reported question answered no, or a plain denial right before the phrase.
DENIAL = re.compile(
    r"(\b(not going to|not gonna|i won'?t|i will not|never going to|wouldn'?t ever|"
    r"i'?m not (going to|gonna)|no (thoughts|plans) (of|to)|asked (me )?(if|whether|about)|"
    r"asks? (me )?(if|whether|about)|asking (if|whether|about)|the question about|"
    r"rate)\b[^.!?\n]{0,40}$)"
)
AFTER_DENIAL = re.compile(
    r"^[^.!?\n]{0,4}[.!?]?\s*(and\s+)?(honestly,?\s+)?(i said no|no\b|none|not at all|"
    r"never|i'?m (fine|ok|okay|safe)|honestly none|honestly,? no)"
)
# Quoting someone else ("my friend's ex texted '...'"), or lyrics: not the writer.
QUOTED = re.compile(
    r"(\b(lyric|song|my friend'?s ex|her ex|his ex|she said|he said|kept saying|a (woman|man|"
    r"girl|guy) said|patient)\b[^.!?\n]{0,40}|['\"]\s*)$"
)


# Warning signs that say little alone and much together: putting things in order, a quiet
# finality, the means, a dark dwelling. Two kinds in one text, one of them the first or the
# third, read as a warning (the span is the first sign).
CUES: dict[str, re.Pattern[str]] = {
    "arrange": re.compile(
        r"\b((gave|giving|give|handed|left|dropped off|passed on|rehomed|found a home for) "
        r"(away )?(the|my|all my|most of my|her|his|our) (\w+ )?(cat|dog|kitten|puppy|rabbit|"
        r"guitar|watch|ring|rings|camera|laptop|books|records|vinyl|plants|clothes|jewellery|"
        r"jewelry|bike|games|console|switch|ps\d|headphones|jacket|coat|boots|car|things|stuff)\b|"
        r"(wrote|written|writing|left) (a |the )?(letters?|notes?|cards?) (for|to) \w+|"
        r"\b(my will|the will|insurance|passwords?|pin numbers?|bank details|account details|"
        r"deeds|policy)\b|(sorted|paid|cancelled|returned) (out )?"
        r"(everything|all of it|the whole flat|my room|every bill|my debts|the subscriptions|"
        r"all my)|(instructions|routines|feeding times|vet papers|her food|his food) |"
        r"(look after|take care of) (her|him|them|the \w+) for\b|(voice notes?|letters?|cards?) "
        r"for (each|mum|mom|dad|the)|paid (off|up)|instructions for|the deeds|"
        r"(box|boxes) with (her|his|their) names?|labell?ed (them|which))"
    ),
    "final": re.compile(
        r"\b((just )?for a (while|bit|few weeks)\b[^.!?\n]{0,60}\b(don'?t think|not sure it|"
        r"i'?m not)|i don'?t think (it is|it'?s|i will|i'?ll)\b|(weirdly|strangely|oddly|"
        r"surprisingly|so) (calm|peaceful|light|settled|clear)|at peace|one last (time|look|"
        r"walk|visit)|won'?t need|no longer need|don'?t need (them|it) anymore|in case|"
        r"(told|tell) (him|her|them|everyone|my \w+) (it was|i was|i'?m|it'?s) (just|only|"
        r"travelling|decluttering|fine)|nobody (knows|needs to know)|not telling anyone|"
        r"all sorted|it'?s all sorted|everything'?s sorted|whatever happens|while i (still )?can|"
        r"for later|you'?ll understand|don'?t blame yourself|clean break|last (thing|time)|"
        r"made (my mind up|peace)|the decision)\b"
    ),
    "means": re.compile(
        r"\b(drug cupboard|medicine (cupboard|cabinet)|pills|tablets|meds|paracetamol|"
        r"what it would take|how (much|many) it|heights?|rope|blades?|razor|bridge|tracks|"
        r"ledge|car park|cliff|knife|exhaust|the (water|river|sea|lake|reservoir)|train line|"
        r"level crossing|quarry|harbour|stairwell|balcony|ferry|hose|kerb|blister packs?)\b"
    ),
    "dark": re.compile(
        r"\b(longer than i (needed|should|meant)|worked out|work out how|for a long time|"
        r"couldn'?t stop (thinking|looking)|kept looking|how it would feel|not for the "
        r"reason|i know what (that|this) (means|is))\b"
    ),
}


def _cues(norm: str) -> tuple[int, int] | None:
    found: dict[str, tuple[int, int]] = {}
    for name, pattern in CUES.items():
        match = pattern.search(norm)
        if match:
            found[name] = match.span()
    if len(found) >= 2 and ("arrange" in found or "means" in found):
        return min(found.values())
    return None


def find(norm: str, text_stems: set[str] | None = None) -> list[tuple[int, int]]:
    """Spans of ``norm`` (already normalised) that may show a risk to the writer's life."""
    text_stems = gate.stems(norm) if text_stems is None else text_stems
    spans: list[tuple[int, int]] = []
    for gated in COMPILED:
        if not gated.may_match(text_stems):
            continue
        for match in gated.pattern.finditer(norm):
            start, end = match.span()
            if start == end:
                continue
            around = norm[max(0, start - 30) : end + 30]
            if IDIOMS.search(around):
                continue
            before = norm[max(0, start - 60) : start]
            if DENIAL.search(before) or AFTER_DENIAL.search(norm[end : end + 40]):
                continue
            if QUOTED.search(norm[max(0, start - 60) : start]):
                continue
            spans.append((start, end))
    if not spans:
        cue = _cues(norm)
        if cue and not IDIOMS.search(norm[max(0, cue[0] - 30) : cue[1] + 30]):
            spans.append(cue)
    return spans
