"""``python -m nbdatachat ...`` runs the ``nbdatachat`` command (see :mod:`nbdatachat.cli`)."""

import sys

from .cli import main

sys.exit(main())
