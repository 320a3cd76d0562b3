"""The fake's packaged method reference is the distillation of the full copy in tests/data."""

from pathlib import Path

from bot.sandbox.fakeslack import reference

FULL_COPY = Path(__file__).resolve().parents[1] / "data" / "slack-reference" / "methods"


def test_packaged_methods_are_the_distilled_reference():
    import json

    packaged = json.loads(reference.METHODS_FILE.read_text(encoding="utf-8"))
    assert packaged == reference.distill(FULL_COPY)


def test_the_fake_knows_real_methods_and_refuses_made_up_ones():
    assert reference.method_spec("chat.postMessage")["args"]["channel"]["required"]
    assert reference.method_spec("chat.postMesage") is None
    assert reference.method_spec("../etc/passwd") is None
    assert reference.unknown_args("chat.postMessage", {"channel": "C1", "colour": "red"}) == ["colour"]
