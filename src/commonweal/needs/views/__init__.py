"""The needs pages, one module per part: the register, a need, its evidence, and managing it."""
