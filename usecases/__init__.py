"""Use cases below the front ends: the console, the REST API and the CLI call these.

Invitation waves, playback rounds, feedback publication, delivery to residents,
officer accounts and residents' links. Nothing here imports the console or the
composition root (`app`); front ends pass plain values in.
"""
