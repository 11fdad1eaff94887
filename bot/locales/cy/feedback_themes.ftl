# "Dywedoch chi, gwnaethon ni" wedi'i dargedu: mae preswylydd yn clywed ymateb y cyngor i'r
# themâu y mae ei atebion ei hun ynddynt, un llinell yr un.

themes-feedback-intro = Dywedoch chi wrthon ni beth sy'n bwysig am { $title }. Dyma beth rydyn ni'n ei wneud:
themes-feedback-intro-short = Dywedoch chi, gwnaethon ni:
themes-feedback-line = - { $label }: { $decision }
themes-feedback-will-do = byddwn ni'n gwneud hyn.
themes-feedback-already-doing = rydyn ni'n gwneud hyn yn barod.
themes-feedback-not-doing = dydyn ni ddim yn gwneud hyn.
themes-feedback-passed-on = rydyn ni wedi trosglwyddo hyn i { $body }.
themes-feedback-link = Rhagor: { $link }
themes-feedback-more = A { $count } peth arall a godoch chi.
