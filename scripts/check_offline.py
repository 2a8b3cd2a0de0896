"""Command line: see vdp.site.offline (python scripts/check_offline.py --help where it takes options)."""

import sys

from vdp.site.offline import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
