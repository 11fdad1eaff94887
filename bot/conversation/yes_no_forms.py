"""The words and phrases residents answer a yes/no question with, in Welsh and English.

Data only; bot.conversation.yes_no reads it. Sources (read, not copied):

- Gareth King, *Modern Welsh: A Comprehensive Grammar* (Routledge), the chapters on
  answering questions (the reply echoes the verb of the question in its person and
  tense: Ydw / Nac ydw, Oes / Nac oes, Bydd / Na fydd, Do / Naddo for the preterite,
  Ie / Nage for focused sentences) and on mutations (soft mutation after the dropped
  affirmative particles fe / mi; aspirate mutation of c, p, t after na; the spoken
  negative that keeps only the mutation: "Fydda i ddim", "Cha i ddim").
- Wikibooks, *Welsh/Grammar/Verbs* (present and past of bod, Ydw / Nac ydw table);
  Graham Hall's Welsh course, session 15 (Oeddwn / Nag oeddwn, Do / Naddo, Ie / Na);
  the Welsh-L lessons (1994), lesson 2 ("How to say Yes and No").
- Welsh Government / National Centre for Learning Welsh (Dysgu Cymraeg) course units:
  spoken southern and northern forms (moyn / isio, sa i / dw i ddim, ia, yndw, ydan).
- Real short Welsh phrases in ../shared/data/welsh (CC0, techiaith/brawddegau-tagiedig):
  "Ydw, plîs.", "Dim diolch.", "Nac ydy, Tad!", "Nac ydw; dw i'n gyfreithiwr.",
  "Iawn, dim problem", "Wrth gwrs.", "Do.", "Naddo.".
- English: common replies in UK texting (aye, ta, deffo, go on then, nah, no ta).
"""

from __future__ import annotations

# The lists are laid out as word lists, several to a line, for reading.
# fmt: off

# Responsive verb forms (radical, unmutated), every person and tense a reply uses.
WELSH_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "bod, present": (
        "ydw", "ydwyf", "wyt", "ydy", "ydi", "yw", "ydyw", "ydyn", "ydym", "ydan",
        "ydych", "ydach", "yndw", "yndi", "yndy", "yndyn", "ydyn nhw", "oes", "ydynt",
    ),
    "bod, imperfect": (
        "oeddwn", "oeddet", "oedd", "oedden", "oeddan", "oeddem", "oeddech", "oeddach",
        "oeddynt",
    ),
    "bod, future": (
        "byddaf", "bydda", "byddi", "bydd", "byddwn", "byddwch", "byddan", "byddant",
    ),
    "bod, conditional": (
        "byddwn", "byddet", "byddai", "bydden", "byddem", "byddech",
        "baswn", "baset", "basai", "basa", "base", "basem", "basen", "basan", "basech",
        "byswn", "byset", "bysai", "bysa", "bysen", "bysech",
        "buaswn", "buaset", "buasai", "buasem", "buasen", "buasech",
    ),
    "gallu": (
        "gallaf", "galla", "gelli", "gall", "gallwn", "gallwch", "gallan", "gallant",
        "gallai", "gallet", "gallen", "gallem", "gallech",
    ),
    "medru": (
        "medraf", "medra", "medri", "medr", "medrwn", "medrwch", "medran",
        "medrai", "medret", "medren", "medrech",
    ),
    "hoffi": ("hoffwn", "hoffet", "hoffai", "hoffem", "hoffen", "hoffech"),
    "licio": (
        "liciwn", "liciet", "liciai", "licien", "liciech", "licswn", "licsen",
        "leiciwn", "leicien",
    ),
    "gwneud": (
        "gwnaf", "gwna", "gwnei", "gwnaiff", "gwneith", "gwnawn", "gwnewch", "gwnan",
        "gwnant", "gwnai", "gwnelwn", "gwnaen",
    ),
    "cael": ("caf", "ca", "cei", "caiff", "cawn", "cewch", "cai", "caet", "caen", "caech"),
    "cytuno": ("cytunaf", "cytuno"),
}

# Generated mutations that are also English words a reply could contain.
NOT_WELSH_FORMS = frozenset({"all", "can", "do", "bed", "ill", "wind"})

