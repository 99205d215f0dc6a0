"""Pulumi dynamic providers for the Tencent Cloud Mini Program Platform (TCMPP / TCSAS)."""
