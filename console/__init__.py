"""Officer web console, REST API, exports and workshop pages."""
