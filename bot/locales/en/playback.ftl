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
# "Did we hear you right?" per person: the themes their own answers were put in.
check-intro = Did we hear you right? We put what you told us under: { $themes }.
check-question = Reply YES, PARTLY or NO, and tell us in your own words what you meant.
check-question-short = Reply YES, PARTLY or NO, and what you meant.
# Telegram and the web chat show the three answers as buttons.
check-question-buttons = Is that right? Tap an answer, or tell us in your own words what you meant.
check-yes = Yes
check-partly = Partly
check-no = Not what I meant
check-thanks = Thank you for checking.
check-thanks-kept = Thank you. We have kept what you meant, in your own words.
# After "partly" or "no" without words: one gentle invitation, no pressure.
check-tell-us = Thank you. If you like, tell us in a few words what you meant.
check-again = Sorry, we did not catch that. Please reply YES, PARTLY or NO, and what you meant.
check-unclear-kept = Thank you. We have kept what you told us.
