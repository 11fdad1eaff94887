# "What we found out", its draft for residents, feedback, and the quality check (English).

draft-intro = We received { $total ->
        [one] { $total } answer
       *[other] { $total } answers
    }. The main themes were:
draft-theme = - { $label }: { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    } ({ $share }%).
draft-other = { $share }% of answers did not fit a clear theme.

found-out-published = This is the published text.
found-out-redraft = Start again from a fresh draft
found-out-draft = A draft built from the themes, their counts and approved quotes. Edit it, then publish it to the consultation record.
found-out-field-found-out-en = What we found out (English)
found-out-field-found-out-cy = What we found out (Welsh)
found-out-field-difference-en = What difference it has made (English)
found-out-field-difference-cy = What difference it has made (Welsh)
found-out-link-hint = The page on the council's website with these results, e.g. https://www.wrexham.gov.uk/... With a link, each message is short: the link instead of a summary.
found-out-you-said = "You said, we did"
found-out-notify = Tell the { $count } { $count ->
        [one] person
       *[other] people
    } who asked to hear back
found-out-notify-hint = Each gets one short message in their language: with a link, the link; without one, by SMS a summary of at most two texts. By SMS it ends with how to stop. Sent at the usual rate, never in quiet hours.
found-out-already-told = { $count } { $count ->
        [one] person who asked was already told and is
       *[other] people who asked were already told and are
    } not messaged again for an edit; adding "what difference it has made" for the first time is news, and tells everyone who asked.
found-out-no-sender = No SMS or Telegram sender is configured on this server: only web chat (simulator) phones are reached now; everyone else waits until one is configured and you press Resume sending.
found-out-nobody = Nobody has asked to hear back yet, so publishing messages nobody.
found-out-publish = Publish
found-out-too-long = { $fields } is longer than { $limit } characters. Shorten it and publish again.
found-out-not-published = Not published: { $reason }

quality-intro = Choose the theme you would give each answer in this random sample, without looking at the automatic theme. The page then shows how often the automatic themes agree with you.
quality-coded = answers coded.
quality-agreement = Agreement (accuracy):
quality-interval = 95% confidence interval
quality-hint = Intervals from 1,000 bootstrap resamples of the coded answers; code more answers to narrow them.
quality-your-theme = Your theme
quality-not-coded = (not coded)
quality-none-of-these = None of these
quality-save = Save codes

error-no-publication = No such feedback publication for this consultation.
flash-published = Published to the consultation record.
flash-nobody-messaged = Nobody was messaged.
flash-nothing-to-tell = Nothing to tell people yet, so nobody was messaged.
flash-nobody-new = Nobody new to tell: everyone who asked to hear back already has.
flash-feedback-not-queued = Feedback for { $count ->
        [one] { $count } person
       *[other] { $count } people
    } is saved but could not be queued for sending: press Resume sending below when the server is back.
flash-feedback-queued = Feedback queued for { $count ->
        [one] { $count } person
       *[other] { $count } people
    }. It goes out at the usual sending rate, never in quiet hours.
flash-nobody-waiting = Nobody is waiting for this feedback.
flash-codes-saved = Codes saved.

url-too-long = The link to the published results is { $length } characters long; it can be at most { $limit }.
url-spaces = The link to the published results contains spaces: copy the whole address from the browser's address bar.
url-not-an-address = The link to the published results is not a web address such as https://www.wrexham.gov.uk/your-voice/results.
url-not-whole = The link to the published results must be a whole web address starting with https://, such as https://www.wrexham.gov.uk/your-voice/results.
url-no-site = The link to the published results has no website name in it, such as https://www.wrexham.gov.uk/your-voice/results.
url-credentials = The link to the published results must not contain a user name or password.

# "What we are doing": the council's response to each theme, and the draft it makes.
responses-heading = What we are doing about each theme
responses-intro = Record the council's response to each theme: the decision, the service that owns it, how far it has got and when. These responses draft the “What difference it made” section and are served by the API at
responses-draft-link = Draft “What difference it made” from these responses
responses-caption = Themes and the council's response (largest theme first)
responses-col-decision = Decision
responses-col-owner = Owner
responses-col-status = Status
responses-col-date = Date
responses-col-actions = Actions
responses-theme-gone = (theme merged or removed since)
responses-none-yet = No response yet
responses-edit = Edit
responses-respond = Respond
responses-no-themes = No themes yet: theme the answers first.
response-decision-will-do = Will do
response-decision-already-doing = Already doing
response-decision-not-doing = Considered, not doing
response-decision-passed-on = Passed to another body
response-status-planned = Planned
response-status-in-progress = In progress
response-status-done = Done
response-status-closed = Closed (not ours to act on)
response-title = Response to { $theme }
response-heading = The council's response to “{ $theme }”
response-detail-en = What the council will do, is doing, or why not (English)
response-detail-cy = What the council will do, is doing, or why not (Welsh)
response-owner = Service that owns it
response-passed-to = Passed to (for “Passed to another body”)
response-date = Due or done (date)
response-save = Save the response
response-remove = Remove this response
flash-not-saved = Not saved: { $reason }
flash-response-saved = Response to “{ $theme }” saved.
flash-response-removed = Response removed.
error-no-response = That theme has no response to remove.
difference-draft-title = Draft: what difference it made
difference-draft-heading = Draft “What difference it made”
difference-draft-intro = Drafted from the responses to each theme. Edit it, then save: it replaces the consultation's “What difference it made” text. Nothing is sent until you publish it from “What we found out”.
difference-draft-save = Save as “What difference it made”
flash-difference-saved = Saved as “What difference it made”. Publish it from “What we found out” to tell people.

