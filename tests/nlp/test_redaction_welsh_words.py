"""Welsh answers keep their everyday words and places; the people in them are still hidden."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.welsh_words import ordinary_in_welsh, welsh_word


@pytest.mark.parametrize(
    "text",
    [
        # Each of these lost a word to [name] before: a world name list holds it ("Arna",
        # "Mae", "Tri"), MiniLM scored it, or it followed "gyda"/"gan".
        "Mae angen tywel arna i, os gwelwch yn dda.",
        "Hanner peint o gwrw, plis.",
        "Halen a phupur ar y bwrdd.",
        "Mae'r antipasti wedi'i wneud gyda reis.",
        "Mae gan rai o'r cartrefi garej.",
        "Roedd y gôt yn wyn a'r het yn llwyd.",
        "Coch ydy fy hoff liw.",
        "Y mae ei strydoedd yn lân.",
        "Mae Sir Ddinbych a Sir Gaerfyrddin yn bell o Gymru fach.",
        "Y Brenin fydd yn ymweld ddydd Sadwrn, a'r Bryn yn y niwl.",
        # "Sir" is a county in Welsh, not a knight; "Y" is the article, not a title.
        "Bu'n ynad ar fainc Sir Feirionnydd ac yn Sir Fynwy.",
        "Y Saeson sy'n dathlu unwaith eto.",
        # Lower-case words the vocabulary lacks that a world name list holds ("Siani", "Jin").
        "Prif fwyd y siani flewog ydy'r dderwen.",
        "Mae well gen i jin na fodca.",
        # Pairs that are no first name and surname: a place, the article, an English title.
        "Bu'n byw am rai blynyddoedd yn Sri Lanka.",
        "Y chwe gwlad oedd Iwerddon, Lloegr, Cymru, Ffrainc, Yr Alban a'r Eidal.",
        "Gwyliais i My Fair Lady neithiwr.",
        # A verb opening a sentence that only the spelling dictionary knows.
        "Wela i chi'n y pyb.",
        # Lower-case after the article is a noun, never a person ("robin" is also a name).
        "Roedd y robin goch yn canu ar y wal.",
        "Dyma’r tegan gorau i blant.",
        # A noun mutated after "gan" (which announces authors) is the noun: a government,
        # a country.
        "Rheolwyd y mudiad gan Lywodraeth yr Aifft.",
        "Un ymdrech olaf gan Gymru yn y gêm.",
        # Mutated places are no mutated given names.
        "Symudais o Wynedd i Geredigion ac i Fethesda.",
        # A place noun opens a place's name, even one named after a person.
        "Dw i eisiau mwy o wersi nofio yn Plas Madoc.",
        "Mae angen mwy o athrawon Cymraeg yn Ysgol Morgan Llwyd.",
        # ... also when the finder runs the verb before it into the name ("Mae Ysgol").
        "Mae Ysgol Morgan Llwyd yn dda.",
        # A word inside a longer place is the place's ("Talbot" is a surname too).
        "Prif gyflogwr Port Talbot yw'r gwaith dur yno.",
        "Diolch i'r staff yn Ysbyty Maelor.",
        "Mae o dan reolaeth Bwrdd Iechyd Prifysgol Betsi Cadwaladr.",
        "Mae'r bwyty newydd ar Heol Tudur.",
        # Nationalities, capitalised as Welsh writes them ("Sais" is a surname too).
        "Mae e'n Sais ond mae'n dysgu Cymraeg.",
        "Roedd y Sais yn garedig.",
    ],
)
def test_everyday_welsh_words_and_places_are_not_names(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, language="cy").text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diolch i Gareth Pritchard am ei help", "Diolch i [name] am ei help"),
        ("Mae Gwyn yn garedig iawn yn y dderbynfa", "Mae [name] yn garedig iawn yn y dderbynfa"),
        ("Siaradais â Carol ddoe am y biniau", "Siaradais â [name] ddoe am y biniau"),
        ("Roedd Cledwyn Fychan yn y cyfarfod", "Roedd [name] yn y cyfarfod"),
        ("gofynnwch i gareth yn y swyddfa", "gofynnwch i [name] yn y swyddfa"),
        ("Ffoniwch Siân Pritchard yn Rhosddu", "Ffoniwch [name] yn Rhosddu"),
        # "Arwyn" is also a village: beside "Robat", and a Welsh name, it is the person.
        ("Caneuon gan Robat Arwyn yw'r rhain", "Caneuon gan [name] yw'r rhain"),
        ("Y Parchedig Huws oedd yno", "Y Parchedig [name] oedd yno"),
        # Surnames that are also villages, first names that read as mutated words.
        ("Diolch i Mrs Lewis.", "Diolch i Mrs [name]."),
        ("Ben Davies oedd yn y dderbynfa.", "[name] oedd yn y dderbynfa."),
        ("Mari Lewis ydw i", "[name] ydw i"),
        # "Mari" also reads as a mutated "bari"; a Welsh given name stays the person.
        ("Mari Huws ddaeth i'r drws.", "[name] ddaeth i'r drws."),
        ("Mari yw'r ferch fach yn y dosbarth.", "[name] yw'r ferch fach yn y dosbarth."),
        (
            "Gwyddwn fod Wil yn mynegi ei feddwl yn onest.",
            "Gwyddwn fod [name] yn mynegi ei feddwl yn onest.",
        ),
        # The person is hidden and the words around them, which only the spelling dictionary
        # knows, are kept.
        ("Mae mam Anne yn ddynes glên iawn.", "Mae mam [name] yn ddynes glên iawn."),
        ("Dechreusai Mary wrando arni.", "Dechreusai [name] wrando arni."),
        # Lower-case, a common English given name is still a person in a Welsh answer, and
        # so is the surname after a given name.
        ("siaradais i efo dave ddoe", "siaradais i efo [name] ddoe"),
        ("siaradais efo dafydd jones ddoe", "siaradais efo [name] ddoe"),
        # ... and so is a Welsh given name, with no cue before it; a given name that is
        # also a Welsh word is the word ("hedd" is peace, "gwyn" white).
        ("diolch i sian yn y dderbynfa", "diolch i [name] yn y dderbynfa"),
        ("roedd gareth a bethan yn wych", "roedd [name] a [name] yn wych"),
        ("mae hedd yn bwysig i bawb", None),
        ("mae'r awyr yn las a gwyn", None),
        # A given name that is also a Welsh word ("dan" is under) beside a surname that is
        # also a place ("Lewis"): the pair is the person, wherever it stands.
        ("Dan Lewis ddywedodd wrtha i am y biniau.", "[name] ddywedodd wrtha i am y biniau."),
        ("Siaradais i efo Dan Lewis ddoe.", "Siaradais i efo [name] ddoe."),
        ("Mae Beth Jones yn y swyddfa.", "Mae [name] yn y swyddfa."),
        # After "gan", a given name whose mutated reading is a word ("tic"), beside a surname.
        ("Llyfr gan Dic Jones yw hwn.", "Llyfr gan [name] yw hwn."),
        # Given names written mutated, as Welsh mutates any noun after these words; the
        # places beside them stay.
        ("Diolch i Fethan am y te.", "Diolch i [name] am y te."),
        ("Es i efo Chatrin i Gaerdydd.", "Es i efo [name] i Gaerdydd."),
        ("Cân gan Fryn Terfel oedd hi.", "Cân gan [name] oedd hi."),
        # A given name that is also a hamlet, alone and unmutated, is the person; with a
        # locative before it or a place's word after it, the place.
        ("Diolch i Bryn am y te.", "Diolch i [name] am y te."),
        ("Bachgen o'r enw Arwyn sydd yma.", "Bachgen o'r enw [name] sydd yma."),
        ("Dw i'n byw yn Bryn ger Wigan.", "Dw i'n byw yn Bryn ger Wigan."),
        ("Enw copa'r mynydd yw Bryn y Bol Mawr.", "Enw copa'r mynydd yw Bryn y Bol Mawr."),
        # A given name that is also a place ("Kerry", "Shannon", "Lee") is the person one
        # thanks, or one listed beside someone; God, a council and a country thanked, and a
        # list of places, stay.
        ("Diolch i Kerry yn y dderbynfa", "Diolch i [name] yn y dderbynfa"),
        ("Diolch yn fawr i Shannon am ei help", "Diolch yn fawr i [name] am ei help"),
        ("Roedd Ashley a Lee yn wych", "Roedd [name] a [name] yn wych"),
        ("Diolch i Dduw am y staff, ac i Iesu.", None),
        ("Diolch i Gyngor Wrecsam ac i Gymru.", None),
        ("diolch i chi am eich help", None),
        ("Teithiais i Lee a Chester ddoe.", None),
        # ... or set beside their job, which may take a word after it in Welsh.
        (
            "Roedd y gweithiwr cymdeithasol, Shannon, yn wych",
            "Roedd y gweithiwr cymdeithasol, [name], yn wych",
        ),
        ("Roedd y nyrs (Kerry) yn garedig", "Roedd y nyrs ([name]) yn garedig"),
        ("Mae'r ysgol, Chester, yn bell", None),
        # ... or said to be kind or rude, as no town is.
        ("Roedd Chelsea yn garedig iawn", "Roedd [name] yn garedig iawn"),
        ("Mae Kerry'n glên", "Mae [name]'n glên"),
        ("Mae Caer yn hyfryd a Wrecsam yn garedig", None),
        # ... or who did what only a person does, the verb first.
        ("Ffoniodd Shannon fi ddoe", "Ffoniodd [name] fi ddoe"),
        ("Mi ofynnodd Lee am fy enw", "Mi ofynnodd [name] am fy enw"),
        ("Ffoniodd hi fi, ac atebodd y meddyg.", None),
        # A place noun in lower case is a person's thing: "fferm Dafydd" is Dafydd's farm.
        ("Roedd y sied ar fferm Dafydd.", "Roedd y sied ar fferm [name]."),
        # A county that is also a given name: alone, the county; announced or beside a
        # surname, the person.
        ("Mae'n byw ym Methel, Gwynedd.", "Mae'n byw ym Methel, Gwynedd."),
        ("Saif ar y ffin rhwng Gwynedd a Phowys.", "Saif ar y ffin rhwng Gwynedd a Phowys."),
        ("Fy merch Gwynedd sy'n helpu", "Fy merch [name] sy'n helpu"),
        ("Mae Gwynedd Jones yn byw yma", "Mae [name] yn byw yma"),
        # Saints, their churches and their days; a Dewi without them is a person.
        ("Cysegrwyd yr eglwys i Dewi Sant a'i fam Non.", None),
        ("Bydd hi’n Ddydd Gŵyl Dewi fory.", None),
        ("Dydd Santes Dwynwen hapus", None),
        ("Ges i sgwrs gyda Dewi pnawn yma", "Ges i sgwrs gyda [name] pnawn yma"),
        # Daffodils are St Peter's leeks.
        ("Hoffwn weld mwy o gennin Pedr yn y parc.", None),
        ("Plannwyd cennin Pedr ger yr ysgol.", None),
        # A day of the week as "nos" mutates it.
        ("Mae hi nawr yn nos Wener.", None),
        # A Welsh word after a capitalised noun names a house or a place with it; a given
        # name, a name after a title and a nickname are still people.
        ("Hen amaethdy clyd ydyw'r Garreg Wen.", None),
        ("Saif y Tŷ Coch yn agos at yr afon.", None),
        ("Mae Siân Wyn yn byw yma", "Mae [name] yn byw yma"),
        ("Diolch i Nyrs Gwen", "Diolch i Nyrs [name]"),
        ("Y bardd oedd Syr Lewis Morris.", "Y bardd oedd Syr [name]."),  # a title stays
        # Spoken titles announce the name after them; a Welsh word after one is the word.
        ("Roedd Nyrs Bethan yn wych.", "Roedd Nyrs [name] yn wych."),
        ("Diolch i Capten Huws am bopeth.", "Diolch i Capten [name] am bopeth."),
        ("Nyrs Cymraeg oedd hi.", None),
        ("Parhaodd fel Arglwydd Raglaw am ddwy flynedd arall.", None),  # Lord Lieutenant
        ("Roedd Robin Coch yn edrych yn hapus", "Roedd [name] yn edrych yn hapus"),
        # Welsh given names parents choose that no world list held, lower-case too.
        ("Mae Deio yn gweithio'n galed.", "Mae [name] yn gweithio'n galed."),
        ("diolch i lleucu a nedw", "diolch i [name] a [name]"),
        ("Daeth Elfed draw i drwsio'r to.", "Daeth [name] draw i drwsio'r to."),
        # Names that are also words: capitalised mid-sentence, the person; lower-case or
        # after the article, the word ("haf" is summer, "awel" a breeze).
        ("Mae Haf yn y dderbynfa yn hyfryd.", "Mae [name] yn y dderbynfa yn hyfryd."),
        ("Dechreuodd Awen grio yn y car.", "Dechreuodd [name] grio yn y car."),
        ("mae haf yn amser prysur yn y parc", None),
        ("Mae awel gref heddiw.", None),
        ("Gŵyl yr Haf yn y parc.", None),
        ("Mae'r Haf yn brysur.", None),
        # Thanks and a person's verb announce a person typed in lower case too; not everyone,
        # nor Mum.
        ("diolch i kerry am bopeth", "diolch i [name] am bopeth"),
        ("diolch yn fawr i lee a'r tîm", "diolch yn fawr i [name] a'r tîm"),
        ("diolch i bawb am bopeth", None),
        ("diolch i mam", None),
        ("ffoniodd shannon fi ddoe", "ffoniodd [name] fi ddoe"),
        # ... and a Welsh given name the preposition mutated ("Dafydd", "Bethan").
        ("diolch i ddafydd am bopeth", "diolch i [name] am bopeth"),
        ("diolch i fethan", "diolch i [name]"),
        # A name that is also a Welsh word ("bob" every, "pam" why, "eira" snow) is the
        # person capitalised mid-sentence with a cue around it; alone, or opening a title,
        # the word.
        ("Diolch i Bob.", "Diolch i [name]."),
        ("Siaradais i efo Pam ddoe.", "Siaradais i efo [name] ddoe."),
        ("Mae Eira yn garedig iawn.", "Mae [name] yn garedig iawn."),
        ("Roedd Gareth a Dan yn wych.", "Roedd [name] a [name] yn wych."),
        ("Diolch i bob un ohonoch.", None),
        ("Pam fod y bysiau'n hwyr?", None),
        ("Gwyliais Dan y Wenallt.", None),
        # ... and before a surname, after "gyda" (with) too.
        ("Es i gyda Dan Lewis i'r dref.", "Es i gyda [name] i'r dref."),
        # A name after "a" (and) stands in a list: of people beside a person, of places
        # beside a place.
        ("Roedd Glyn a Bryn yn wych.", "Roedd [name] a [name] yn wych."),
        ("Mae'r bws rhwng Rhos a Bryn yn hwyr.", None),
        # ... and typed in lower case, a name that is also a word at a list's end.
        ("diolch i sian a haf", "diolch i [name] a [name]"),
        ("mae sian a bara yn y ty", "mae [name] a bara yn y ty"),
        # ... and a surname after a title typed in lower case; not a Welsh word there.
        ("siaradais i hefo mrs roberts drws nesa", "siaradais i hefo mrs [name] drws nesa"),
        ("roedd dr jones yn wych efo mam", "roedd dr [name] yn wych efo mam"),
        ("diolch i nyrs gwen am y wen", None),
        ("roedd y dr yn wych", None),
        # ... and after a Welsh title in lower case, a name that is nothing else: a Welsh
        # surname as Welsh spells it (Huws, Hughes) too. Not the word after the noun.
        ("y cynghorydd huws wedi addo", "y cynghorydd [name] wedi addo"),
        ("roedd nain roberts yn sâl", "roedd nain [name] yn sâl"),
        ("y cynghorydd lleol wedi addo", None),
        ("roedd nain yn sâl", None),
        # Welsh puts a ward's name after the ward; the staff on it are still people.
        (
            "Cafodd fy mam ofal gwych gan Gareth ar ward Onnen.",
            "Cafodd fy mam ofal gwych gan [name] ar ward Onnen.",
        ),
        ("Roedd Ward Dyfi yn lân.", None),
        # An island, a lake, a gallery open a place's name, even one named like a person.
        ("Mi oeddan nhw ar Ynys Enlli.", None),
        ("Saif ar fryn uwch pen gorllewinol Llyn Tegid.", None),
        # Names that are also the words for a bird or a flower, lower-case: the word.
        ("Mae ’na jac y do yn eistedd ar ben y simne.", None),
        ("cludodd y tonnau lili i’r lan.", None),
    ],
)
def test_people_in_welsh_answers_are_still_hidden(
    redactor: Redactor, text: str, expected: str | None
) -> None:
    assert redactor.redact(text, language="cy").text == (expected or text)


def test_english_answers_are_not_read_as_welsh(redactor: Redactor) -> None:
    # "Carol" is a Welsh word too (a carol); in an English answer, a person.
    text = "Please ask Carol at the depot about the bins"
    assert (
        redactor.redact(text, language="en").text == "Please ask [name] at the depot about the bins"
    )


def test_a_word_is_read_in_every_mutation() -> None:
    assert welsh_word("nghadair") and welsh_word("gadair") and welsh_word("chadair")
    assert welsh_word("Gymru") and not welsh_word("Gareth") and not welsh_word("Mari")
    # Capitalised: a word only where a sentence or the article puts it, or alone and unlisted.
    assert ordinary_in_welsh("Hanner", before="", listed=True)
    assert ordinary_in_welsh("Brenin", before="Mae'r ", listed=True)
    assert not ordinary_in_welsh("Carol", before="Siaradais â ", listed=True)
    assert not ordinary_in_welsh("Fychan", before="Roedd Cledwyn ", listed=False, alone=False)
    assert ordinary_in_welsh("gwyn", before="Roedd y gôt yn ", listed=True)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A self-introduction hides the name even when it is also a word ("eira" is snow),
        # and the Welsh-words check leaves announced names alone ("Ffoniwch Awen").
        ("Mari ydw i", "cy", "[name] ydw i"),
        ("Shwmae, Mari ydw i", "cy", "Shwmae, [name] ydw i"),
        ("Eira ydy fy enw i", "cy", "[name] ydy fy enw i"),
        ("eira ydy fy enw i", "cy", "[name] ydy fy enw i"),
        ("Ffoniwch Awen ar ôl chwech", "cy", "Ffoniwch [name] ar ôl chwech"),
        (
            "Hi, Dave here, the bins were not collected",
            "en",
            "Hi, [name] here, the bins were not collected",
        ),
        # "X ydw i" is also "I am X": a word stays a word, and so does a place "here".
        ("Hapus ydw i gyda'r gwasanaeth", "cy", "Hapus ydw i gyda'r gwasanaeth"),
        ("Athro ydw i yn yr ysgol", "cy", "Athro ydw i yn yr ysgol"),
        # "X dw i'n ..." puts X first for emphasis: an adverb as often as anyone's name.
        ("Wedyn dw i’n mynd adra.", "cy", "Wedyn dw i’n mynd adra."),
        ("Gareth dw i'n galw", "cy", "[name] dw i'n galw"),
        ("Wrexham here we come", "en", "Wrexham here we come"),
        ("It is my name on the letter", "en", "It is my name on the letter"),
        ("I took my Mustang here for a wash", "en", "I took my Mustang here for a wash"),
    ],
)
def test_introductions_announce_a_name(
    redactor: Redactor, text: str, language: str, expected: str
) -> None:
    assert redactor.redact(text, language=language).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Welsh words that are English given names ("dan" under, "pam" why, "beth" what):
        # in an English answer they are people, and were shown in full.
        ("Please ask Beth about the bins", "Please ask [name] about the bins"),
        ("Pam at reception was lovely", "[name] at reception was lovely"),
        ("My neighbour Allan keeps parking there", "My neighbour [name] keeps parking there"),
        ("Please ask Dan Lewis about the bins", "Please ask [name] about the bins"),
    ],
)
def test_english_names_that_are_welsh_words_are_hidden(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text, language="en").text == expected


def test_in_welsh_those_words_stay_words(redactor: Redactor) -> None:
    text = "Dan y bont mae sbwriel, a beth am y biniau?"
    assert redactor.redact(text, language="cy").text == text
    # The verb before a surname is not its first name, though a world list holds "Mae".
    text = "Mae Jones yn byw drws nesa."
    assert redactor.redact(text, language="cy").text == "Mae [name] yn byw drws nesa."


@pytest.mark.parametrize(
    "text",
    [
        # A Welsh building or place in an English answer: "Ty" is a given name elsewhere.
        "I love Tŷ Pawb and the market",
        "went to Ty Hapus play centre with the kids",
        "we walked up Pen y Fan on Sunday",
    ],
)
def test_welsh_buildings_in_english_answers_are_not_names(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, language="en").text == text


def test_a_given_name_before_an_english_word_is_still_hidden(redactor: Redactor) -> None:
    # "Ty" and "Dan" are Welsh words; the words after them are not Welsh ("I" is English here).
    assert redactor.redact("Ty Smith was rude to me", language="en").text == "[name] was rude to me"
    text = "Dan I think was the one who helped"
    assert redactor.redact(text, language="en").text == "[name] I think was the one who helped"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A saint's name is a church, a school or a day, not a resident's.
        ("Rev. Mathias at St Giles church", "en"),
        ("the traffic by St. Mary's is awful", "en"),
        ("Mae plant yn Ysgol Sant Dunawd", "cy"),
        ("Dydd Santes Dwynwen", "cy"),
    ],
)
def test_saints_names_are_kept(redactor: Redactor, text: str, language: str) -> None:
    redacted = redactor.redact(text, language=language).text
    assert redacted == text.replace("Mathias", "[name]")


def test_sant_is_a_given_name_in_english(redactor: Redactor) -> None:
    text = "Sant Singh helped me a lot"
    assert redactor.redact(text, language="en").text == "[name] helped me a lot"
