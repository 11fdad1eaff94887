# "A glywson ni chi'n iawn?": barn trigolion am y themâu y rhoddwyd eu hatebion ynddyn nhw (Cymraeg).

disputes-heading = A glywson ni chi'n iawn?
disputes-rule = Dangoswyd i drigolion y themâu y rhoddwyd eu hatebion eu hunain ynddyn nhw. Caiff thema ei nodi'n un a herir pan fydd o leiaf 3 wedi ateb amdani, o leiaf 2 wedi dweud "nid dyna oedd gen i", a'u bod yn o leiaf traean o'r atebion. Mae "yn rhannol" yn golygu'n iawn ond yn anghyflawn, ac nid yw'n nodi thema.
disputes-col-replies = Atebion
disputes-col-agree = Cytuno
disputes-col-partly = Yn rhannol
disputes-col-not-meant = Nid dyna oedd gen i
disputes-col-corrections = Yn eu geiriau eu hunain (manylion personol wedi'u tynnu)
disputes-disputed = Wedi'i herio: adolygwch
disputes-gone = wedi'i dileu neu ei rhannu ers hynny
playback-kind-legend = Beth i'w ofyn
playback-kind-vote = Pa un o'r themâu hyn sydd bwysicaf? (mae pawb yn gweld yr un themâu)
playback-kind-check = A glywson ni chi'n iawn? (mae pob person yn gweld y themâu y rhoddwyd eu hatebion eu hunain ynddyn nhw, ac yn dweud ie, yn rhannol neu na)
playback-check-round = Gofynnwyd i bob person am y themâu y rhoddwyd eu hatebion eu hunain ynddyn nhw; mae eu barn ar fwrdd y themâu.
