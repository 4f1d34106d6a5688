"""prevcat plugin: the Blueprints for Healthy Youth Development registry."""
