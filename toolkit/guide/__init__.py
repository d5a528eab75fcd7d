"""The guide feature: SKR's start-up, reference texts and materials beside the workshops."""
