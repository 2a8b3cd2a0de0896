"""Command line: see vdp.tools.benchmark_site."""

import sys

from vdp.tools.benchmark_site import main

if __name__ == "__main__":
    sys.exit(main())
