"""Binance USDⓈ-M Futures error messages, re-rendered in the user's language."""
