"""semikg: a knowledge graph of the semiconductor industry built from Chinese-language news."""
__version__ = "0.1.0"
