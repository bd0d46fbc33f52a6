"""What each government CMS family renders differently, one module per family."""
