"""The smallest valid journey, which the foundation tests vary one line at a time."""

MINIMAL = """\
journeyctl: 1
id: plumber
title: Booking a plumber
stages:
  - id: book
    name: Book
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    entry: true
    end: success
"""
