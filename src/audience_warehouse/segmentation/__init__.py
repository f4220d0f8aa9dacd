"""Customer segmentation domain: sample-data generator."""
