"""``python -m pulumi_tcmpp``: the same command line as the ``pulumi-tcmpp`` script."""

from pulumi_tcmpp.cli.main import main

raise SystemExit(main())
