"""What only translators and CI run: ``catalogue check``, harvesting misses, Babel plug-ins.

Nothing here is imported by :func:`catalogue.translate`; these modules may import
polib and Babel's ``messages`` package freely.
"""
