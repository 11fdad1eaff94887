"""Spam cues: adverts, prize and premium-rate texts, phishing, links to unknown sites.

An answer is spam on one strong cue or two weak ones of different kinds. The cues come
from what UK rules make a paid text service print (a price per message or minute, "STOP"
to opt out, an age limit, a PO box or helpline: the Phone-paid Services Authority's Code
of Practice), from the shape of prize and delivery scams Ofcom and Action Fraud describe,
and from two openly licensed development sets: SMS phishing messages caught by public SMS
gateways (wspr-ncsu/sms-phishing, MIT; Nahapetyan et al., IEEE S&P 2024) and the spam
comments of the YouTube Spam Collection (Alberto, Lochter & Almeida 2015, CC BY 4.0).
The SMS Spam Collection is the measurement set: it was not read to write any of these.
The Welsh cues ("rydych chi wedi ennill gwobr", "dilyswch eich manylion", "anfonwch STOP")
are the same shapes in Welsh, written from general knowledge; there is no Welsh spam set.

Residents write about money, phones, prizes and links in good faith ("free parking would
help", "I won a raffle at the fete", "call 0300 123 4567"), so money, a phone number or
"free" on its own is weak; only wording no resident uses about their area is strong.

When no rule fires, a small statistical model (spam_model.py, trained on other openly
licensed data) has the last word; its reason names no cue.
"""

from __future__ import annotations

import re

from nlp.moderation.spam_model import shipped

