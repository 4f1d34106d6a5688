"""prevcat plugin: the Grüne Liste Prävention (CTC programme database, Lower Saxony)."""

from prevcat_gruene_liste.importer import GrueneListeImporter
from prevcat_gruene_liste.scales import GRUENE_LISTE_SCALE

__all__ = ["GRUENE_LISTE_SCALE", "GrueneListeImporter"]
