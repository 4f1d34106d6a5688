"""prevcat plugin: the Blueprints for Healthy Youth Development registry."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)
