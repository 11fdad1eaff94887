"""Flags on residents' answers: abuse, spam and details that identify someone, with reasons.

from nlp.moderation import check
check("the only chemist in Llay overcharges me")
# [Flag(kind="identifying", reason="'the only ...' in a place points at one person")]
"""

from nlp.moderation.flags import ABUSE, HIDDEN_KINDS, IDENTIFYING, KINDS, SPAM, Flag, check, kinds

__all__ = ["ABUSE", "HIDDEN_KINDS", "IDENTIFYING", "KINDS", "SPAM", "Flag", "check", "kinds"]
