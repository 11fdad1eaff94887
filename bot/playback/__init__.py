"""Playback rounds ("did we hear you right?") and feedback ("you said, we did")."""
