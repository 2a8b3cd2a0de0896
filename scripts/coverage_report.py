"""Command line: see vdp.site.coverage."""

import sys

from vdp.site.coverage import main

if __name__ == "__main__":
    sys.exit(main())
