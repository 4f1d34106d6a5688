"""prevcat plugin: the CrimeSolutions registry of the US National Institute of Justice."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)
