"""The walk: mandated paths folded into a plan, and the choice of the link a person would click."""
