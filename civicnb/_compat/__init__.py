"""Every reliance of civicnb on an upstream project's private internals, one module per project."""
