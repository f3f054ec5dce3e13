"""(Being written in this session.)"""


def load(*, places, organisations, save) -> dict[str, int]:
    return {"people": 0}
