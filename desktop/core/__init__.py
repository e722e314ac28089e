"""The domain, in pure Python. Nothing below this package may import Qt."""
