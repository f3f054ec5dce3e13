"""The audit trail's checkpoints are public (page and API) for anyone to keep; nobody may change them."""

import base64
import json
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import call_command
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core import audit, audit_checkpoints
from commonweal.core.models import AuditCheckpoint
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("core:audit-checkpoints")
API = reverse("api:audit-checkpoints")


@pytest.fixture
def checkpoint():
    OrganisationFactory()
    audit.seal()  # signs the first checkpoint
    return AuditCheckpoint.objects.get()


@pytest.fixture
def self_made(db):
    """Someone who made their own account and organisation."""
    user = UserFactory()
    RoleFactory(user=user, organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def back_office(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_anyone_sees_the_checkpoints_and_the_public_key(client, sign_in, checkpoint, self_made):
    for viewer in (client, sign_in(self_made)):
        response = viewer.get(PAGE)
        page = response.content.decode()
        assert response.status_code == 200
        assert checkpoint.head_hash in page and checkpoint.signature in page
        assert audit_checkpoints.published_key()["public_key"] in page
        assert "commonweal audit verify --checkpoint" in page


def test_the_page_says_when_there_are_none_yet(client):
    response = client.get(PAGE)
    assert (
        response.status_code == 200 and "There are no checkpoints yet" in response.content.decode()
    )


def test_the_page_lists_fifty_at_a_time_newest_first(client):
    for seq in range(1, 52):
        audit_checkpoints.checkpoint_record(seq=seq, head_hash=f"{seq:064x}")
    first = client.get(PAGE).content.decode()
    assert f"{51:064x}" in first and f"{2:064x}" in first and f"{1:064x}" not in first
    second = client.get(PAGE, {"page": 2}).content.decode()
    assert f"{1:064x}" in second and f"{2:064x}" not in second


def test_nobody_may_change_checkpoints_through_the_page(client, sign_in, checkpoint, back_office):
    for viewer in (client, sign_in(back_office)):
        assert viewer.post(PAGE, {"seq": 1}).status_code == 405
    assert AuditCheckpoint.objects.count() == 1


def test_the_footer_links_to_the_checkpoints(client):
    assert f'href="{PAGE}"' in client.get(reverse("core:home")).content.decode()


# --- the API ---------------------------------------------------------------------


def test_anyone_lists_checkpoints_in_the_api_with_what_checks_them(
    api, token_for, checkpoint, self_made
):
    for token in (None, token_for(self_made)):
        response = api.get(API, token=token)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        [item] = body["results"]
        assert (item["seq"], item["hash"]) == (checkpoint.seq, checkpoint.head_hash)
        assert (
            item["signed_text"]
            == f"{item['origin']}\n{item['seq']}\n{item['hash']}\n{item['at']}\n"
        )
        # Anyone can check it with any Ed25519 library and the published key.
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(item["public_key"]))
        key.verify(base64.b64decode(item["signature"]), item["signed_text"].encode())


def test_a_checkpoint_saved_from_the_api_checks_the_live_trail(api, checkpoint, tmp_path):
    saved = tmp_path / "checkpoint.json"
    saved.write_text(json.dumps(api.get(API).json()["results"][0]))
    OrganisationFactory()
    audit.seal()
    out = StringIO()
    call_command("audit", "verify", "--checkpoint", str(saved), stdout=out)
    assert (
        out.getvalue().strip()
        == "Audit trail intact and matches the checkpoint: 1 entry after it checked."
    )


def test_the_api_pages_checkpoints_like_the_other_lists(api):
    for seq in range(1, 52):
        audit_checkpoints.checkpoint_record(seq=seq, head_hash=f"{seq:064x}")
    first = api.get(API).json()
    assert first["count"] == 51 and len(first["results"]) == 50 and first["results"][0]["seq"] == 51
    assert api.get(API, {"page": 2}).json()["results"][0]["seq"] == 1
    assert api.get(API, {"page": "two"}).status_code == 400
    assert api.get(API, {"page": 9}).status_code == 404


def test_nobody_may_change_checkpoints_through_the_api(api, token_for, checkpoint, back_office):
    for token in (None, token_for(back_office)):
        assert api.put(API, {"seq": 1}, token=token).status_code in (401, 405)
        assert api.patch(API, {"seq": 1}, token=token).status_code in (401, 405)
        assert api.client.delete(API).status_code in (401, 405)
        assert api.client.post(API, {}, content_type="application/json").status_code in (401, 405)
    assert AuditCheckpoint.objects.get() == checkpoint and AuditCheckpoint.objects.count() == 1


def test_the_back_office_shows_the_trail_read_only(sign_in, checkpoint, back_office):
    client = sign_in(back_office)
    for model in ("auditentry", "auditseal", "auditcheckpoint"):
        assert client.get(reverse(f"admin:core_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:core_{model}_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:core_auditcheckpoint_delete", args=[checkpoint.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditCheckpoint.objects.filter(pk=checkpoint.pk).exists()
