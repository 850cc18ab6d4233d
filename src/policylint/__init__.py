"""policylint: check a product's data inventory against its privacy policy."""

__version__ = "0.1.0"
