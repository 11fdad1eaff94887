# The resident-facing conversation (English). Every id here must exist in
# ../cy/conversation.ftl too; tests fail otherwise, and fail when a message
# (with a realistic consultation title) needs more than 2 SMS segments.
# Use straight quotes and apostrophes: a curly one forces UCS-2 on SMS.

## Starting

greeting = Hello! This is about "{ $title }". We'd love to hear what matters to you. We keep your answers safe and never share your name or number. Would you like to take part? Reply YES or NO. Text STOP at any time to stop.
# Used instead when the title would make the greeting longer than 2 SMS
# (a long title, or one with letters outside GSM-7 such as w-circumflex).
greeting-short = Hello! We'd love to hear what matters to you. We keep your answers safe and never share your name or number. Would you like to take part? Reply YES or NO. Text STOP at any time to stop.
ask-keyword = Hello! Which consultation are you replying to? Please text the keyword from your poster or letter.
ask-keyword-kept = Thank you, we've kept that. Which consultation is it for? Please text the keyword from your poster or letter.
unknown-keyword = Sorry, we don't recognise that word. Please check the keyword on your poster or letter and try again.
closed = Thank you for getting in touch. "{ $title }" has closed, so we can't take new answers now.
closed-short = Thank you for getting in touch. This consultation has closed, so we can't take new answers now.

## Consent

consent-reask = Sorry, I didn't catch that. Would you like to take part? Reply YES or NO.
consent-held = Thanks for your message. Before we keep it, would you like to take part? Reply YES or NO.
consent-refused = No problem. We won't keep anything you send. If you change your mind, reply YES.
consent-thanks = Thank you!

## Questions

# The follow-up, fitted to the open answer; { $topic } is in the resident's words.
follow-up-why = You mentioned { $topic } - why does that matter to you?
follow-up-change = You mentioned { $topic }. What one change would make the most difference to you?
probe-default = Why does that matter to you?
profile-intro = That helps a lot. Just a few optional questions about you.
choose-number = Reply with a number:
skip-hint = Reply SKIP if you'd rather not say.
not-understood = Sorry, I didn't catch that.
empty-message = Sorry, your message came through empty.
welcome-back = Hello again!

## Finishing

ask-feedback = That's everything, thank you! Would you like to hear what we found and what we do about it? Reply YES or NO.
feedback-reask = Would you like to hear what we found? Reply YES or NO.
feedback-yes = Great, we'll let you know. Thank you for your time!
feedback-no = That's fine. Thank you for your time!
extra-added = Thanks, we've added that to your answers.
already-done = Good to hear from you again! You've already answered, thank you. Anything to add? Just reply.

## Keywords

help = What Matters: we ask what matters to you, and we listen. Reply to carry on. Text STOP to stop, DELETE to erase your answers, CYMRAEG for Welsh.
opted-out = You won't get any more messages from us. Text START if you change your mind.
opted-in = Welcome back! You'll get our messages again. Text STOP at any time to stop.
language-set = OK, we'll carry on in English.
erase-confirm = Delete everything you've sent us, and your details? This can't be undone. Reply YES to delete or NO to keep it.
erased = Done. We've deleted your answers and your details. Thank you for your time.
erase-cancelled = OK, we've kept everything. Nothing has been deleted.
nothing-held = We don't hold any answers or details from you.

## Button labels

option-yes = Yes
option-no = No
option-skip = Skip
# What a button sends, and what the text asks residents to type.
option-yes-value = YES
option-no-value = NO
option-skip-value = SKIP
