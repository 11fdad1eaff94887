# "Did we hear you right?": playback rounds and their results (English).

playback-round = Round { $round } · { $status ->
        [open] open
       *[closed] closed
    }
playback-opened = Opened { $opened }
playback-closed-at = , closed { $closed }
playback-sent = Sent to { $sent }; { $replied } replied.
playback-caption = Which matters most (share of people who replied, 95% interval)
playback-col-votes = Votes
playback-col-share = Share
playback-col-interval = 95% interval
playback-missed = "You missed something"
playback-missed-themes = Themes of what we missed:
playback-fewer-than = fewer than { $threshold }
playback-by-ward = By ward
playback-by-age = By age band
playback-table-caption = { $title }: votes per theme number (small groups hidden: "–")
playback-col-group = Group
playback-close = Close round { $round }
playback-none = No playback rounds yet.
playback-open-heading = Open a round
playback-legend = Themes to play back (up to { $max }; numbered in this order)
playback-no-themes = No themes yet: theme the answers first.
playback-open = Open the round
playback-col-published = Published
playback-col-sent = Sent
playback-col-people = People
playback-no-feedback = No feedback sent yet. Publish "What we found out" and tick "Tell the people who asked to hear back"; progress shows on the consultation's overview.

flash-round-not-opened = Round not opened: { $reason }.
flash-round-opened = Round { $round } opened. Send it on the server with `{ $command }`.
flash-round-closed = Round { $round } closed.
flash-no-round = No round was open.
