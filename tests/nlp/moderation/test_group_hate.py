"""Hateful statements about a group (in any mutation of its name) and death wishes are flagged."""

from __future__ import annotations

import pytest

from nlp.moderation import ABUSE, check
from nlp.moderation.flags import HATE, THREAT


def _hate(text: str) -> bool:
    return any(flag.kind == ABUSE and flag.reason == HATE for flag in check(text))


@pytest.mark.parametrize(
    "text",
    [
        "mae mewnfudwyr yn dwyn ein swyddi ni",
        "dim croeso i fewnfudwyr yma",  # soft mutation after "i"
        "Saeson allan!",
        "mae'r Mwslemiaid fel llygod mawr",
        "dydy'r Saeson ddim yn perthyn yma",
        "cas gen i bobl dduon",  # "pobl dduon", soft-mutated after "i"
        "immigrants are stealing our jobs",
        "no gays allowed",
        "refugees are like rats",
        # The general shapes: a group called lazy or criminal as a whole, denied a right,
        # never to be trusted, ruining the country, not wanted next door.
        "immigrants are lazy",
        "Mexicans are all criminals",
        "women should not be allowed to vote",
        "muslims can never be trusted",
        "mae mewnfudwyr i gyd yn ddiog",
        "ddylai menywod ddim cael pleidleisio",
        "does dim modd trystio Iddewon",
        "mae ffoaduriaid yn difetha ein gwlad",
        "dw i ddim eisiau mewnfudwyr yn byw drws nesa",
        # A word between may strengthen the verdict, with or without a determiner.
        "immigrants are absolute scum",
        "the refugees are a plague",
        "mae'r Saeson yn hollol ddiog",
        # A group called a burden or too emotional to lead, a group of two words; in Welsh
        # the verdict soft-mutated after "yn", and "adref" as well as "adre".
        "asylum seekers are criminals",
        "disabled people are a drain on the council",
        "women are too emotional to be councillors",
        "mae ffoaduriaid i gyd yn droseddwyr",
        "mae'r Saeson yn faich ar y gwasanaeth iechyd",
        "mae menywod yn rhy emosiynol i fod yn gynghorwyr",
        "dylai mewnfudwyr fynd adref",
        # Killing a group or ridding society of it; a group of people called ill, deviant or
        # a danger to society as a whole.
        "we need to kill the chinese before they take over",
        "society would be better off without the mentally ill",
        "the illegal immigrants should drown",
        "trans people are mentally ill",
        "people with mental disabilities are a danger to society",
        "the middle easterners are animals",
        "cael gwared ar fewnfudwyr",
        "dylai ffoaduriaid foddi",
        "mae pobl hoyw yn annaturiol",
        "mae mewnfudwyr yn fygythiad i gymdeithas",
        "mae'r Saeson yn sâl yn feddyliol",
        # A group said to smell, blamed for a crime as a whole, a huge drain, denied being
        # human, or kept from having children; who people are, said not to exist.
        "mexicans smell like garbage",
        "mae'r mewnfudwyr yn drewi",
        "gay men are responsible for a lot of the paedophilia",
        "mexicans are a huge drain on the economy",
        "are middle easterners really people?",
        "immigrants are not even human",
        "society would be better off if the mentally ill were not allowed to reproduce",
        "Bisexuality isn't real",
        "dyw bod yn ddeurywiol ddim yn bodoli",
        # A group refused work or barred; trans women called men; a group called dangerous
        # or not worth its keep.
        "I would never employ a disabled person",
        "businesses should have the right to ban disabled people from their premises",
        "fyddwn i byth yn cyflogi mewnfudwyr",
        "Trans women are just men",
        "menywod traws yw dynion",
        "Muslims are dangerous",
        "The mentally ill are not worth the money",
        # A group called beasts with a word that paints them, a slur made of its name, bred
        # like vermin, wished dead, or out to take over.
        "arabs are sand-dwelling monsters",
        "black people are all obedient brutes",
        "we must keep our values from filthy foreigners",
        "those bloody foreigners are everywhere",
        "these damn foreign women",
        "these immigrants reproduce like rats",
        "the good immigrant is a dead immigrant",
        "asians are obviously trying to take over our country",
        # The same shapes in Welsh.
        "mae'r Saeson yn trio cymryd drosodd",
        "mae mewnfudwyr yn bridio fel llygod mawr",
        "mae ffoaduriaid ddim yn ddynol",
        "mae mewnfudwyr yn gyfrifol am y rhan fwyaf o'r troseddau",
        "dylen ni wahardd ffoaduriaid o'r pentref",
        "mewnfudwyr budr",
        "mae mewnfudwyr yn beryglus",
        # A group as scroungers, tools, empty, untrustworthy, a cancer or to blame.
        "the mexicans just want to live off the government",
        "immigrants only come here to claim benefits",
        "women are only good for cooking",
        "refugees have no culture",
        "you can't trust a muslim",
        "all the stabbings are done by immigrants",
        "immigrants are a cancer",
        # ... handed everything; a group called "the ... lot".
        "the immigrants get everything handed to them",
        "asylum seekers get it all for free",
        "the trans lot are ruining everything",
        "the foreign lot are ruining the area",
        "the immigrants in the hotel are ruining the area",
        "mae mewnfudwyr dim ond eisiau byw ar fudd-daliadau",
        "does gan ffoaduriaid ddim diwylliant",
        "alli di ddim trystio Mwslemiaid",
        # Who people are, called a sin or the result of abuse; their marriages likened to
        # bestiality; the group's name going on with its couples or families.
        "being gay is a sin",
        "Being gay is a result of child sexual abuse",
        "mae bod yn hoyw yn bechod",
        "Gay marriage is a slippery slope to polygamy and bestiality",
        "gay couples should not be allowed to adopt",
        "Polish families are lazy",
        "Welsh speakers are lazy",
        # A group's community blamed; a group to be treated as a threat, or said to be
        # more likely to abuse; death wished before disability.
        "the trans community is responsible for a lot of the sex trafficking",
        "the mentally ill should be treated as a threat to society",
        "gay men are between two to three times more likely to abuse children",
        "mae mewnfudwyr yn fwy tebygol o dreisio",
        "you'd be better off dead than crippled",
    ],
)
def test_hateful_statements_about_a_group_are_flagged(text: str) -> None:
    assert _hate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mae'r ffoaduriaid yn y dref angen tai",
        "Mae llawer o Saeson yn prynu tai haf yn y pentref",
        "Dysgodd y Saeson Gymraeg yn y dosbarth nos",
        "croeso i fewnfudwyr yn y capel bob nos Sul",
        "Mae'r Cymry allan yn y glaw yn cefnogi'r tîm",
        "migrants are taking the train to Chester",
        "no dogs allowed in the park after six",
        "the staff are lazy",
        "refugees are in dangerous conditions in the hostel",
        "Disabled people should not be allowed to park in the bays without a badge",
        "Women should be allowed to vote at the community council too",
        "Mae menywod yn haeddu cyflog teg",
        "Disabled people are treated terribly by the council",
        # The group as the object of a preposition: the complaint is about a service.
        "The services for disabled people are useless",
        "Toilets for the disabled are always useless",
        "Lessons in Welsh are useless to my kids",
        "Statistics on immigrants cannot be trusted",
        "Pension changes for women are ruining the retirement of thousands",
        "Mae gwasanaethau i bobl anabl yn dda i ddim",
        # A verdict denied or softened is no verdict.
        "The immigrants are not criminals, they are our neighbours",
        "Refugees are rarely violent, whatever the papers say",
        "Mae mewnfudwyr yn llai treisgar na'r papurau'n ei ddweud",
        # Nor is a verb between the group and the word: the group suffers or does the thing.
        "Refugees are fleeing terrorists and war",
        "Disabled people are given useless equipment by the council",
        "Women are feeling stupid after the GP brushes them off",
        "Immigrants are labelled criminals by the tabloids",
        # A verdict named as false before it is said.
        "It is a common misconception that travellers are all thieves",
        "Nid yw'n wir fod mewnfudwyr yn ddiog",
        # Killing weeds, ridding a site of rubbish: the group owns the thing, or is a place.
        "Get rid of the travellers' rubbish by the river",
        "Kill the weeds near the Chinese takeaway",
        "The mentally ill need more support from the council",
        "Mae pobl â salwch meddwl angen mwy o help",
        # Feelings described, not a verdict on a group.
        "Women are emotional after a birth, and the midwives were so kind",
        "Mae menywod yn emosiynol ar ôl geni, ac roedd y bydwragedd yn garedig",
        "Disabled people are too often ignored by the council",
        # Not a verdict: denied, the group's senses, a group's share of good news, a bay.
        "Women are not responsible for most of the crime",
        "It is a myth that bisexuality isn't real",
        "The refugees smelled the bread from the bakery",
        "Immigrants are responsible for a lot of the growth in NHS staff",
        "Disabled people are not allowed to park in the new bays",
        "I would never employ a cowboy builder again",
        "The council should ban the travellers' caravans from the common",
        "Refugees are in dangerous conditions",
        "The immigrants are helpless against the landlords",
        "Trans women are women",
        # What is done to a group, or denied of it, is no verdict on it.
        "Refugees are not animals",
        "Refugees are treated like animals in the hostels",
        "Immigrants want to destroy nothing, they want to work",
        "Dirty nappies were left by the travellers' site",
        "mae'r ffyrdd yn beryglus",
        "Mae'r ffoaduriaid yn ddynol fel ni",
        "mae'r Cymry yn gyfrifol am y rhan fwyaf o'r gwaith",
        "gwahardd cŵn o'r parc",
        "Refugees are forced to live off benefits because they cannot work",
        "Disabled people have no access to the library",
        "Pensioners get free bus passes and that is right",
        "Refugees get everything they need from the food bank volunteers",
        "I can't trust the women at the desk to pass messages on",
        "Women are good for the economy, the report says",
        "mae ffoaduriaid yn gorfod byw ar fudd-daliadau",
        "does gan y ffoaduriaid ddim tai",
        "Being gay is not a sin",
        "It is a myth that being gay is a sin",
        "Gay marriage is legal now and that is fine",
        "Disabled parents are given no help",
        "Disabled people are more likely to be attacked",
        "Women are more likely to be killed by partners",
        "mae pobl anabl yn fwy tebygol o fod yn dlawd",
        "The Welsh community is lovely",
        # A group's adjective before a thing: the weather, the food, the toilets, the
        # government, the language.
        "You can't trust Welsh weather",
        "I would never serve English food",
        "There are filthy disabled toilets everywhere",
        "bloody foreign lorries in the lanes",
        "foreign workers are the backbone of the NHS",
        "foreign holidays are ruining my budget",
        "the students in the flats are ruining the area",
        "refugees in the hotel are ruining their chances by not learning English",
        # Swearing at passengers is about a train's aisle, not Travellers.
        "bloody travellers blocking the aisle on the train",
        "The Welsh Government want to ruin the economy",
        "ban Welsh from the council chamber? never",
        "Welsh is a waste of money, said nobody",
    ],
)
def test_statements_that_only_name_a_group_are_not_hateful(text: str) -> None:
    assert not _hate(text)


