"""Command modules of the ``prevcat`` CLI; each exports ``COMMANDS``."""
