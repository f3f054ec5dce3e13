"""Fair competitions (issue 14): tender and grant rounds, sealed bids, independent evaluation,
social value that cannot be gamed, abnormally low bids caught. So far its plain-Python rules only:
price scoring and the most advantageous tender (scoring.py), abnormally low bids (low_bids.py),
social value valued net of deadweight and attribution (social_value.py) and sealing bids with a
key per tender (sealing.py). The pages, models and services come next."""
