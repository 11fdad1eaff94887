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