# Sites residents are sent to in good faith; any other link counts towards spam.
_KNOWN_SITES = re.compile(
    r"(?:^|\.)(?:gov\.uk|gov\.wales|llyw\.cymru|nhs\.uk|nhs\.wales|gig\.cymru|police\.uk|"
    r"parliament\.uk|senedd\.wales|senedd\.cymru|bbc\.co\.uk|bbc\.com|wikipedia\.org|"
    r"youtube\.com|youtu\.be|facebook\.com|twitter\.com|x\.com|instagram\.com|google\.com|"
    r"google\.co\.uk|openstreetmap\.org|ac\.uk|sch\.uk|org\.uk|gwynedd\.llyw\.cymru|"
    # Non-commercial top-level domains: campaigns and sources residents cite.
    r"org|gov|edu|int|gov\.[a-z]{2}|ac\.[a-z]{2}|edu\.[a-z]{2})$"
)
# A bare host needs a top-level domain from this list: the common ones, and those that
# smishing waves register cheaply (parcel and toll scams: ".icu", ".cfd", ".sbs"),
# but none that is an everyday word a phone's missing space would join to the word before
# it ("home.today", "late.in").
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|info|biz|xyz|"
    r"top|club|online|site|co|io|ly|me|win|click|link|ru|cn|tk|live|shop|vip|app|uk|icu|cfd"
    r"|sbs|buzz|bond|cyou|pw|su|ws|lat|mobi|cc|fyi|xin)\b"
    r"(?:/[^\s]*)?"
)
_MONEY = r"(?:£|\$|€)\s?\d[\d,]*(?:\.\d\d)?"
# "free" as on offer, not as available ("are you free tonight", "call me when ur free").
_OFFERED_FREE = (
    r"(?<!you )(?<!\bu )(?<!ur )(?<!'re )(?<!i'm )(?<!\bim )(?<!\bam )(?<!are )(?<!\bbe )"
    r"(?<!when )(?<!\bif )(?<!\br )(?<!'m )\bfree\b(?! (?:tonight|today|tomorrow|now|later"
    r"|this (?:evening|afternoon|morning|weekend)|next|on (?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|at \d|for (?:a (?:chat|drink|coffee)|lunch|dinner|coffee|tea)))"
)
_STRONG = [
    (
        re.compile(
            r"\b(?:you(?:'ve| have| are| r|r)?\s+(?:just\s+)?(?:been\s+)?(?:won|selected|chosen"
            r"|awarded)\b(?!')|(?:claim|collect)\s+(?:your|a|ur|the)\s+(?:\w+\s+){0,2}(?:prize|reward"
            r"|cash|gift|voucher|award|bonus|holiday)"
            r"|(?:number|mobile|account|phone) (?:has been |was |is )?(?:selected|chosen|awarded)\b"
            r"|prize draw|guaranteed (?:prize|cash"
            # "I won £20 on the lottery" is the resident's own luck, not an offer.
            r"|£|\$|award)|(?<!\bi )(?<!\bwe )(?:won|win)\s+(?:a\s+)?"
            + _MONEY
            + r"|"
            + _MONEY
            + r"\s*(?:cash|prize|award|shopping spree)|(?:cash|prize|award|reward)\s+(?:of"
            r"|worth)\s+(?:up to\s+)?" + _MONEY + r")"
        ),
        "prize text",
    ),
    (
        # Welsh: "rydych chi wedi ennill gwobr", "hawliwch eich gwobr" (not "wedi ennill
        # sgiliau", nor a school that "wedi ennill gwobr": the winner must be "you").
        re.compile(
            r"\b(?:chi|ti|rydych|rwyt)\s+(?:\w+\s+)?wedi (?:ennill|cael eich dewis|cael dy dewis"
            r"|cael dy ddewis)\s+(?:\w+\s+){0,2}(?:gwobr|£|arian|ff[oô]n|gwyliau|taleb|iphone)"
            r"|\bhawli(?:wch|a) (?:eich|dy) (?:gwobr|arian|taleb|ad-daliad)"
        ),
        "prize text (Welsh)",
    ),
    (
        re.compile(
            r"\b0(?:9\d\d|87\d) ?\d{3} ?\d{4}\b|\b\d{1,3}p\s*(?:/|per|a|x)\s*(?:msg|min"
            r"|minute|text|txt|sms|call|message)\b|£\d{1,2}(?:\.\d\d)?\s*(?:/|per|a)\s*"
            r"(?:msg|min|minute|text|txt|sms|call)\b"
            # A short code stands alone: "text me on 07700 900456" is a mobile number.
            r"|\b(?:txt|text|send|reply|tecstiwch|anfonwch)\s+(?:[a-z0-9]+\s+){0,2}(?:to|on|i)\s+\d{5,6}"
            r"\b(?! ?\d)|\b(?:txt|text|send)\s+[a-z]+\s+\d{5,6}\b(?! ?\d)"
        ),
        "premium-rate or short-code number",
    ),
    (
        re.compile(
            r"\b(?:ringtones?|free ?msg|txt stop|text stop|stop msg|reply stop|send stop"
            r"|stop to (?:end|opt|cancel|unsub\w*|\d{5})|t\s?&\s?c'?s?\s+apply|cs apply"
            r"|(?:anfonwch|tecstiwch|atebwch) stop|i ddad-?danysgrifio"
            r"|telerau ac amodau'n berthnasol)"
        ),
        "subscription or advert small print",
    ),
    (
        re.compile(
            r"\b(?:(?:subscribe|sub|suscribe)\s+(?:to\s+)?(?:me|us)\b|(?:subscribe|sub)\s+(?:to"
            r"\s+|on\s+)?my (?:channel|page|vids?|videos)|check (?:out )?(?:my|our) (?:new )?"
            r"(?:youtube )?(?:channel|page|video|videos|vidios|music|song|rap|website|site|profile"
            r"|shop|covers?|remix(?:es)?|onlyfans|only fans)|check me out|follow me on"
            r"|visit my (?:channel|page"
            r"|website|site|shop)|like (?:this|my) (?:facebook )?page)\b"
        ),
        "self-promotion",
    ),
    (
        # The "Hi Mum" scam: a stranger writes as the reader's child on a new number, then
        # asks for money (Action Fraud's warnings, 2022 on). No resident greets the council
        # as their mum or dad.
        re.compile(
            r"^\W*(?:hi|hello|hey|hiya|helo|haia|hia|shwmae|s'mae)\W+(?:mum|mam|mom|mummy|dad"
            r"|daddy|mother|father)\b.{0,150}?\b(?:new (?:number|phone|mobile)"
            r"|(?:phone|mobile) (?:broke|is broken|has broken|smashed|died|is dead)"
            r"|(?:dropped|lost|broke|smashed) my (?:phone|mobile)|rhif newydd|ff[ôo]n newydd"
            r"|(?:colli|torri|gollwng|malu) (?:fy|'n) (?:ff[ôo]n|mobeil)"
            r"|ff[ôo]n wedi (?:torri|malu))\b"
        ),
        "phishing wording",
    ),
]
_WEAK = [
    (
        re.compile(
            # Sums of money begin with a symbol, which a word boundary cannot precede.
            # Public-finance sums ("$240bn", "£300 million") are not offers.
            r"(?:£|\$|€)(?:\d{3,}|\d{1,3}(?:,\d{3})+)(?![\d.]*\s?(?:bn|b|m|mn|k|million|billion)\b)"
            r"|" + _OFFERED_FREE + r"|\b(?:cash|\d{2,3}% off|discount|"
            r"guaranteed|complimentary|(?:special|exclusive|limited"
            r"|amazing|fantastic|best) (?:offer|deal)s?|bonus|"
            r"voucher|gift card|prize|reward|award|winner)\b"
        ),
        "money or a free offer",
    ),
    (
        re.compile(
            r"\bam ddim\b(?! (?:ond|byd|arall))|\b(?:cynnig arbennig|gostyngiad o|gwobr ariannol"
            r"|taleb(?:au)?|arian parod)\b"
        ),
        "money or a free offer",
    ),
    (
        re.compile(
            r"\b(?:call|ring|txt|text|reply|click|visit|order|buy|apply|subscribe|join|claim|pay)\s+"
            r"(?:now|today|here|asap|immediately)\b|\burgent\b|\bact now\b|limited time|"
            r"expires|last chance|don't miss|today only|final (?:notice|attempt)|(?:valid|expires?)"
            r" (?:for )?(?:\d+ ?(?:hrs|hours|days)|today|tomorrow)|for (?:just|only) £\d"
        ),
        "pressure to act now",
    ),
    (
        re.compile(
            r"\b(?:(?:ffoniwch|tecstiwch|atebwch|cliciwch|ymatebwch) (?:nawr|rwan|rŵan|heddiw|yma)"
            r"|cyn iddo ddod i ben|yn dod i ben heddiw|brys)\b"
        ),
        "pressure to act now",
    ),
    (
        re.compile(
            r"\b(?:loan|loans|crypto|bitcoin|btc|forex|casino|betting|free spins|viagra|cialis"
            r"|dating|singles|sexy|horny|flirt|chat ?line|hot girls|work(?:ing)? from home"
            r"|earn (?:£|\$)(?:\d+|£+|\$+)|make money|investment opportunity|onlyfans"
            r"|double your money|\d{2,4}% (?:returns?|profits?)|(?:returns?|profits?) of \d{2,4}%"
            r"|mobile (?:update|upgrade)|camera phone"
            r"|network operator|latest (?:colour |color )?(?:mobile|phone|handset)"
            r"|(?:new|latest) (?:nokia|iphone|samsung|motorola)|18\+|18 plus|over 18s only"
            r"|free (?:mins|minutes|texts|txts|camera|handset|ringtones?|tones|spins|holiday)"
            r"|\bppi\b|mis-?sold|accident claim|no win,? no fee|debt write[- ]off"
            r"|landline|polyphonic|polys|wallpapers?|java games|mms|porn|(?:weekly|wkly) (?:comp"
            r"|competition|draw)|(?:text|txt) (?:chat|date)"
            r"|(?:live|sexy|adult|dirty|naughty) chat|chat to (?:local )?(?:girls|singles|babes)"
            # A discount code with a number in it: "with code WREX50", "use promo code SAVE20".
            r"|(?:use|with|enter|apply) (?:the |my |our )?(?:promo |discount |voucher )?code"
            r" [a-z]*\d[a-z\d]*)"
            r"(?!\w)"
        ),
        "advert",
    ),
    (
        # The same adverts in Welsh: loans, crypto, work from home, "earn £500 a day".
        re.compile(
            r"\b(?:benthyciad(?:au)?|crypto|bitcoin|(?:gwaith|gweithio) o (?:adref|gartref|adra"
            r"|gatre)|ennill (?:£|\$)\d+|gwneud arian|cyfle buddsoddi|dyblu eich arian)(?!\w)"
        ),
        "advert",
    ),
    (
        re.compile(
            r"\b(?:txt|msg|mob|ur|u r|2 claim|4 u|pobox|po box|2nite|wkly"
            r"|reply (?:yes|no|y|n|win|stop|end|now))\b"
        ),
        "text-speak of bulk texts",
    ),
    (
        re.compile(r"\b(?:unsubscribe|opt[ -]?out|customer (?:care|services?)|helpline)\b"),
        "opt-out or helpline wording",
    ),
    (
        re.compile(
            r"\b(?:dear (?:customer|custome|user|subscriber|winner|member|client|sir/madam)"
            r"|valued (?:customer|network customer|member|subscriber))\b"
        ),
        "addressed to a customer list",
    ),
    (
        re.compile(
            r"\b(?:your (?:\w+ )?(?:account|card|card number|apple id) (?:has been|is|was|have"
            r" been) (?:suspended|locked|limited|frozen|blocked|restricted|flagged|on hold)"
            r"|verify your (?:account|details|identity|information)|(?:unusual|suspicious) "
            r"(?:sign[- ]?in|login|activity|transaction)|unauthori[sz]ed (?:transaction|sign)"
            r"|unpaid (?:delivery|shipping|postage|customs) (?:fee|charge)|re-?delivery"
            r"|unpaid (?:road )?tolls?\b"
            r"|(?:rebate|refund|payment) (?:is )?(?:ready|waiting|pending)"
            r"|(?:missed|tried to deliver|attempted to deliver) your"
            r"|(?:tried|trying|been trying) to (?:contact|reach) you"
            r"|you have (?:a |\d+ )?(?:new )?(?:voicemail|voice message)s?)\b"
        ),
        "phishing wording",
    ),
    (
        re.compile(
            r"\b(?:(?:eich|dy) cyfrif (?:wedi'i|wedi ei|wedi cael ei) (?:atal|gloi|rewi|gyfyngu)"
            r"|dilyswch (?:eich|dy) (?:manylion|cyfrif|hunaniaeth)|ffi (?:ddosbarthu|dosbarthu|"
            r"bostio) (?:heb ei thalu|i'w thalu)|ad-daliad treth)\b"
        ),
        "phishing wording",
    ),
    (
        # Investment and recruitment scams move the reader to a private chat ("whatsapp me",
        # "DM me for details", "join my team"); a resident asks the council to reply, not
        # to message them on Telegram. Not "message me", "text me" alone: friends say so.
        re.compile(
            r"\b(?:(?:whatsapp|telegram|dm) me\b(?! (?:back|later))"
            r"|(?:message|msg|text|contact|add) me on (?:whatsapp|telegram|signal|wechat)"
            r"|join my (?:team|group|channel)|link in (?:my )?bio"
            r"|(?:neges|negeseuon) (?:ata i|i mi) ar (?:whatsapp|telegram))\b"
        ),
        "asks to be messaged privately",
    ),
    (
        re.compile(
            # Mobile and non-geographic numbers and short codes; not the 01/02/03 numbers of
            # offices and councils, nor sums of money ("£100000") or percentages.
            r"\b0[78]\d{9}\b|\b0[78]\d{2,3} \d{3} ?\d{3,4}\b|(?<![£$€\w,.(])[1-9]\d{4,5}(?![\w,.%])"
            r"|£\d+(?:\.\d\d)?\s*(?:/|per|a)\s*(?:wk|week|month)\b"
        ),
        "a phone number, short code or weekly price",
    ),
]


