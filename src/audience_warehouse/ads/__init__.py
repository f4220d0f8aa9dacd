"""Ads domain: the KAG conversion schema and its sample-data generator."""
