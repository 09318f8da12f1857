"""The advisor assistant: pipeline, model, training, audit store and CLI."""

__version__ = "0.1.0"
