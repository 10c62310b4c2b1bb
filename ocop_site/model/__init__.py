"""The validated object graph every target renders from."""
