# Answers, the theme board, one theme, charts and the quotes queue (English).

chart-hidden = hidden
chart-no-answers = No answers yet.
chart-time-desc = { $total } answers between { $first } and { $last }, peak { $peak } a day
chart-heatmap-desc = { $rows } themes by { $columns } categories; hidden cells protect privacy
chart-answers-per-theme = Answers per theme
chart-answers-per-day = Answers per day
chart-themes-by = Themes by { $dimension }
dimension-ward = ward
dimension-age-band = age band
dimension-channel = channel
dimension-language = language
breakdown-not-given = not given

answers-redacted = Personal details are removed before anything is shown here.
answers-col-received = Received (UTC)
answers-col-channel = Channel
answers-col-answer = Answer
answers-older = Older answers

# The noun after a number the page prints itself (often in <strong>).
themes-answers = { $count ->
        [one] answer
       *[other] answers
    }
themes-count = { $count ->
        [one] { $count } theme
       *[other] { $count } themes
    }
themes-other = "Other / unclear":
themes-of-answers = of answers
themes-none = No themes yet. Themes appear as answers arrive and are grouped in the background.
themes-refit = Regroup all answers now
themes-heading = The themes
themes-outliers = outliers
themes-codebook = codebook
themes-rename-or-merge = Rename or merge
themes-new-name-en = New name
themes-new-name-cy = New name in Welsh (for Welsh-speaking residents)
themes-rename = Rename
themes-merge-into = Merge into
themes-merge = Merge
themes-show-by = Show by:
themes-suppression-hint = Counts from 1 to { $most } are hidden, with any others that would let them be worked out, so nobody can be singled out.
themes-as-table = The same numbers as a table
themes-col-theme = Theme
themes-col-all = All
themes-nothing-to-break-down = Nothing to break down yet.
themes-seed-heading = Add a codebook theme
themes-seed-name = Theme name
themes-seed-name-cy = Theme name in Welsh (for Welsh-speaking residents)
themes-seed-examples = Example answers, one a line
themes-seed-submit = Add theme

theme-all = All themes
theme-showing = (showing { $shown })
theme-split-legend = Split this theme
theme-split-hint = Name two parts and choose a part for the answers below; answers left unchosen go to the part closest in meaning.
theme-part-name = Part { $part } name
theme-part-name-cy = Part { $part } name in Welsh
theme-split = Split
theme-col-part = Split part
theme-col-quote = Quote
theme-col-move = Move to
theme-pinned = pinned
theme-part-for = Split part for answer { $answer }
theme-unpin = Unpin
theme-pin = Pin as quote
theme-move-label = Move answer { $answer } to
theme-move = Move
theme-no-answers = No answers in this theme.

quotes-heading = Quotes to approve
quotes-intro = Only approved quotes appear in workshops, reports and exports. Check each one for anything that could identify someone: the highlighted words are hidden as shown in
quotes-quote = Quote { $id }
quotes-no-theme = No theme
quotes-source-representative = representative
quotes-source-officer_pick = officer's pick
quotes-will-show = Will show:
quotes-originals = Original words and redactions
quotes-show-again = Show “{ $text }” ({ $kind }) again
quotes-also-hide = Also hide these words
quotes-as = As
quotes-change = Change redaction
quotes-approve = Approve
quotes-reject = Reject
quotes-none = No quotes are waiting.
quotes-more = { $count } more after these.
quotes-approved = Approved ({ $count })

span-name = name
span-phone = phone
span-email = email
span-postcode = postcode
span-nino = nino
span-nhs_number = nhs_number
span-card = card
span-date_of_birth = date_of_birth
span-address = address
span-url = url
span-handle = handle
span-vehicle_reg = vehicle_reg
span-bank_account = bank_account
span-redacted = redacted

flash-no-quote = No such quote.
flash-quote-approved = Approved: it can now appear in workshops and exports.
flash-quote-rejected = Rejected: it will not be shown.
flash-not-in-answer = “{ $needle }” is not in that answer.
flash-redaction-changed = Redaction changed; the quote needs approving again.
flash-theme-renamed = Theme renamed.
flash-welsh-name-needed = Not changed: give the theme a Welsh name too, for Welsh-speaking residents.
flash-theme-merged = Merged into “{ $label }”.
flash-theme-split = Theme split in two.
flash-unpinned = Unpinned.
flash-pinned = Pinned. The quote waits in the approval queue until someone approves it.
flash-answer-moved = Answer moved.
flash-seed-added = Codebook theme added; it collects matching answers from the next refit.
flash-theming-off = Theming is not running on this server.
flash-regrouping = Regrouping the answers now; reload this page in a minute.
error-no-theme = No such theme in this consultation.
flash-recut-done = { $broad } broad themes (the default is { $default }).

# Moderation flags on answers and quotes (kinds from nlp/moderation/flags.py).
answers-spam-left-out = { $count } left out of themes as spam
answers-all = All answers
answers-flagged = Flagged:
answers-show = Show
flag-abuse = abuse
flag-spam = spam
flag-identifying = identifying
flag-clear-abuse = Not abuse
flag-clear-spam = Not spam
flag-clear-identifying = Not identifying
flag-restore-abuse = Restore abuse
flag-restore-spam = Restore spam
flag-restore-identifying = Restore identifying
quotes-check-first = Check before approving:
quotes-flagged-show = Flagged quote: show
theme-sub-themes = Sub-themes:
flash-no-answer = No such answer.
flash-flag-cleared = The { $kind ->
        [abuse] abuse
        [spam] spam
       *[other] identifying
    } flag is cleared; themes follow at the next refit.
flash-flag-restored = The { $kind ->
        [abuse] abuse
        [spam] spam
       *[other] identifying
    } flag is back; themes follow at the next refit.

# The theme tree: broad themes and sub-themes on the board.
theme-sentiment = Critical { $critical }% · mixed { $mixed }% · positive { $positive }%
tree-progress = Theming new answers: { $step ->
        [embedding] reading them
        [grouping] grouping
        [tree] building the tree
        [quotes] choosing quotes
       *[other] { $step }
    } { $done } of { $total }
tree-reload = Reload to see it move.
tree-showing = Showing:
tree-broad = broad themes
tree-sub = sub-themes
tree-default = default { $default } broad
tree-default-asked = default { $default } broad; you asked for about { $asked }
tree-overlap = Some answers name more than one theme and count in each, so the shares add up to more than 100%.
tree-about-broad = About how many broad themes?
tree-about-sub = About how many sub-themes?
tree-regroup = Regroup
tree-back-to-default = Back to the default
flash-tree-choose-level = Not changed: choose broad themes or sub-themes.
flash-tree-say-how-many = Not changed: say about how many themes you want.
flash-regrouping-sub = Regrouping into about that many sub-themes; reload this page in a minute.
quotes-requeued-words-to-hide = Back for a new decision: this consultation's words to hide now cover part of it, so it is not shown until you approve it again.
quotes-requeued-places-removed = Back for a new decision: it shows a place this consultation no longer keeps, which may be someone's name, so it is not shown until you approve it again.
