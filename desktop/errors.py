"""The one exception type that carries a message meant for the user."""


class UserError(Exception):
    """A problem the user can fix; `str(error)` is one translated sentence saying what to do."""
