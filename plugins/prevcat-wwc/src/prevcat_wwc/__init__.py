"""prevcat plugin: the What Works Clearinghouse (US Department of Education) intervention reports."""

from prevcat_wwc.importer import WwcImporter
from prevcat_wwc.registry import SCALE

__all__ = ["SCALE", "WwcImporter"]
