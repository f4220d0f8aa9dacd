"""Interest-based personalisation domain: seeded generator of social users."""
