"""prevcat plugin: the CrimeSolutions registry of the US National Institute of Justice."""
