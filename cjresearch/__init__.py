"""cjresearch: customer-journey research toolkit."""
__version__ = "0.1.0"
__all__ = ["__version__"]
