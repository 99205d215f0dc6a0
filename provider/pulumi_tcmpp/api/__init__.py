"""The TCMPP API, described once: one request model per action, one model per data type."""
