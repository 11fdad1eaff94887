"""Sending messages to residents: pacing, quiet hours and the per-channel deliverers."""
