"""Makes `monet_ml` importable in the training tests, wherever pytest starts."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
