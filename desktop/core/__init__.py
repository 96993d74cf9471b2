"""The domain: services (every change goes through them), rules and Vietnamese text. No Qt."""
