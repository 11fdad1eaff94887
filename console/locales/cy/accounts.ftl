# Mewngofnodi, yr hafan, cyfrifon, tocynnau API a'r log archwilio (Cymraeg).

login-title = Mewngofnodi
login-submit = Mewngofnodi
login-no-account = Dim cyfrif? Gofynnwch i'ch gweinyddwr. Mae'r gweinyddwr cyntaf yn cael ei greu gyda
login-throttled = Gormod o ymdrechion aflwyddiannus. Arhoswch 15 munud a rhowch gynnig arall arni.
login-failed = Nid yw'r cyfeiriad e-bost a'r cyfrinair yn cyfateb i gyfrif gweithredol.

home-title = Ymgynghoriadau
home-new = Ymgynghoriad newydd
home-none = Dim ymgynghoriadau eto.
home-none-shared = Nid oes unrhyw ymgynghoriadau wedi'u rhannu â chi eto.
home-caption = Ymgynghoriadau y gallwch eu gweld
home-col-title = Teitl
home-col-keyword = Allweddair
home-col-status = Statws
home-col-open = Agor

users-title = Cyfrifon
users-col-access = Rôl a mynediad
users-col-last = Wedi mewngofnodi ddiwethaf
users-role-for = Rôl { $email }
users-language-for = Iaith y consol i { $email }
users-language-browser = Iaith y porwr
users-active = gweithredol
users-never = erioed
users-add = Ychwanegu cyfrif
users-role = Rôl
users-roles-hint = gweinyddwr: popeth · swyddog: ymgynghoriadau'r cyfrif a'r rhai a rannwyd ag ef · hwylusydd: tudalennau gweithdy ymgynghoriadau a rannwyd yn unig · darllen yn unig: gweld ymgynghoriadau a rannwyd
users-password = Cyfrinair dros dro (10 nod neu fwy)
users-add-submit = Ychwanegu cyfrif

tokens-title = Tocynnau API
tokens-intro-before = Mae tocyn yn gadael i system arall (er enghraifft gwefan ymgynghori'r cyngor) ddarllen canlyniadau drwy'r
tokens-intro-link = API REST
tokens-intro-after = gyda'r un mynediad â'ch cyfrif chi.
tokens-copy-now = Copïwch y tocyn hwn nawr; ni fydd yn cael ei ddangos eto:
tokens-col-created = Crëwyd
tokens-col-used = Defnyddiwyd ddiwethaf
tokens-col-state = Cyflwr
tokens-unnamed = (heb enw)
tokens-never-used = heb ei ddefnyddio
tokens-revoked = wedi'i ddirymu
tokens-revoke = Dirymu
tokens-none = Dim tocynnau eto.
tokens-what-for = Beth yw ei ddiben?
tokens-create = Creu tocyn

audit-title = Log archwilio
audit-hint = Y 200 digwyddiad diweddaraf. Dim ond ychwanegu at y log sy'n bosibl: mae'r gronfa ddata'n gwrthod golygu a dileu.
audit-col-when = Pryd (UTC)
audit-col-who = Pwy
audit-col-what = Beth
audit-col-subject = Pwnc
audit-col-detail = Manylion

flash-account-not-created = Ni chrëwyd y cyfrif: { $reason }
flash-account-created = Crëwyd cyfrif ar gyfer { $email }.
flash-own-admin = Ni allwch ddileu eich mynediad gweinyddwr eich hun.
flash-account-saved = Wedi cadw { $email }.
flash-token-revoked = Mae'r tocyn wedi'i ddirymu.
