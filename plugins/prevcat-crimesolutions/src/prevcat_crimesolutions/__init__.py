"""prevcat plugin: the CrimeSolutions registry of the US National Institute of Justice."""

from prevcat.registry_plugin import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)