# Whole phrases; the reader matches the longest phrase at each position.
WELSH_YES: tuple[str, ...] = (
    "ie", "ia", "iep", "iawn", "iawn te", "iawn ta", "ol reit", "olreit", "ok te",
    "do", "wrth gwrs", "siwr", "siwr iawn", "yn sicr", "sicr", "pam lai", "pam ddim",
    "dim problem", "dim probs", "gwych", "gret", "champion", "bendant", "yn bendant",
    "dw i'n cytuno", "dwi'n cytuno", "rwy'n cytuno", "rydw i'n cytuno", "rydw i",
    "moyn", "mo'yn", "'moyn", "dw i'n moyn", "dwi'n moyn", "fi'n moyn", "isio", "isie",
    "ishe", "eisiau", "eisie", "dw i isio", "dwi isio", "dw i eisiau", "dwi eisiau",
    "plis", "os gwelwch yn dda", "ymlaen", "mewn a fi", "hapus i", "bydda i'n hapus",
    "byddwn i'n hoffi", "baswn i'n hoffi", "byswn i'n hoffi", "hoffwn i",
    "mi wna i", "fe wna i", "oce", "hollol", "yn hollol",
    # Replies to "Ydych chi'n fodlon cymryd rhan?" that echo its words.
    "bodlon", "yn fodlon", "dw i'n fodlon", "dwi'n fodlon", "rwy'n fodlon", "rydw i'n fodlon",
    "dw i'n hapus", "dwi'n hapus", "hapus i helpu", "cymryd rhan", "dw i'n cymryd rhan",
)
WELSH_NO: tuple[str, ...] = (
    "na", "nage", "naci", "naddo", "nid", "nadw", "nagw", "nadi", "nady", "nadyn",
    "nagyn", "nagoes", "nago's", "nag yw", "nac yw",
    "dim", "ddim", "dim diolch", "na diolch", "na dim diolch", "dim o gwbl",
    "ddim o gwbl", "dim really", "ddim really", "byth", "dim byth", "dim ffiars",
    "dim peryg", "dim siawns", "sa i", "sai", "sa i'n moyn", "sai'n moyn", "sa i moyn",
    "sai moyn", "dw i ddim", "dwi ddim", "dw i ddim isio", "dwi ddim isio",
    "dw i ddim eisiau", "dwi ddim eisiau", "dim isio", "well gen i beidio",
    "gwell gen i beidio", "gwell gennyf beidio", "dim nawr", "ddim nawr", "dim rwan",
    "ddim rwan", "dim heddiw", "dim i fi", "ddim i fi", "anghytuno", "dw i'n anghytuno",
    "dw i ddim yn meddwl", "dwi ddim yn meddwl", "sa i'n meddwl", "sai'n meddwl",
    "dw i ddim yn fodlon", "dwi ddim yn fodlon", "ddim yn fodlon", "dim yn fodlon",
)
WELSH_UNSURE: tuple[str, ...] = (
    "efallai", "falle", "ella", "hwyrach", "ddim yn siwr", "dim yn siwr", "dwn i ddim",
    "wn i ddim", "sa i'n gwybod", "sai'n gwybod", "dim syniad", "dw i ddim yn gwybod",
    "dwi ddim yn gwybod", "dim clem",
)
WELSH_FILLERS: tuple[str, ...] = (
    "diolch", "diolch yn fawr", "diolch yn fawr iawn", "diolch o galon", "os gweli di'n dda",
    "ta", "te", "wir", "yn wir", "sori", "mae'n ddrwg gen i", "wel", "wan", "nawr",
)

ENGLISH_YES: tuple[str, ...] = (
    "yes", "yeah", "yea", "yeh", "yep", "yup", "ya", "yah", "yas", "yass", "yh", "ye",
    "yesh", "aye", "sure", "surely", "certainly", "definitely", "defo", "deffo", "def",
    "absolutely", "totally", "of course", "ofc", "course", "okay", "okey", "okie",
    "fine", "alright", "all right", "agree", "i agree", "agreed", "i do", "i would",
    "i will", "i am", "i'm in", "count me in", "why not", "go on", "go on then",
    "go ahead", "go for it", "sounds good", "sounds great", "great", "lovely", "perfect",
    "brilliant", "cool", "happy to", "i'd like to", "i would like to", "i'd love to",
    "i would love to", "love to", "please do", "sure thing", "for sure", "no problem",
    "no worries", "not a problem", "no prob", "i don't mind", "don't mind",
    "that's fine", "that's ok", "fine by me", "righto", "right oh", "i think so", "yes please",
    "i'd like that", "i would like that", "id like that", "please", "nah yeah",
    # Replies to "Would you like to take part?" that echo its words.
    "happy to take part", "i'm happy to take part", "i'm happy to", "i'm happy", "happy to help",
    "i'd be happy to", "i would be happy to", "i'll take part", "i will take part", "take part",
    "i consent", "consent", "i accept", "accept", "i'd like to take part",
)
ENGLISH_NO: tuple[str, ...] = (
    "no", "nope", "nah", "naw", "nay", "no way", "no chance", "not really", "not now",
    "not today", "not at the moment", "not right now", "no ta", "nah ta", "no thanks",
    "no thank you", "nah thanks", "no thx", "no thankyou", "not interested", "never",
    "i don't", "i do not", "i won't", "i will not", "i wouldn't", "i would not",
    "i'm not", "i am not", "i'd rather not", "rather not", "i'd prefer not",
    "prefer not", "not for me", "not bothered", "don't want to", "i don't want to",
    "disagree", "i disagree", "definitely not", "absolutely not", "certainly not",
    "of course not", "hell no", "i don't think so", "not", "don't", "yeah nah",
    "i don't want to take part", "not taking part", "i'm not taking part", "i don't consent",
)
ENGLISH_UNSURE: tuple[str, ...] = (
    "maybe", "perhaps", "not sure", "unsure", "dunno", "don't know", "i don't know",
    "idk", "possibly", "might", "no idea", "maybe later", "not sure yet",
)
ENGLISH_FILLERS: tuple[str, ...] = (
    "thanks", "thank you", "thankyou", "thx", "ty", "cheers", "mate", "love",
    "hun", "then", "x", "xx", "xxx", "lol", "haha", "oh", "well", "um", "erm", "er",
    "uh", "so", "just", "very much", "sorry", "pls", "plz", "plse", "really", "indeed",
    "now",
)

# Either language (they carry no language of their own).
SHARED_YES: tuple[str, ...] = ("y", "ok", "k", "kk", "okay dokay", "okey dokey")
SHARED_NO: tuple[str, ...] = ("n",)
# Pronouns and particles that follow or precede a responsive form ("Bydda i",
# "Hoffwn i", "Mi wna i", "Ydyn ni", "I do") and change nothing.
PRONOUNS: tuple[str, ...] = (
    "i", "fi", "ti", "chi", "ni", "nhw", "e", "o", "hi", "fe", "mi", "we", "me", "i'm",
)

YES_EMOJI = frozenset("\U0001f44d\U0001f44c\u2705\u2714\u2611\U0001f197\U0001f4af")
NO_EMOJI = frozenset("\U0001f44e\u274c\u2716\U0001f645\U0001f6ab")
# fmt: on
