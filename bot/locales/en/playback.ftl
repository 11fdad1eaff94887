# Playback rounds ("did we hear you right?") and feedback ("you said, we did"), English.
# Every id must exist in ../cy/playback.ftl too. GSM-7 only: straight quotes, no curly ones.

playback-intro = We heard these things matter most:
playback-question = Which matters most to you? Reply with a number, or tell us what we missed.
playback-question-short = Reply with a number, or tell us what we missed.
# Telegram and the web chat show the themes as buttons.
playback-question-buttons = Which matters most to you? Tap one, or tell us what we missed.
playback-stop = Text STOP to opt out.
playback-thanks = Thank you. We have noted your choice.
playback-thanks-both = Thank you. We have noted your choice and what you told us.
playback-thanks-missed = Thank you. We will add what you told us to what everyone else said.
playback-out-of-range = Please reply with a number from 1 to { $count }, or tell us what we missed.
playback-closed = Thank you. This round has closed, so we could not count your choice.
playback-closed-kept = Thank you. This round has closed, but we have kept what you told us.
feedback-intro = You said, we did: { $title }.
feedback-intro-short = You said, we did.
feedback-link = Read what we found out and what changed: { $link }
feedback-found-out = We found out: { $text }
feedback-difference = What changed: { $text }
# A second reply of choices only while the round is open, or a button pressed twice.
playback-added = Thank you. We have added that to your choice.
playback-already = Thank you. We already have your choice for this round.
