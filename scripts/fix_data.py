"""Command line: see vdp.checks.fix (python scripts/fix_data.py --help where it takes options)."""

import sys

from vdp.checks.fix import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
