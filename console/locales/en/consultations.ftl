# A consultation's overview, its form, the poster and sharing (English).

subnav-label = Consultation
subnav-overview = Overview
subnav-answers = Answers
subnav-themes = Themes
subnav-quotes = Quotes
subnav-quality = Quality check
subnav-found-out = What we found out
subnav-import = Import answers
subnav-invitations = Invitations
subnav-playback = Did we hear you right?
subnav-responses = What we are doing
subnav-trends = Across rounds
subnav-exports = Exports

action-back = Back
not-yet = not yet

consultation-edit = Edit
consultation-reach = How residents take part
consultation-text-before = Text
consultation-text-after = to the council's number.
consultation-web-chat = Web chat:
consultation-poster = Printable poster with QR code
consultation-poster-codes = Printable poster with QR codes
consultation-counts = { $conversations ->
        [one] { $conversations } conversation
       *[other] { $conversations } conversations
    }
consultation-answers = { $count ->
        [one] answer
       *[other] answers
    }
consultation-open = Open for answers
consultation-close = Close
consultation-questions = Questions
consultation-results = Published results:
consultation-no-link = no link yet
consultation-add-link-before = ; add it when you publish
consultation-add-link-link = what we found out

question-kind-open = open
question-kind-probe = probe
question-kind-choice = choice
question-kind-ward = ward
question-kind-age_band = age band

your-voice = Your Voice
your-voice-why = Why are we doing this?
your-voice-want-to-know = What do we want to know?
your-voice-found-out = What we found out
your-voice-difference = What difference has it made?

feedback-heading = "You said, we did" feedback
feedback-col-queued = Queued
feedback-col-sections = Sections
feedback-col-finished = Finished sending
feedback-col-messaged = Messaged
feedback-col-waiting = Waiting
feedback-col-failed = Failed
feedback-col-opted-out = Opted out
feedback-col-moved = Moved to a later version
feedback-col-action = Action
feedback-section-found-out = what we found out
feedback-section-difference = what difference it made
feedback-resume = Resume sending
feedback-none = No feedback yet.
feedback-none-publish-before = Publish
feedback-none-publish-after = and tick "Tell the people who asked to hear back".
feedback-times-hint = Times are UTC. Waiting messages go out at the usual rate outside quiet hours; if sending stopped (quiet hours, a restart), Resume sending carries on without messaging anyone twice.

shares-heading = Shared with
shares-owner = (owner)
shares-remove = remove
shares-with = Share with (e-mail of an existing account)
shares-submit = Share

form-edit-title = Edit { $title }
form-edit-heading = Edit consultation
form-not-saved = Not saved: { $reason }
form-routing = Title and routing
form-title-en = Title (English)
form-title-cy = Title (Welsh)
form-keyword = SMS keyword
form-keyword-hint = Letters and digits, e.g. BUSES
form-slug = Short name for links (optional)
form-slug-hint = Used in web and Telegram links; cannot change later
form-department = Department
form-opens = Opens on
form-closes = Closes on
form-results-url = Link to the published results (optional)
form-results-url-hint = The council web page with the results, e.g. https://www.wrexham.gov.uk/... People who asked to hear back get this link instead of a summary.
form-open-en = Open question (English)
form-open-cy = Open question (Welsh)
form-probe-en = Follow-up (English; leave both blank for none)
form-probe-cy = Follow-up (Welsh)
form-ask-ward = Ask for ward or postcode area (residents can skip)
form-ward-en = Ward question (English)
form-ward-cy = Ward question (Welsh)
form-ask-age = Ask for age band (residents can skip)
form-age-en = Age question (English)
form-age-cy = Age question (Welsh)
form-create = Create consultation

poster-title = Poster: { $title }
poster-print = Print this page for a poster (A4).
poster-text = Text
poster-web-chat = Web chat
poster-qr-web = QR code for the web chat
poster-qr-telegram = QR code to open Telegram

error-no-link = No { $target } link is configured for this consultation.
error-not-shared = This consultation is not shared with that account.
flash-consultation-created = Consultation created as a draft. Open it when you are ready.
flash-saved = Saved.
flash-consultation-draft = The consultation is now draft.
flash-consultation-open = The consultation is now open.
flash-consultation-closed = The consultation is now closed.
flash-no-such-account = No account uses { $email }. An administrator can add one.
flash-shared-admin = Shared with { $email } (admin).
flash-shared-officer = Shared with { $email } (officer).
flash-shared-facilitator = Shared with { $email } (facilitator).
flash-shared-readonly = Shared with { $email } (readonly).
flash-unshared = No longer shared.
consultation-web-qr-alt = QR code that opens the web chat
consultation-web-qr-download = Download the web chat QR code

# A consultation's own words for redaction (consultation form).
form-redaction = Names and places in quotes
form-places-to-keep = Places to keep
form-places-to-keep-hint = One a line: estates, shopping centres, landmarks, house and street names that the name finder may take for people (Caia Park, Eagles Meadow). The ward names count already. A person's name that holds one is still hidden.
form-words-to-hide = Words to hide
form-words-to-hide-hint = One a line: staff names, small businesses, anything that points at one person. They are hidden as [redacted] in every quote, theme, export and API answer, even inside a place to keep.
field-places-to-keep = Places to keep
field-words-to-hide = Words to hide
words-too-long = { $field }: “{ $phrase }” is longer than { $limit } characters.
words-too-short = { $field }: “{ $phrase }” needs at least two letters or digits.
words-too-many = { $field }: at most { $limit } entries, one a line.
flash-words-requeued = { $count ->
    [one] One approved quote went back to the queue: it showed a word to hide or a place no longer kept.
   *[other] { $count } approved quotes went back to the queue: they showed a word to hide or a place no longer kept.
}
