"""Background jobs: the queues (in-process and Redis), the theming jobs and the catalogue."""
