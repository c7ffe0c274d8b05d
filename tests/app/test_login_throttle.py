"""Login throttling per account name and per address, refused before any argon2 work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.extension import catalog_of
from dictionary.services import signin
from dictionary.services.signin import ACCOUNT, ADDRESS, MAX_LOCK, lock_for
from tests.app.test_auth import PASSWORD, csrf_of
from tests.conftest import _accounts_context
from tests.factories import make_agency, make_principal

EMAIL = "bien.tap@stc.lamdong.gov.vn"
WRONG = "sai mật khẩu rồi"


class CountingHasher:
    """The real argon2 hasher, counting the verifications (the expensive part)."""

    def __init__(self, inner) -> None:
        self.inner, self.verified = inner, 0

    def verify(self, stored: str, password: str) -> bool:
        self.verified += 1
        return self.inner.verify(stored, password)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


@pytest.fixture
def hasher(monkeypatch) -> CountingHasher:
    counting = CountingHasher(signin.HASHER)
    monkeypatch.setattr(signin, "HASHER", counting)
    return counting


@pytest.fixture
def staff(app):
    ctx = _accounts_context(app)
    make_agency(ctx, code="H68.04")
    principal = make_principal(ctx, "editor", "H68.04", email=EMAIL, password=PASSWORD)
    ctx.session.close()
    return principal


@pytest.fixture
def browser(app):
    client = app.test_client()
    client.csrf = csrf_of(client)
    return client


def attempt(client, email: str = EMAIL, password: str = WRONG, ip: str = "10.0.0.1"):
    form = {"email": email, "password": password, "csrf_token": client.csrf}
    return client.post("/login", data=form, environ_base={"REMOTE_ADDR": ip})


def move_back(app, **columns: timedelta) -> None:
    """Age every throttle row: ``last_failure_at=timedelta(minutes=5)`` puts it 5 minutes back."""
    now = datetime.now(UTC)
    with catalog_of(app).engine.begin() as connection:
        for column, age in columns.items():
            connection.execute(text(f"UPDATE login_throttle SET {column} = :t"), {"t": now - age})  # noqa: S608


def test_many_addresses_do_not_buy_more_guesses_at_one_account(browser, staff, hasher) -> None:
    for n in range(ACCOUNT.free):
        assert attempt(browser, ip=f"203.0.113.{n}").status_code == 401
    assert hasher.verified == ACCOUNT.free
    for n in range(10, 20):  # fresh addresses, even with the right password
        locked = attempt(browser, password=PASSWORD, ip=f"198.51.100.{n}")
        assert locked.status_code == 429
        assert 0 < int(locked.headers["Retry-After"]) <= 60
    assert hasher.verified == ACCOUNT.free  # refused before any argon2 verification


def test_one_address_cannot_try_many_account_names(browser, staff, hasher) -> None:
    for n in range(ADDRESS.free):
        assert attempt(browser, email=f"khong.co.{n}@x.vn").status_code == 401
    assert hasher.verified == ADDRESS.free
    assert attempt(browser, email="nguoi.khac@x.vn").status_code == 429
    assert attempt(browser, password=PASSWORD).status_code == 429  # a real account, from there
    assert attempt(browser, password=PASSWORD, ip="10.0.0.2").status_code == 303  # elsewhere: fine
    assert hasher.verified == ADDRESS.free + 1


def test_an_unknown_name_is_throttled_and_answered_like_a_known_one(browser, staff, hasher) -> None:
    known = [attempt(browser, ip="10.0.0.7") for _ in range(ACCOUNT.free)]
    unknown = [attempt(browser, email="khong.co@stc.lamdong.gov.vn") for _ in range(ACCOUNT.free)]
    assert hasher.verified == 2 * ACCOUNT.free  # a dummy hash is verified for the unknown name too
    assert {r.status_code for r in known} == {r.status_code for r in unknown} == {401}
    assert attempt(browser, ip="10.0.0.7").status_code == 429
    assert attempt(browser, email="khong.co@stc.lamdong.gov.vn").status_code == 429
    assert hasher.verified == 2 * ACCOUNT.free
    wrong_password = known[0].get_data(as_text=True).replace(EMAIL, "")
    no_such_user = unknown[0].get_data(as_text=True).replace("khong.co@stc.lamdong.gov.vn", "")
    assert wrong_password == no_such_user


def test_each_failure_after_the_lock_doubles_it(app, browser, staff) -> None:
    for _ in range(ACCOUNT.free):
        attempt(browser)
    move_back(app, locked_until=timedelta(seconds=1))  # the first lock (one minute) has passed
    assert attempt(browser).status_code == 401
    second = attempt(browser)
    assert second.status_code == 429 and 60 < int(second.headers["Retry-After"]) <= 120


def test_quiet_time_forgives_failures(app, browser, staff) -> None:
    for _ in range(ACCOUNT.free):
        attempt(browser)
    move_back(app, last_failure_at=ACCOUNT.forgive * ACCOUNT.free, locked_until=timedelta(seconds=1))
    assert attempt(browser).status_code == 401  # counted from zero again: one failure, no lock
    assert attempt(browser, password=PASSWORD).status_code == 303


def test_the_lock_grows_exponentially_up_to_a_ceiling() -> None:
    assert lock_for(ACCOUNT.free - 1, ACCOUNT) is None
    assert [lock_for(ACCOUNT.free + n, ACCOUNT) for n in range(4)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8)
    ]
    assert lock_for(ACCOUNT.free + 50, ACCOUNT) == MAX_LOCK == timedelta(hours=1)
    assert lock_for(ADDRESS.free - 1, ADDRESS) is None
    assert lock_for(ADDRESS.free, ADDRESS) == timedelta(minutes=1)
