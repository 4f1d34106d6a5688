"""prevcat plugin: the Grüne Liste Prävention (CTC programme database, Lower Saxony)."""

from prevcat.plugins import RegistryPlugin

plugin = RegistryPlugin.from_package(__name__)

from prevcat_gruene_liste.rules import GRUENE_LISTE_SCALE, GrueneListeImporter  # noqa: E402

__all__ = ["GRUENE_LISTE_SCALE", "GrueneListeImporter", "plugin"]
