"""Data that crosses a boundary: what the walk observed, the findings contract, reason codes."""
