"""Invitation waves: a CSV of numbers -> consented, paced SMS invitations."""
