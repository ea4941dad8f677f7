"""Entry of `npm run ml:train` and `npm run ml:evaluate` (see ml/README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from monet_ml.cli import main  # noqa: E402

sys.exit(main())
