"""The channel-agnostic dialogue: one engine every channel feeds InboundMessages into."""
