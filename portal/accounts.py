from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Partner accounts are created by invitation from hub staff; nobody signs up on their own."""

    def is_open_for_signup(self, request):
        return False
