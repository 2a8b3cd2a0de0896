"""Command line: see vdp.tools.change_report (python scripts/change_report.py --help where it takes options)."""

import sys

from vdp.tools.change_report import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
