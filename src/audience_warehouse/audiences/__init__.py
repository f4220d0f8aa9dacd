"""Custom audiences domain: sample-data generator, lookalike fit."""
