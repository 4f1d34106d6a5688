"""A test plugin whose glossary gives a term of pc_glossary another concept."""

from prevcat import hookimpl


@hookimpl
def prevcat_register_glossary(register):
    register("sv", {"Testterm-Skola": "family", "testterm-föräldrar": "parent", "testterm-ny": "new"})
