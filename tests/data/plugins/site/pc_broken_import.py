"""A test plugin that fails to import."""

import prevcat_dependency_that_is_not_installed  # noqa: F401
