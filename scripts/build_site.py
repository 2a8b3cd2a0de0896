"""Command line: see vdp.site.build (python scripts/build_site.py --help where it takes options)."""

import sys

from vdp.site.build import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
