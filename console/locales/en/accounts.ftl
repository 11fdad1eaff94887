# Sign-in, the home page, accounts, API tokens and the audit log (English).

login-title = Sign in
login-submit = Sign in
login-no-account = No account? Ask your administrator. The first administrator is made with
login-throttled = Too many failed attempts. Wait 15 minutes and try again.
login-failed = That e-mail and password do not match an active account.

home-title = Consultations
home-new = New consultation
home-none = No consultations yet.
home-none-shared = No consultations are shared with you yet.
home-caption = Consultations you can see
home-col-title = Title
home-col-keyword = Keyword
home-col-status = Status
home-col-open = Open

users-title = Accounts
users-col-access = Role and access
users-col-last = Last signed in
users-role-for = Role for { $email }
users-language-for = Console language for { $email }
users-language-browser = Browser's language
users-active = active
users-never = never
users-add = Add an account
users-role = Role
users-roles-hint = admin: everything · officer: own and shared consultations · facilitator: workshop pages of shared consultations only · readonly: view shared consultations
users-password = Temporary password (10 characters or more)
users-add-submit = Add account

tokens-title = API tokens
tokens-intro-before = A token lets another system (for example the council's consultation website) read results through the
tokens-intro-link = REST API
tokens-intro-after = with the same access as your account.
tokens-copy-now = Copy this token now; it will not be shown again:
tokens-col-created = Created
tokens-col-used = Last used
tokens-col-state = State
tokens-unnamed = (unnamed)
tokens-never-used = never
tokens-revoked = revoked
tokens-revoke = Revoke
tokens-none = No tokens yet.
tokens-what-for = What is it for?
tokens-create = Create token

audit-title = Audit log
audit-hint = The latest 200 events. The log is append-only: the database refuses edits and deletions.
audit-col-when = When (UTC)
audit-col-who = Who
audit-col-what = What
audit-col-subject = Subject
audit-col-detail = Detail

flash-account-not-created = Account not created: { $reason }
flash-account-created = Account created for { $email }.
flash-own-admin = You cannot remove your own administrator access.
flash-account-saved = Saved { $email }.
flash-token-revoked = Token revoked.
