"""Feedback publication: "you said, we did" to those who asked to hear back."""
