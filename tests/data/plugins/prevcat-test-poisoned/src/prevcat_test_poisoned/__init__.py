"""A prevcat test plugin whose hook module fails on import."""
