"""Hateful statements about a group, in English and Welsh.

The usual shapes (ToxiGen's kinds of implicit hate, Hartvigsen et al. 2022, and what
residents write in consultations on sites, housing and asylum): a group told to go back,
called vermin, criminal, lazy or a burden as a whole, denied a right, never to be trusted,
ruining the country, killed or rid of, said to smell, blamed for a crime as a whole, denied
being human or real, refused work or barred, called beasts or by a slur made of its name,
or only here to live off benefits. The group must be the subject (not "services for
disabled people are useless"), only words that strengthen a verdict may come between, and
a claim named false before it is said is no statement ("it is a myth that ..."). Welsh
group names (group_names.py) and verdicts are matched in every mutation. Used by
flags.check on folded text.
"""

from __future__ import annotations

import re

from nlp.moderation.group_names import (
    AS_PEOPLE,
    GROUP,
    GROUP_TOKENS,
    NOT_AFTER_PREPOSITION,
    PEOPLES,
    PEOPLES_CY,
    SUBJECT,
)
from nlp.moderation.lexicon import mutated_forms

_WORD = re.compile(r"\w+")

# Words that may strengthen a verdict between the group and it ("are absolute scum", "yn
# hollol ddiog"). Only these: any word there would let a verb in ("refugees are fleeing
# terrorists", "disabled people are given useless equipment"), a denial ("are not
# criminals") or a hedge ("are less violent").
_STRONGER = (
    r"(?:(?:all|absolute(?:ly)?|utter(?:ly)?|complete(?:ly)?|total(?:ly)?|real(?:ly)?|very|so"
    r"|such|too|just|always|naturally|basically|literally|inherently|fucking|bloody|effing|dirty"
    r"|filthy|straight up|i gyd|hollol|cwbl|wir|mor|rhy|wastad|bob amser)\s+){0,2}"
)

# What a Welsh hateful statement calls a group, radical: after "yn" the word is
# soft-mutated ("yn ddiog", "yn droseddwyr", "yn faich"), so every mutation is matched.
_VERDICTS_CY = frozenset(
    {
        "da i ddim",
        "llygod mawr",
        "gwastraff arian",
        "gwastraff lle",
        "rhy emosiynol",
        "sal yn feddyliol",
        "bygythiad i gymdeithas",
        "perygl i gymdeithas",
    }
    | set(
        """
diog twp israddol treisgar celwyddog barus diwerth anwaraidd sbwriel baw anifeiliaid moch
fermin ffiaidd troseddwyr terfysgwyr drwg ych pla parasitiaid llau lladron treiswyr sgym
baich afiach anwybodus budr anfoesol annaturiol gwyrdroedig pedoffiliaid anwariaid
meddwon bwystfilod angenfilod drewllyd drewi peryglus
""".split()
    )
)
_VERDICT_CY = "(?:" + "|".join(sorted(mutated_forms(_VERDICTS_CY), key=len, reverse=True)) + ")"