@pytest.mark.parametrize(
    ("text", "wished"),
    [
        ("gobeithio ti'n marw", True),
        ("I hope you die in a fire", True),
        ("gobeithio bod hi'n marw yn dawel, heb boen", False),
        ("I hope she dies peacefully at home, the hospice were wonderful", False),
        ("Bu farw fy mam yn yr ysbyty", False),
        # A verb with an object or a particle, or a gentle end, wishes no one dead.
        ("I hope they burn the leaves instead of leaving them", False),
        ("hope they die down soon, the roadworks noise", False),
        ("gobeithio nhw'n llosgi'r dail", False),
        ("I hope he dies in his sleep, he is suffering so much", False),
        # Someone in office, named by the office.
        ("I hope the councillor dies", True),
        ("hope that useless mayor rots", True),
        ("I hope the councillor burns the leaves this year", False),
        ("I hope the plant dies back over winter", False),
        # A violent end wished on people: in office, by what they did, or a pronoun.
        ("the councillors should be shot", True),
        ("whoever designed this one way system wants shooting", True),
        ("dog walkers who leave mess should be strung up", True),
        ("they should all be hanged", True),
        ("dylai'r cynghorwyr gael eu crogi", True),
        # ... not an animal, a plan, a picture, an idea or a game.
        ("the dog should be put down", False),
        ("the scheme should be killed off", False),
        ("the pictures should be hung in the library", False),
        ("the councillors should be shot down at the next election", False),
        ("the kids need shooting hoops in the park", False),
        ("he was hung out to dry by the council", False),
        ("dylai'r ffilm gael ei saethu yn Wrecsam", False),
    ],
)
def test_wishing_someone_dead_is_a_threat(text: str, wished: bool) -> None:
    reasons = [flag.reason for flag in check(text) if flag.kind == ABUSE]
    assert (THREAT in reasons) is wished


@pytest.mark.parametrize(
    ("text", "hateful"),
    [
        # Told to go back where they came from, the group named or not.
        ("send them all back where they came from", True),
        ("go back to where you came from", True),
        ("Ewch yn ôl i'ch gwlad eich hun", True),
        ("cer nôl i le ddest ti", True),
        # ... not someone going home.
        ("I went back to where I came from after the operation", False),
        ("ewch yn ôl i'r ysgol ar ôl cinio", False),
    ],
)
def test_go_back_where_you_came_from(text: str, hateful: bool) -> None:
    assert _hate(text) is hateful
