"""`python -m app.cli ...` runs `whatmatters ...` (the topology starts processes this way)."""

from app.cli.main import main

main()