# Told to go, or to be sent, back where "they" came from: said of a group, named or not.
_GO_BACK = re.compile(
    r"\bgo back to (?:your|their) (?:own )?country\b"
    r"|\b(?:go|goes|going) back (?:to )?where (?:you|u|they) (?:came|come) from\b"
    r"|\b(?:send|ship|kick|deport) (?:them|'em) (?:all )?back (?:to )?where they"
    r" (?:came|come) from\b"
    # "Ewch yn ôl i'ch gwlad eich hun", "cer nôl i le ddest ti" (folded: no circumflex).
    r"|\b(?:ewch|cer|dos|anfonwch nhw|gyrrwch nhw)\s+(?:yn\s+ol|nol|'nol)\s+i\s*(?:'ch|'th)"
    r"\s+g?wlad\b"
    r"|\b(?:ewch|cer|dos|anfonwch nhw|gyrrwch nhw)\s+(?:yn\s+ol|nol|'nol)\s+i\s+(?:le|lle|ble)"
    r"\s+(?:y\s+)?(?:daethoch|ddaethoch|daethon|ddaethon|ddest|daethost|ddaethost)\b"
)
# What a hateful statement calls a group as a whole (after "are", or "they are").
_VERDICT_EN = (
    r"(?:lazy|stupid|inferior|violent|liars|greedy|useless|worthless|savages|primitive"
    r"|subhuman|uncivilised|uncivilized|criminals|rapists|terrorists|thieves|animals|vermin"
    r"|drunks|alcoholics|drug dealers|beggars|scroungers|monsters|thugs"
    r"|the (?:source|root) of all (?:evil|our problems)"
    r"|scum|parasites|disgusting|filth|evil|dirty|a disease|a plague|the problem"
    r"|(?:too|so) (?:emotional|irrational|hysterical)|dumb|backward|ignorant|untrustworthy"
    r"|dishonest|spongers|freeloaders|leeches|a (?:huge |massive |big )?(?:drain|burden)"
    r"|mentally ill|not (?:even )?(?:real )?(?:people|human|humans)"
    r"|diseased|perverts|perverted|deviants|sexual deviants|savage|brutes|immoral|unnatural"
    r"|an abomination|abominations|freaks|groomers|paedophiles|pedophiles|predators|inbred"
    r"|invaders|degenerates|(?:a )?(?:menace|menaces|threat|danger) to society"
    r"|a waste of (?:space|money)|dangerous|abusive|aggressive"
    r"|not worth (?:the \w+|saving|helping|keeping alive|anything)|a cancer)"
)
# What a group is likened to.
_VERMIN = r"(?:animals|rats|vermin|cockroaches|parasites|insects|a disease)"
# The nouns a group is called by with a word that paints them first ("naked savages",
# "axe-wielding savages", "obedient brutes", "complete pigs"). The word may not deny ("not"),
# nor be a verb's "-ing" or "-ed" form unless hyphenated: "refugees are fleeing terrorists",
# "immigrants are labelled criminals" say what is done to the group.
_BEASTS = r"(?:savages|brutes|monsters|animals|pigs|snakes|vermin|cockroaches|rats|parasites)"
_PAINTED = r"(?:[a-z]+-[a-z]+|(?!(?:not|no|never|hardly|like)\b)[a-z]+(?<!ing)(?<!ed))\s+"
# Words that make a group's name a slur: "filthy foreigners", "these damn immigrants",
# "bloody foreigners"; before a plural noun for people only ("filthy disabled toilets",
# "dirty English weather", "bloody Welsh weather"). "foreign" before any people is the group
# itself: "these damn foreign women", "bloody foreign workers". A resident swears at "bloody
# travellers" blocking a train's aisle too, so only the other words make those a slur.
_EPITHETS = r"(?:filthy|dirty|sneaky|stinking|stinky|damn|damned|bloody(?!\s+travellers\b))"
_FOREIGN_PEOPLE = r"foreign\s+(?:women|men|people|workers|families|kids|children|lot)"

# Who people are called ill, perverse or sinful for being, with no group's name: "being gay
# is a mental illness", "homosexuality is a disorder", "being gay is a result of abuse", "mae
# bod yn hoyw yn salwch meddwl"; death wished before it ("better off dead than crippled");
# and their marriages likened to bestiality.
_CONDEMNED_FOR_BEING = re.compile(
    r"\b(?:being\s+(?:gay|trans|transgender|bisexual|a\s+lesbian|a\s+trans\s+(?:man|woman))"
    r"|homosexuality|transgenderism|bisexuality)\s+is\s+(?:a\s+)?(?:mental\s+(?:illness"
    r"|disorder|disease)|disease|sickness|perversion|abomination|sin|result of (?:child\s+)?"
    r"(?:abuse|sexual abuse|trauma|bad parenting))\b"
    r"|\bbod\s+yn\s+(?:hoyw|draws|ddeurywiol)\s+yn\s+(?:salwch|afiechyd|bechod|pechod)\b"
    # "you'd be better off dead than crippled"
    r"|\bbetter\s+off\s+dead\s+than\s+(?:crippled|disabled|gay|trans|a\s+cripple)\b"
    # "gay marriage is a slippery slope to polygamy and bestiality"
    r"|\b(?:gay|same-sex|same sex)\s+marriage\s+(?:is|leads|will lead)\s+(?:\w+\s+){0,6}?"
    r"(?:bestiality|p(?:a)?edophilia|an abomination|a sin|unnatural|disgusting)\b"
)

