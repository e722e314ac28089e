"""Qt widgets that show core objects and route user input to them."""
