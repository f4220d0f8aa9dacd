"""Techniques that know no domain.

Scaling, KMeans with k selection, Ward, the Poisson GLM, the classifier
harness, explicit model inputs, and the "parameters as rows" helpers with
the reference functions the SQL assignment is checked against. Nothing here
names a domain's column or opens a file or a database.
"""
