# Negeseuon sianel Telegram yn unig. Mae'r sgwrs ei hun yng nghatalogau'r
# peiriant; mae'r rhain ar gyfer pethau y mae Telegram yn eu caniatáu ond
# nid SMS (lluniau, sticeri, golygu, botymau, grwpiau).

telegram-send-text = Mae'n ddrwg gen i, dim ond negeseuon wedi'u teipio y galla i eu darllen. Atebwch mewn geiriau, os gwelwch yn dda.
telegram-edited = Rwy'n cadw fersiwn gyntaf pob neges. Os hoffech chi newid rhywbeth, anfonwch neges newydd, os gwelwch yn dda.
telegram-stale-button = Mae'r botwm yna wedi dod i ben. Teipiwch eich ateb yn lle hynny, os gwelwch yn dda.
telegram-private-only = Anfonwch neges ataf i'n uniongyrchol, nid mewn grŵp, er mwyn i'ch atebion aros yn breifat.

## Dewislen "/" y gorchmynion (byr: mae Telegram yn eu dangos ar un llinell)

telegram-command-start = Dechrau neu barhau
telegram-command-help = Beth yw hwn a sut i stopio
telegram-command-cymraeg = Parhau yn Gymraeg
telegram-command-english = Speak English
telegram-command-stop = Stopio pob neges
telegram-command-delete = Dileu fy atebion
