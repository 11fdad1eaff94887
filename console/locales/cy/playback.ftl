# "A glywson ni'n iawn?": cylchoedd adborth a'u canlyniadau (Cymraeg).

playback-round = Rownd { $round } · { $status ->
        [open] ar agor
       *[closed] wedi cau
    }
playback-opened = Agorwyd { $opened }
playback-closed-at = , caewyd { $closed }
playback-sent = Anfonwyd at { $sent }; atebodd { $replied }.
playback-caption = Pa un sydd bwysicaf (cyfran y bobl a atebodd, cyfwng 95%)
playback-col-votes = Pleidleisiau
playback-col-share = Cyfran
playback-col-interval = Cyfwng 95%
playback-missed = "Mae rhywbeth ar goll"
playback-missed-themes = Themâu'r hyn oedd ar goll:
playback-fewer-than = llai na { $threshold }
playback-by-ward = Yn ôl ward
playback-by-age = Yn ôl grŵp oedran
playback-table-caption = { $title }: pleidleisiau fesul rhif thema (grwpiau bach wedi'u cuddio: "–")
playback-col-group = Grŵp
playback-close = Cau rownd { $round }
playback-none = Dim rowndiau adborth eto.
playback-open-heading = Agor rownd
playback-legend = Themâu i'w hadrodd yn ôl (hyd at { $max }; wedi'u rhifo yn y drefn hon)
playback-no-themes = Dim themâu eto: grwpiwch yr atebion yn themâu yn gyntaf.
playback-open = Agor y rownd
playback-col-published = Cyhoeddwyd
playback-col-sent = Anfonwyd
playback-col-people = Pobl
playback-no-feedback = Dim adborth wedi'i anfon eto. Cyhoeddwch "Beth wnaethon ni ei ddarganfod" a thiciwch "Dweud wrth y bobl a ofynnodd am glywed yn ôl"; mae'r cynnydd i'w weld ar drosolwg yr ymgynghoriad.

flash-round-not-opened = Ni agorwyd y rownd: { $reason }.
flash-round-opened = Mae rownd { $round } ar agor. Anfonwch hi ar y gweinydd gyda `{ $command }`.
flash-round-closed = Mae rownd { $round } wedi cau.
flash-no-round = Nid oedd rownd ar agor.
