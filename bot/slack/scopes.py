"""The bot scopes Rapport asks for: the manifest and the OAuth install flow both use this set.

tests/test_manifest.py checks it against the Web API methods the code calls and the events it
subscribes to, so a scope is never missing nor asked for without a use.
"""

BOT_SCOPES = frozenset(
    {
        "commands",  # /coffee, /intro and /event
        "chat:write",  # messages in DMs and channels
        "users:read",  # users.info (time zones, admin flags), the team_join and user_change events
        "users:read.email",  # users.lookupByEmail for roster rows given by email
        "channels:read",  # members of public coffee channels; the member_joined_channel event
        "groups:read",  # members of private coffee channels
        "channels:join",  # /coffee setup joins the channel it is run in; an admin's event announcement too
        "mpim:write",  # the group DM of each coffee group
        "mpim:history",  # after a crash, find whether an intro or check-in already went out
        "im:history",  # the message.im event; after a crash, whether an intern's recap already went out
        "im:write",  # opens an intern's DM to find (or post) their recap
        "files:write",  # the internship recap uploads a CSV of the intern's network
    }
)
