# Targeted "you said, we did": a resident hears the council's response to the themes their own
# answers are in, one line each. Every id must exist in ../cy/feedback_themes.ftl too.
# GSM-7 only: straight quotes, no curly ones.

themes-feedback-intro = You told us what matters about { $title }. Here is what we are doing:
themes-feedback-intro-short = You said, we did:
themes-feedback-line = - { $label }: { $decision }
themes-feedback-will-do = we will do this.
themes-feedback-already-doing = we are already doing this.
themes-feedback-not-doing = we are not doing this.
themes-feedback-passed-on = we have passed this to { $body }.
themes-feedback-link = More: { $link }
themes-feedback-more = And { $count } more things you raised.
