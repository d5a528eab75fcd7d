"""Letting the room in: the projector shows an address the room's devices can reach."""

import socket

import pytest

from tests.helpers.web import page, texts
from toolkit.room import network, pages


@pytest.mark.parametrize(
    ("listen", "found", "expected"),
    [
        ("0.0.0.0", "192.168.1.23", "http://192.168.1.23:5000"),
        ("::", "10.0.0.7", "http://10.0.0.7:5000"),
        ("0.0.0.0", None, None),  # no network: nothing the room could reach
        ("127.0.0.1", "192.168.1.23", None),  # this computer only
        ("localhost", "192.168.1.23", None),
        ("192.168.1.40", "192.168.1.23", "http://192.168.1.40:5000"),  # an interface chosen
        (None, "192.168.1.23", None),  # not started by `toolkit serve`
    ],
)
def test_the_address_the_room_can_use(listen, found, expected):
    assert network.room_address(listen, 5000, found) == expected


def test_the_outward_address_is_learnt_without_sending_anything(monkeypatch):
    made = []

    class Probe:
        def __init__(self, family, kind):
            assert kind == socket.SOCK_DGRAM  # UDP: connect() only picks the interface
            made.append(self)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, address):
            self.connected = address

        def getsockname(self):
            return (self.answer, 0)

        def send(self, *args):  # pragma: no cover - would be a packet on the network
            raise AssertionError("nothing is sent")

    monkeypatch.setattr(network.socket, "socket", Probe)
    Probe.answer = "192.168.1.23"
    assert network.outward_address() == "192.168.1.23"
    assert made[0].connected == network.PROBE
    Probe.answer = "127.0.0.1"
    assert network.outward_address() is None


def test_no_network_means_no_address(monkeypatch):
    def refused(*args):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(network.socket, "socket", refused)
    assert network.outward_address() is None


def shown_address(leader, room) -> str:
    soup = page(leader.get(f"/processer/{room.process_id}/projektor"))
    return texts(soup, ".join-address strong")[0]


def test_the_projector_on_the_laptop_shows_its_network_address(app, leader, room, monkeypatch):
    app.config.update(LISTEN_HOST="0.0.0.0", LISTEN_PORT=5000)
    monkeypatch.setattr(network, "outward_address", lambda: "192.168.1.23")
    assert shown_address(leader, room) == "192.168.1.23:5000"
    control = page(leader.get(f"/processer/{room.process_id}/styr"))
    assert control.select(".reachability") == []


def test_an_explicit_public_address_wins(app, leader, room, monkeypatch):
    app.config.update(
        LISTEN_HOST="0.0.0.0", LISTEN_PORT=5000, PUBLIC_URL="http://verkstad.example.se:8080"
    )
    monkeypatch.setattr(network, "outward_address", lambda: "192.168.1.23")
    assert shown_address(leader, room) == "verkstad.example.se:8080"


def test_a_page_asked_by_its_network_address_keeps_it(app, monkeypatch):
    app.config.update(LISTEN_HOST="0.0.0.0", LISTEN_PORT=5000)
    monkeypatch.setattr(network, "outward_address", lambda: "192.168.1.23")
    with app.test_request_context(base_url="http://10.1.2.3:5000"):
        assert pages.join_address() == "http://10.1.2.3:5000"
    with app.test_request_context(base_url="http://127.0.0.1:5000"):
        assert pages.join_address() == "http://192.168.1.23:5000"


@pytest.mark.parametrize(
    ("listen", "found", "says"),
    [
        ("127.0.0.1", "192.168.1.23", "bara emot anslutningar från den här datorn"),
        ("0.0.0.0", None, "inte ansluten till något nätverk"),
    ],
)
def test_the_control_view_says_when_the_room_cannot_reach_the_server(
    app, leader, room, monkeypatch, listen, found, says
):
    app.config.update(LISTEN_HOST=listen, LISTEN_PORT=5000)
    monkeypatch.setattr(network, "outward_address", lambda: found)
    control = page(leader.get(f"/processer/{room.process_id}/styr"))
    (message,) = texts(control, ".reachability")
    assert says in message and "Gör så här" in message
