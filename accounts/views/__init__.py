"""The account pages (URL names in accounts/urls.py)."""
