# Reasons the rules below the console give for refusing an edit (console/reasons.py) (English).

reason-name-empty = a theme name needs at least one word
reason-name-too-long = a theme name is at most { $limit } characters
reason-merge-target = merge into an active theme that is not 'other'
reason-merge-none = choose at least one other theme to merge
reason-merge-other = the 'other' bucket cannot be merged; move its answers instead
reason-split-parts = a split needs at least two parts
reason-split-empty = every part of a split needs at least one answer
reason-answer-elsewhere = answer { $answer } is not in this consultation
reason-seed-empty = give the seed theme a name or examples with words in them
reason-no-theme = no theme { $theme } in this consultation
reason-round-none = choose at least one theme
reason-round-too-many = a round offers at most { $limit } themes
reason-round-twice = a theme is listed twice
reason-round-inactive = not an active theme of this consultation: { $ids }
reason-round-open = round { $round } is still open: close it first
reason-bad-email = '{ $email }' is not an e-mail address
reason-account-exists = an account for { $email } already exists
reason-password-short = a password needs at least { $limit } characters
reason-no-redactor = quotes need the redactor installed
