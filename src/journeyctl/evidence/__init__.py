"""Evidence: a journey map held against an event log of what customers actually did.

``patterns`` says which activities are evidence of which touchpoint, ``compute`` turns a
log (an Ibis table) into the numbers of :mod:`~journeyctl.evidence.results`, and
``durations`` reads the SLAs the numbers are held against (docs/evidence.md).
"""
