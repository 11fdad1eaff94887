"""Playback rounds: "did we hear you right?" to the residents who answered."""
