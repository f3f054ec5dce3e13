"""Commissioning plans: from prioritised needs and agreed outcomes to the way the money will flow.

A plan pools budgets, records the people involved and how social value was considered, asks the
route advisor (routes.py, plain Python) which lawful ways to fund fit, checks proposed
requirements for barriers to small and local providers (barriers.py), shows the market and its
capacity (capacity.py), splits the work into lots and publishes the pipeline as open data.
"""