#: Every reason a cue can give (the console words each in Welsh); weak ones are joined by
#: WEAK_JOIN, and a link's reason names its host through UNKNOWN_SITE.
# The statistical model's reason, when no rule fires but the wording reads like spam.
MODEL_REASON = "reads like bulk, advert or scam texts"
CUE_REASONS = (*dict.fromkeys(reason for _, reason in [*_STRONG, *_WEAK]), MODEL_REASON)
WEAK_JOIN = " and "
UNKNOWN_SITE = "link to an unknown site ({host})"

# A link never spans a space; longer "words" are cut before the link pattern sees them, which
# keeps the check linear on hostile input ("a.a.a.a..." a hundred thousand times).
_LONGEST_LINK = 300


def unknown_links(text: str) -> list[str]:
    """Hosts of links in the (lower-cased) text that are not on the known-sites list."""
    unknown = []
    for word in text.split():
        word = word[:_LONGEST_LINK]
        for match in _URL.finditer(word):
            if match.start() and word[match.start() - 1] == "@":
                continue  # the domain of an e-mail address, not a link
            host = re.sub(r"^(?:https?://)?(?:www\.)?", "", match.group(0)).split("/")[0]
            host = host.rstrip(".,)")
            if host and not _KNOWN_SITES.search(host):
                unknown.append(host)
    return unknown


def rule_reasons(text: str) -> list[str]:
    """What the rules alone say: every strong cue, else two weak ones joined, else nothing."""
    # Lower case and single spaces only: the abuse flag's look-alike folding would turn
    # "150p/msg" into "isop/msg", and numbers are what premium-rate texts are made of.
    plain = " ".join(text.lower().split())
    strong = [reason for pattern, reason in _STRONG if pattern.search(plain)]
    links = unknown_links(plain)
    if links:
        strong.append(UNKNOWN_SITE.format(host=links[0][:60]))
    if strong:
        return strong
    # A kind counts once, in whichever language it is written.
    weak = list(dict.fromkeys(reason for pattern, reason in _WEAK if pattern.search(plain)))
    return [WEAK_JOIN.join(weak)] if len(weak) >= 2 else []


def spam_reasons(text: str) -> list[str]:
    """Why this answer is spam (empty when it is not): the rules' cues, else the model's."""
    reasons = rule_reasons(text)
    if reasons:
        return reasons
    # The rules name what a resident would never write; the model (spam_model.py) catches
    # scams worded in ways no rule lists, at the cost of a reason that names no cue.
    return [MODEL_REASON] if shipped().is_spam(text) else []
