"""`python -m cmdesk` runs the command line (and the GUI when given no command)."""

import sys

from cmdesk.launcher import program

sys.exit(program())
