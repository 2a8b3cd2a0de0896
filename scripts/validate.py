"""Command line: see vdp.checks.validate (python scripts/validate.py --help where it takes options)."""

import sys

from vdp.checks.validate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
