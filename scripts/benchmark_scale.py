"""Command line: see vdp.tools.benchmark_scale (python scripts/benchmark_scale.py --help where it takes options)."""

import sys

from vdp.tools.benchmark_scale import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
