# The console's frame, shared words, errors and flash messages (English).
# Every id here is in ../cy/common.ftl too, with the same variables (tests/console/test_i18n.py).

brand-name = What Matters
base-console = Console
base-skip = Skip to content
base-nav-main = Main
base-nav-consultations = Consultations
base-nav-accounts = Accounts
base-nav-audit = Audit log
base-nav-tokens = API tokens
base-sign-out = Sign out { $name }
base-language = Language

field-email = E-mail
field-name = Name
field-password = Password
action-save = Save

status-draft = draft
status-open = open
status-closed = closed

role-admin = admin
role-officer = officer
role-facilitator = facilitator
role-readonly = readonly

nav-workshop = Workshop

error-title = Error { $status }
error-not-found = Not found
error-not-allowed = Not allowed
error-too-large = Too large
error-went-wrong = Something went wrong
error-back = Back to consultations
error-unknown-language = The console is in English (en) or Welsh (cy) only.
error-length-required = a Content-Length header is required
error-upload-limit = uploads are limited to { $mb } MB
error-csrf = This form has expired or did not come from this site. Go back, reload and retry.
error-cannot-do = Your account cannot do this.
error-no-consultation = No such consultation, or it is not shared with you.
error-no-account = No such account.
error-facilitator-api = Facilitator accounts cannot use the API.
error-no-token = No such token.

flash-signed-out = You have signed out.
flash-not-changed = Not changed: { $reason }
error-no-quote = No such quote in this consultation.
error-no-answer = No such answer in this consultation.
error-not-in-consultation = Not found in this consultation.
# $reason is the input check's own (English) words.
error-form-field = The form field “{ $field }” { $reason }.
