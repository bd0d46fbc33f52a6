import sys

from pathaudit.cli import main

sys.exit(main())
