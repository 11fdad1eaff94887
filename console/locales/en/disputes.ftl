# "Did we hear you right?": residents' verdicts on the themes they were put in (English).

disputes-heading = Did we hear you right?
disputes-rule = Residents were shown the themes their own answers were put in. A theme is marked disputed when at least 3 replied about it, at least 2 said "not what I meant", and they are at least a third of the replies. "Partly" means right but incomplete, and does not mark a theme.
disputes-col-replies = Replies
disputes-col-agree = Agree
disputes-col-partly = Partly
disputes-col-not-meant = Not what I meant
disputes-col-corrections = In their own words (personal details removed)
disputes-disputed = Disputed: review
disputes-gone = deleted or split since
playback-kind-legend = What to ask
playback-kind-vote = Which of these themes matters most? (everyone sees the same themes)
playback-kind-check = Did we hear you right? (each person sees the themes their own answers were put in, and says yes, partly or no)
playback-check-round = Each person was asked about the themes their own answers were put in; the verdicts are on the theme board.
