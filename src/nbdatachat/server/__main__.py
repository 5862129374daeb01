"""``python -m nbdatachat.server serve|keys ...`` (same as ``nbdatachat serve|keys``)."""

import sys

from .cli import main

sys.exit(main())
