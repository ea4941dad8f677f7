"""Makes `monet_ml` importable in the training tests, wherever pytest starts, and lends them the warehouse tests'
throwaway gateway (`gateway_url`)."""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_spec = importlib.util.spec_from_file_location("monet_warehouse_conftest", HERE.parents[1] / "warehouse" / "conftest.py")
_warehouse = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_warehouse)
gateway_url = _warehouse.gateway_url
