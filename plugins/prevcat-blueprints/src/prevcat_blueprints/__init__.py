"""prevcat plugin: the Blueprints for Healthy Youth Development registry."""

from prevcat.registry_plugin import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)
