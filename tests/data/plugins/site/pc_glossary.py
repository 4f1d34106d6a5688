"""A test plugin registering glossary terms."""

from prevcat import hookimpl


@hookimpl
def prevcat_register_glossary(register):
    register("sv", {"testterm-föräldrar": "parent", "testterm-skola": "school"})
    register("de", {"testterm-Eltern": "parent"})
