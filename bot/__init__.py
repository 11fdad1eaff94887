"""What Matters: the deployable service, its channels and the conversation engine."""
