"""A test plugin with a misspelled hook name."""

from prevcat import hookimpl


@hookimpl
def prevcat_register_importer(register):
    raise AssertionError("never called: prevcat has no hook of this name")
