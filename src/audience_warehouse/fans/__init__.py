"""Know-your-fans domain: sample-data generator."""
