# Rhesymau'r rheolau o dan y consol dros wrthod golygiad (console/reasons.py) (Cymraeg).

reason-name-empty = mae angen o leiaf un gair yn enw thema
reason-name-too-long = ni all enw thema fod yn hwy na { $limit } nod
reason-merge-target = cyfunwch â thema weithredol nad yw'n 'arall'
reason-merge-none = dewiswch o leiaf un thema arall i'w chyfuno
reason-merge-other = ni ellir cyfuno'r bwced 'arall'; symudwch ei atebion yn lle hynny
reason-split-parts = mae angen o leiaf ddwy ran i rannu thema
reason-split-empty = mae angen o leiaf un ateb ym mhob rhan
reason-answer-elsewhere = nid yw ateb { $answer } yn yr ymgynghoriad hwn
reason-seed-empty = rhowch enw neu enghreifftiau â geiriau ynddynt i'r thema llyfr codau
reason-no-theme = nid oes thema { $theme } yn yr ymgynghoriad hwn
reason-round-none = dewiswch o leiaf un thema
reason-round-too-many = gall rownd gynnig { $limit } thema ar y mwyaf
reason-round-twice = mae thema wedi'i rhestru ddwywaith
reason-round-inactive = nid yw'n thema weithredol yn yr ymgynghoriad hwn: { $ids }
reason-round-open = mae rownd { $round } yn dal ar agor: caewch hi yn gyntaf
reason-bad-email = nid yw '{ $email }' yn gyfeiriad e-bost
reason-account-exists = mae cyfrif ar gyfer { $email } yn bodoli eisoes
reason-password-short = mae angen o leiaf { $limit } nod mewn cyfrinair
reason-no-redactor = mae angen gosod yr offeryn cuddio manylion personol i greu dyfyniadau
