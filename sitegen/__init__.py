"""sitegen: comparative coverage microsites from several outlets' articles on one event."""

__version__ = "0.1.0"
