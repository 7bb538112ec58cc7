"""journeyctl: customer journey maps as version-controlled YAML."""

__version__ = "0.1.0"
