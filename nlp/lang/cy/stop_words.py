"""Welsh stop words, written for this project.

Function words (articles, particles, pronouns, prepositions and their
inflected forms, common forms of ``bod``), the clitic forms the tokenizer
splits off (``'r``, ``'n``, ``'i`` ...) and their mutated variants that are
frequent enough to matter (``fod``, ``fydd``), so that themes are not
labelled by grammar. Content words (even very common ones such as ``gwaith``)
are deliberately left out: they are what officers want to see in labels.
"""

from __future__ import annotations

_WORDS = """
a â ac ag am ar at y yr 'r 'n 'i 'u 'w 'm 'th 'ch 'ma 'na 'di 'dw
i o yn yng ym mewn gan gen gyda efo hefo heb hyd tan dan dros drwy trwy
wrth rhwng tua fel na nac nad ni nid ond neu os pe pan tra er achos oherwydd
oblegid felly hefyd hyn hynny hon hwn hwnnw honno rhain rheina rheiny
fi mi i ti di fe fo e o hi ni chi nhw nhwythau ninnau chithau minnau tithau
fy fyn dy ei eu ein eich 'y
mae mae'n maen ma sydd sy sy'n oes ydy ydi yw ydw dw dwi ydyn ydych ydyw
wyt wyf rydw rwy rwyf rydyn ryn rydych roedd oedd oeddwn oedden oeddech
roeddwn roedden bydd fydd byddai fyddai bod fod bo buodd fuodd bu fu bues
fues buon fuon fuaswn baswn basai bysai byddwn fyddwn bydden fydden
wedi newydd yna yma acw dyma dyna dacw dyw dydy dydi dydw dydyn
beth be pwy pa pam sut ble lle faint pryd
dim ddim un rhai rhyw pob bob holl llawer lot mwy mwyaf fwy fwyaf mor rhy
iawn eithaf braidd just jyst jest
ie na nage do naddo ydw nac
does doedd doeddwn doedden doeddech dydy dyw nad wnes wnaeth wnaethon wnaf wna
wnei wnewch gwnes gwnaeth ga gaf ges gest gafodd cafodd rwan rŵan
hefo oddi ohono ohoni ohonyn ohonom ohonoch ohonof arno arni arnyn arnom
arnoch arnaf iddo iddi iddyn iddynt inni ichi imi ganddo ganddi ganddyn
gennym gennych gennyf ganddynt ato ati atyn atom atoch ataf amdano amdani
amdanyn amdanom amdanoch amdanaf drosto drosti drostyn trwyddo trwyddi
hebddo hebddi wrtho wrthi wrthyn rhyngom rhyngddyn
gall gallai ynddo ynddi ynddyn ynom ynoch
"""

# Phones type the typographic apostrophe (U+2019): "Mae’r" must match too.
STOP_WORDS: frozenset[str] = frozenset(
    form for word in _WORDS.split() for form in (word, word.replace("'", "\u2019"))
)
