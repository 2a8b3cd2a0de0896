"""Command line: see vdp.tools.serve (python scripts/serve.py --help)."""

import sys

from vdp.tools.serve import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
