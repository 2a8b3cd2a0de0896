"""Command line: see vdp.tools.audit_sample (python scripts/audit_sample.py --help where it takes options)."""

import sys

from vdp.tools.audit_sample import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
