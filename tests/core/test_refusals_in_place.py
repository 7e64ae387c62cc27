"""A refused in-page action answers with its message and a 4xx status, and the page's
htmx configuration swaps such answers in (htmx 2 drops every 4xx answer by default)."""

import json
import re

import pytest
from django.urls import reverse

from latih.accounts.models import CorrectionRequest


def _htmx_config(client) -> dict:
    page = client.get(reverse("accounts:sign_in")).content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert meta, "base.html carries no htmx-config"
    return json.loads(meta.group(1))


def _handling(config: dict, status: int) -> dict:
    """What htmx 2 does with ``status``: the first rule whose code matches (its own
    resolveResponseHandling)."""
    for rule in config["responseHandling"]:
        if re.match(f"^{rule['code']}$", str(status)):
            return rule
    return {"swap": False}


@pytest.mark.parametrize(
    ("status", "swapped"),
    [
        (200, True),
        (204, False),
        (302, True),
        (400, True),
        (403, True),
        (404, True),
        (409, True),
        (422, True),
        (429, True),
        (500, False),
        (503, False),
    ],
)
def test_htmx_swaps_a_refusal_but_not_a_server_failure(client, db, status, swapped):
    assert _handling(_htmx_config(client), status)["swap"] is swapped


def test_htmx_still_injects_no_styles(client, db):
    """The strict style-src of the Content-Security-Policy needs it."""
    assert _htmx_config(client)["includeIndicatorStyles"] is False


def test_every_page_carries_the_fallback_messages_of_refused_actions(client, db):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    texts = re.search(r'<template id="request-errors">(.*?)</template>', page, re.S)
    assert texts
    for key in ("403", "404", "4xx", "5xx", "offline"):
        assert f'data-status="{key}"' in texts.group(1)
    assert "Tidak ada koneksi" in texts.group(1)  # translated


def test_a_refused_correction_answers_in_place_with_a_refusal_status(
    client, participant, admin_client
):
    client.force_login(participant)
    client.post(reverse("accounts:request_correction"), {"note": "", "name": "Nama Lain"})
    correction = CorrectionRequest.objects.get()
    url = reverse("accounts:correction_reject", args=[correction.pk])
    refused = admin_client.post(url, {"reason": "  "}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400
    body = refused.content.decode()
    assert f'id="correction-{correction.pk}"' in body  # the card again, to be swapped
    assert 'role="alert"' in body
    assert "alasan" in body.lower()
    correction.refresh_from_db()
    assert correction.status == "pending"
