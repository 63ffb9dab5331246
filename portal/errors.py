class DomainError(Exception):
    """A business rule said no. Each app's errors derive from one subclass of this; ``message`` (translatable)
    is shown to the person as it is, so it must make sense to them."""

    message = ""

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))
