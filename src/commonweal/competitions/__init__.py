"""Fair competitions: tender and grant rounds from a commissioning plan, bids sealed even from the
database until the deadline, independent evaluation with residents on the panel, social value that
cannot be gamed, loss-leader bids caught, awards with standstill and open data (OCDS, 360Giving).
DEVELOPERS.md says where each piece is."""
