"""Command line: see vdp.site.links (python scripts/check_links.py --help where it takes options)."""

import sys

from vdp.site.links import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
