"""The ``pulumi-tcmpp`` command line; nothing in the package imports it."""
