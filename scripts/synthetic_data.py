"""Command line: see vdp.tools.synthetic_data (python scripts/synthetic_data.py --help where it takes options)."""

import sys

from vdp.tools.synthetic_data import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