# Who people are, said not to exist: "bisexuality isn't real", "being trans is not a real
# thing", "dyw bod yn ddeurywiol ddim yn bodoli".
_NOT_REAL = re.compile(
    r"\b(?:bisexuality|being\s+(?:bi|bisexual|trans|transgender|non-binary|nonbinary))"
    r"\s+(?:isn't|isnt|is\s+not)\s+(?:a\s+)?real\b"
    r"|\bbod\s+yn\s+(?:ddeurywiol|draws|anneuaidd)\s+ddim\s+yn\s+(?:bod|bodoli|go\s+iawn)\b"
)

_HATE = [
    re.compile(
        rf"\b{GROUP}\s+(?:should|must|need to|ought to)\s+(?:all\s+)?(?:be\s+)?(?:go back|"
        r"deported|sent back|kicked out|shot|gassed|hanged|banned|wiped out|burned|fuck off|drown"
        r"|die|killed|locked up|sterilised|sterilized|exterminated|put down|rounded up)\b"
    ),
    re.compile(
        rf"\b(?:send|kick|throw|ship|get)\s+(?:the\s+|all\s+(?:the\s+)?)?{GROUP}\s+(?:back|out)\b"
    ),
    re.compile(rf"\b(?:hate|can't stand|despise)\s+(?:all\s+|the\s+)?{GROUP}\b"),
    # Killing or ridding the country of a group: "we need to kill the chinese", "society
    # would be better off without the mentally ill", "lladd y Saeson", "cael gwared ar
    # fewnfudwyr". Not a group's own things ("get rid of the travellers' rubbish").
    re.compile(
        r"\b(?:kill|exterminate|gas|wipe out|get rid of|better off without|better without|lladd"
        r"|ladd|difa"
        r"|cael gwared (?:ar|o))(?:\s+(?:all|the|these|those|yr?|'r|holl))*\s+"
        rf"{GROUP}\b(?!['’])"
    ),
    re.compile(rf"\b(?:casau|cas gen i)(?:'r|\s+y|\s+yr)?\s+{GROUP}\b"),
    re.compile(rf"\b(?:cicio|hel|anfon)(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+(?:allan|adre|yn ol|nol)\b"),
    re.compile(
        rf"\b(?:dylai|dylen|dylsai|rhaid i)(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+(?:i gyd\s+)?(?:fynd"
        r"\s+(?:adre|adref|gartre|gartref|nol|yn ol|o 'ma)"
        r"|gael eu (?:hel|taflu|cicio|saethu|lladd|crogi|difa)|farw|marw|foddi|boddi)\b"
    ),
    # The usual shapes of a hateful statement, in both languages: a group stealing "our"
    # jobs or homes, not belonging, not welcome, compared with vermin, told to get out.
    re.compile(
        rf"\b{GROUP}\s+(?:are\s+|r\s+)?(?:stealing|taking|nicking|robbing|steal|take|nick"
        r"|rob)\s+(?:all\s+(?:of\s+)?)?our"
        r"\s+(?:jobs|houses|homes|benefits|country|women|money)\b"
    ),
    re.compile(
        rf"\b(?:{GROUP}\s+(?:are\s+|r\s+)?(?:not welcome|don't belong|do not belong)"
        rf"|no\s+{GROUP}\s+(?:welcome|allowed|wanted))\b"
    ),
    re.compile(
        rf"\b{GROUP}\s+(?:are\s+|r\s+)?(?:just\s+)?(?:like|no better than)\s+(?:\w+\s+)?"
        rf"{_VERMIN}\b"
    ),
    re.compile(
        rf"\b{GROUP}\s+(?:yn|sy'n)\s+(?:dwyn|cymryd|dwgyd)\s+(?:ein|y)\s+(?:swyddi|tai"
        r"|gwaith|budd-daliadau|gwlad|arian)\b"
    ),
    re.compile(
        rf"\b(?:dim|does dim|sdim)\s+croeso\s+i(?:'r|\s+y|\s+yr)?\s+{GROUP}\b"
        rf"|\b{GROUP}\s+(?:allan|mas|ewch adre|ewch o 'ma)\s*(?:!|$)"
        # "Ewch adref, mewnfudwyr", "go home immigrants": told to go, the group named after.
        rf"|\b(?:ewch|cer|dos)\s+(?:adre|adref|gartre|gartref|o 'ma|nol|yn ol)\s*,?\s*{GROUP}\b"
        rf"|\bgo home,?\s+{GROUP}\b"
    ),
    re.compile(
        rf"\b{GROUP}\s+(?:\w+\s+){{0,3}}fel\s+(?:anifeiliaid|llygod mawr|moch|chwilod duon"
        r"|fermin|parasitiaid|llau|pla)\b"
    ),
    # The other usual shapes (ToxiGen's kinds of implicit hate, Hartvigsen et al. 2022): a
    # group called vermin, criminal, lazy or inferior as a whole; denied a right; never to
    # be trusted; ruining or taking over the country; not wanted as neighbours. Each needs
    # the group's name as the subject, so "the staff are lazy", "refugees are in dangerous
    # conditions" and "toilets for the disabled are useless" stay clean, and only a word
    # that strengthens the verdict may come between (_STRONGER).
    re.compile(
        rf"\b{SUBJECT}\s+(?:are|r|should\s+be\s+(?:treated|seen|regarded)\s+as)\s+"
        rf"{_STRONGER}{_VERDICT_EN}\b"
        # "gay men are two to three times more likely to abuse children"
        rf"|\b{SUBJECT}\s+are\s+(?:\w+\s+){{0,5}}?more\s+likely\s+to\s+(?:abuse|rape|molest|attack"
        r"|kill|steal|commit\s+crimes?)\b"
    ),
    re.compile(
        rf"\b{SUBJECT}\s+(?:are|r)\s+(?:all\s+|still\s+)?{_PAINTED}{_BEASTS}\b"
        rf"|\b{_EPITHETS}\s+(?:{_FOREIGN_PEOPLE}|(?:foreign\s+)?(?:{PEOPLES}))\b"
        # "these immigrants reproduce like rats"; "the good immigrant is a dead immigrant"
        rf"|\b{SUBJECT}\s+(?:reproduce|breed|multiply)\s+like\s+(?:{_VERMIN}|rabbits)\b"
        rf"|\bgood\s+{GROUP}\s+is\s+a\s+dead\b"
        # "they only come here to live off benefits", "women are only good for cooking",
        # "refugees have no culture", "you can't trust a muslim", "all bombings are done by
        # muslims": a group as scroungers, tools, empty, untrustworthy or to blame.
        rf"|\b{SUBJECT}\s+(?:\w+\s+)?(?:just|only)\s+(?:want|come|came)\s+(?:here\s+|over\s+)?to"
        r"\s+(?:live off|sponge|scrounge|claim benefits|milk)\b"
        rf"|\b{SUBJECT}\s+(?:are\s+)?(?:only|just|mostly)\s+good\s+for\b"
        # "the immigrants get everything handed to them", "... get it all for free"
        rf"|\b{SUBJECT}\s+(?:\w+\s+)?(?:get|gets|getting|are\s+given|are\s+handed)\s+"
        r"(?:everything|it\s+all|all\s+of\s+it)\s+(?:handed\s+to\s+them|given\s+to\s+them"
        r"|for\s+free|on\s+a\s+(?:plate|silver\s+platter)|paid\s+for)\b"
        rf"|\b{SUBJECT}\s+(?:have|has)\s+no\s+(?:culture|morals|manners|ambition|loyalty"
        r"|values)\b"
        rf"|\b(?:can't|cant|cannot|never)\s+trust\s+(?:a\s+|an\s+|any\s+)?{AS_PEOPLE}\b"
        r"|\b(?:all|most)\s+(?:the\s+)?(?:crime|crimes|bombings|rapes|murders|terrorism|attacks"
        rf"|stabbings)\s+(?:are|is)\s+(?:done|committed|caused)\s+by\s+(?:the\s+)?{GROUP}\b"
        # "asians are obviously trying to take over our country"
        rf"|\b{SUBJECT}\s+(?:are\s+)?(?:(?:obviously|clearly|really|actually|secretly|all)\s+)?"
        r"(?:trying|going|want|wanting|planning)\s+to\s+"
        r"(?:take over|invade|replace us|(?:destroy|ruin)\s+(?:our|the|this|britain|wales"
        r"|england))\b"
    ),
    # ... and the group named, then "they" ("there's too many migrants here, they are like
    # cockroaches", "gypsies came again and they're all thieves"): the same verdicts only.
    re.compile(
        rf"{NOT_AFTER_PREPOSITION}\b(?:{PEOPLES})\b[^.!?\n]{{0,80}}?(?:[.!?]\s*)?"
        r"\b(?:they(?:'re|\s+are|\s+r)|theyre)\s+"
        rf"{_STRONGER}(?:{_VERDICT_EN}|(?:just\s+)?like\s+(?:\w+\s+)?{_VERMIN})\b"
    ),
    re.compile(
        rf"\b{SUBJECT}\s+(?:should(?:n't|nt| not| never)|must not|mustn't|mustnt)\s+be\s+"
        r"allowed\s+to\s+"
        r"(?:vote|live|work|marry|adopt|come|stay|teach|own|hold|run|have kids|have children"
        r"|breed)\b"
        rf"|\b{SUBJECT}\s+(?:can't|cant|cannot|can never|should never)\s+be\s+trusted\b"
        # ... where they live may come between: "the immigrants in the hotel are ruining".
        rf"|\b{SUBJECT}(?:\s+(?:in|at|on|from|near)\s+(?:\w+\s+){{0,4}}?\w+)?\s+(?:are\s+)?"
        r"(?:ruining|destroying|taking over|invading|infesting"
        r"|ruin|ruins|ruined|destroy|destroys|wreck|wrecks)\s+"
        r"(?:this|our|the|every|everything|everywhere|britain|wales|england|the uk)\b"
        rf"|\b(?:don't|do not)\s+want\s+(?:any\s+)?{GROUP}\s+(?:living|moving|working)\s+"
        r"(?:here|near|next|round|in)\b"
        rf"|\bthe only good\s+{GROUP}\b"
        # "our culture is being destroyed by the immigrants", "Wales is being ruined by ...".
        r"|\b(?:is|are)\s+being\s+(?:destroyed|ruined|overrun|taken over|invaded)\s+by\s+"
        rf"(?:the\s+|all\s+(?:the\s+)?|these\s+)?{GROUP}\b"
        # "many mentally ill people will end up a drain on society"
        rf"|\b{SUBJECT}\s+(?:will|would|only|just)\s+(?:\w+\s+)?(?:be|become|end up)\s+(?:a\s+)?"
        r"(?:drain|burden)\s+on\b"
        # "society would be better off if the mentally ill were not allowed to reproduce"
        rf"|\b{SUBJECT}\s+(?:were|was|are|should be)\s+(?:not\s+allowed|forbidden|banned|stopped)"
        r"\s+(?:to|from)\s+(?:reproduc|breed|hav(?:e|ing)\s+(?:kids|children))"
    ),
    # Refusing a group work, a home or a place: "I would never employ a disabled person",
    # "businesses should have the right to ban disabled people from their premises".
    re.compile(
        r"\b(?:would|will|'d|'ll)\s+never\s+(?:hire|employ|rent\s+to|let\s+to|serve|work\s+with)"
        rf"\s+(?:a\s+|an\s+|any\s+)?{AS_PEOPLE}\b"
        rf"|\bban\s+(?:all\s+)?(?:the\s+)?(?:{PEOPLES}|{GROUP}\s+(?:people|men|women|children"
        r"|kids|families))\s+from\b"
        r"|\b(?:fyddwn|faswn|wnawn)\s+i\s+byth\s+yn\s+(?:cyflogi|gyflogi|rhentu\s+i|gosod\s+i)"
        rf"(?:'r|\s+y|\s+yr)?\s+{GROUP}\b"
    ),
    # Trans women called men, trans men women: "trans women are just men".
    re.compile(
        r"\btrans\s+(?:women\s+are|woman\s+is)\s+(?:just\s+|actually\s+|really\s+|still\s+)?"
        r"(?:a\s+)?(?:men|man|male|males)\b"
        r"|\btrans\s+(?:men\s+are|man\s+is)\s+(?:just\s+|actually\s+|really\s+|still\s+)?"
        r"(?:a\s+)?(?:women|woman|female|females)\b"
        r"|\bmenywod\s+traws\s+(?:yn|yw|ydy)\s+(?:dynion|ddynion)\b"
    ),
    # A group said to smell, held responsible for a crime as a whole, or asked whether it is
    # human at all: "mexicans smell like garbage", "gay men are responsible for a lot of the
    # paedophilia", "are middle easterners really people?".
    re.compile(
        rf"\b{SUBJECT}\s+(?:all\s+)?(?:smell|stink|reek)s?\b"
        rf"|\b{SUBJECT}\s+(?:are|is)\s+(?:(?:largely|mostly|solely|entirely|directly)\s+)?"
        r"responsible\s+for\s+(?:most|all|a lot|much|half)\s+of\s+(?:the\s+)?(?:crime|crimes"
        r"|rapes?|violence|terrorism|p(?:a)?edophilia|sex trafficking|drugs|knife crime"
        r"|grooming)\b"
        rf"|\bare\s+(?:all\s+|the\s+)?{GROUP}\s+(?:really|even|actually)\s+(?:people|human)\b"
    ),
    re.compile(
        rf"\b{SUBJECT}\s+(?:i gyd\s+)?(?:yn|yw|ydy|sy'n)\s+{_STRONGER}"
        rf"{_VERDICT_CY}\b"
        # ... and as "nhw" after the group is named ("mae'r mewnfudwyr yma, maen nhw'n
        # ddiog", "... maen nhw fel llygod mawr").
        rf"|{NOT_AFTER_PREPOSITION}\b(?:{PEOPLES_CY})\b[^.!?\n]{{0,80}}?(?:[.!?]\s*)?"
        r"\bmaen\s+nhw(?:\s+i\s+gyd)?"
        rf"(?:(?:'n|\s+yn)\s+(?:i gyd\s+)?{_STRONGER}{_VERDICT_CY}"
        r"|\s+fel\s+(?:anifeiliaid|llygod mawr|moch|chwilod duon|fermin|parasitiaid|llau|pla))\b"
    ),
    re.compile(
        rf"\b(?:ddylai|dylai|ddylen|dylen)(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+ddim\s+(?:cael\s+)?"
        r"(?:(?:yr\s+)?hawl\s+i\s+)?(?:bleidleisio|pleidleisio|byw|fyw|gweithio|weithio"
        r"|priodi|briodi|dod|ddod|aros|mabwysiadu|fabwysiadu)\b"
        rf"|\b(?:does dim|sdim|dim)\s+modd\s+(?:trystio|ymddiried\s+yn)(?:'r|\s+y|\s+yr)?"
        rf"\s+{GROUP}\b"
        rf"|\b{SUBJECT}\s+(?:yn|sy'n)\s+(?:(?:trio|ceisio|eisiau|isio)\s+)?(?:difetha|dinistrio"
        r"|chwalu|cymryd drosodd|meddiannu)\b"
        # The shapes above in Welsh: a group bred like vermin, not human, to blame for
        # crime as a whole, barred; a slur made of its name ("mewnfudwyr budr").
        rf"|\b{SUBJECT}\s+(?:yn\s+)?(?:bridio|epilio)\s+fel\s+(?:llygod|cwningod|anifeiliaid"
        r"|moch)\b"
        rf"|\b{SUBJECT}\s+ddim\s+yn\s+(?:ddynol|bobl\s+go\s+iawn)\b"
        rf"|\b{SUBJECT}\s+(?:yn|sy'n)\s+gyfrifol\s+am\s+(?:y\s+rhan\s+fwyaf|lawer|hanner"
        r"|yr\s+holl)\s*(?:o'r|o|o\s+'r)?\s*(?:troseddau|trais|drais|treisio|terfysgaeth)\b"
        rf"|\b(?:gwahardd|wahardd)(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+(?:o|rhag)\b"
        rf"|\b{GROUP}\s+(?:budr|brwnt|drewllyd|ffiaidd)\b"
        # "mae mewnfudwyr yn fwy tebygol o dreisio"
        rf"|\b{SUBJECT}\s+(?:yn|sy'n)\s+(?:\w+\s+){{0,3}}?fwy\s+tebygol\s+o\s+(?:ymosod|dreisio"
        r"|ddwyn|ladd|gam-drin|gyflawni\s+troseddau)\b"
        # "dim ond eisiau byw ar fudd-daliadau", "does gan ffoaduriaid ddim diwylliant",
        # "alli di ddim trystio Mwslemiaid"
        rf"|\b{SUBJECT}\s+(?:\w+\s+)?(?:dim ond|ond)\s+(?:eisiau|isio|moyn|yn dod yma i|dod yma i)"
        r"\s+(?:fyw|byw|hawlio)\s+(?:ar\s+)?(?:fudd-daliadau|budd-daliadau|y wladwriaeth"
        r"|ein trethi)"
        rf"|\bdoes\s+gan(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+ddim\s+(?:diwylliant|moesau|uchelgais)\b"
        r"|\b(?:alli di|allwch chi|fedri di|fedrwch chi|elli di|ellwch chi)\s+ddim\s+trystio"
        rf"(?:'r|\s+y|\s+yr)?\s+{GROUP}\b"
        # "mae ein diwylliant yn cael ei ddifetha gan y mewnfudwyr"
        r"|\byn cael (?:ei|eu) (?:ddifetha|dinistrio|ddinistrio|chwalu|meddiannu|feddiannu)\s+gan"
        rf"(?:'r|\s+y|\s+yr)?\s+{GROUP}\b"
        rf"|\b(?:dw i|dwi|rwy|dydw i|dw i ddim|dwi ddim)\s+(?:ddim\s+)?(?:eisiau|isio|moyn)"
        rf"(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+(?:yn byw|yma|drws nesa)"
    ),
    re.compile(
        rf"\b(?:dydy|dyw|dydi|nid yw|nad yw)(?:'r|\s+y|\s+yr)?\s+{GROUP}\s+(?:ddim\s+)?"
        r"(?:yn\s+)?perthyn\s+(?:yma|i gymru|yng nghymru|fan hyn)\b"
    ),
]

# A claim named as false before it is said: "it is a common misconception that native
# americans are all savages", "nid yw'n wir fod mewnfudwyr yn ddiog".
_DENIED = re.compile(
    r"\b(?:misconception|myth|stereotype|lie|not true|untrue|false|wrong to (?:say|think|believe)"
    r"|camsyniad|chwedl|ystrydeb|celwydd|ddim yn wir|nid yw'n wir|nad yw'n wir)"
    r"\s+(?:\w+\s+)?(?:that|bod|fod|mai)\b[^.!?]*$"
)


def hateful(folded: str) -> bool:
    """Whether folded text (flags.fold) makes a hateful statement about a group, not one
    denied in its own sentence."""
    if _GO_BACK.search(folded):
        return True
    for pattern in (_CONDEMNED_FOR_BEING, _NOT_REAL):
        said = pattern.search(folded)
        if said and not _DENIED.search(folded[: said.start()]):
            return True
    if GROUP_TOKENS.isdisjoint(_WORD.findall(folded)):
        return False  # no group named: the patterns cannot match
    return any(
        not _DENIED.search(folded[: match.start()])
        for pattern in _HATE
        for match in pattern.finditer(folded)
    )
