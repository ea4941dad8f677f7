"""Monet's models: churn risk (gradient-boosted trees exported to ONNX) and lifetime value (BG/NBD + Gamma-Gamma)."""