# Themes across rounds and years.
trends-heading = Themes across rounds and years
trends-across-rounds = Themes across rounds
trends-intro = Link this consultation to earlier ones (last year's, the previous round). Themes are matched by meaning; confirm each match, or refuse it and match by hand. Shares are of each round's themed answers, so rounds of different sizes compare fairly.
trends-caption = This consultation's themes beside earlier rounds (trend against the most recent)
trends-col-now = Now
trends-col-trend = Trend
trends-suggested = Suggested (similarity { $score })
trends-confirm = Confirm
trends-refuse = Not the same
trends-refuse-which = theme: { $theme } and { $earlier }
trends-gone = Raised in { $round }, not this time
trends-then = { $count } then
trends-refresh = Suggest matches again (after a regroup)
trends-own-theme = This consultation's theme
trends-same-as = is the same as { $round }'s
trends-match-by-hand = Match by hand
trends-unlink = Unlink { $round }
trends-not-linked = Not linked to an earlier consultation yet.
trends-link-heading = Link an earlier consultation
trends-follows-on = This consultation follows on from
trends-link = Link and suggest matches
flash-not-linked = Not linked: { $reason }
flash-linked = Linked. Check the suggested matches below.
error-no-round-link = No such link for this consultation.
flash-link-removed = Link removed.
flash-matches-suggested = { $count ->
        [one] { $count } match suggested
       *[other] { $count } matches suggested
    }; your confirmed and refused matches are kept.
error-confirm-or-refuse = Confirm or refuse a match.
flash-match-confirmed = Match confirmed.
flash-match-refused = Match refused.
flash-not-matched = Not matched: { $reason }
flash-matched = Matched.

# The blind coding check and its accuracy statement.
quality-blind-intro = Give each answer in this sample its main theme, and tick any further themes you see in it. You do not see the automatic themes or other officers' codes: code blind, then the consultation's accuracy statement appears.
quality-you-coded = You have coded { $coded } of { $count } { $count ->
        [one] answer
       *[other] answers
    }.
quality-sample-size = Sample size
quality-new-sample = Draw a new sample
quality-main-theme = Main theme
quality-also-about = Also about
quality-further-themes = Further themes of this answer
flash-new-sample = A new sample of { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }, spread over the themes.
accuracy-heading = Accuracy statement
accuracy-col-compared = Compared
accuracy-col-kappa = Cohen's kappa (95% CI)
accuracy-col-f1 = Multi-theme F1 (95% CI)
accuracy-automatic = Automatic themes
accuracy-officer = Officer { $letter }

# Targeted "you said, we did" on the responses page.
targeted-heading = Tell residents what we are doing about their themes
targeted-intro = Residents who asked to hear back get one message about every theme their own answers are in, with the council's full response to the { $count } they said most about and the decision on the others (by text message, just how many others when there is no room), in their language and on the channel they used, then the link to the results. Nobody is told about the same theme twice.
targeted-audience = { $count ->
        [0] Nobody new to tell right now.
        [one] { $count } resident would be messaged.
       *[other] { $count } residents would be messaged.
    }
targeted-publish = Send the responses to residents
targeted-none-to-publish = Record a response to at least one theme first.
targeted-caption = Sent on { $published }: residents told about each theme
targeted-resume = Resume sending
flash-targeted-nothing = No theme has a response yet, so nobody was messaged.
flash-targeted-same = These responses were already sent: nobody new to tell. Anyone still waiting is listed below.
flash-targeted-nobody = Saved, but nobody needs a message: no resident who asked to hear back is in a theme with a response they have not heard.
flash-targeted-preparing = Responses saved. The messages are being prepared and go out at the usual sending rate, never in quiet hours; the counts below fill in as they do.
flash-targeted-not-queued = Responses saved, but the messages could not be queued: press Resume sending below when the server is back.
targeted-preparing = Preparing the messages: working out which residents hear about which theme.
