"""Settings read from a hand-edited settings.ini never break the app: every value is checked on read."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from desktop.core import settings as S
from desktop.core.settings import Settings

ALL = [v for v in vars(S).values() if isinstance(v, S.Setting)]


class Ini(dict[str, object]):
    def value(self, key: str) -> object:
        return self.get(key)

    def setValue(self, key: str, value: object) -> None:  # QSettings' name
        self[key] = value


def read(key_values: dict[str, object]) -> tuple[Settings, list[str]]:
    told: list[str] = []
    return Settings(Ini(key_values), told.append), told


def test_every_setting_is_defined_once_with_a_valid_default() -> None:
    assert len({s.key for s in ALL}) == len(ALL) >= 11
    for s in ALL:
        assert s.parse(s.default) == (s.default, ""), s.key


def test_values_seen_in_the_wild_fall_back_or_clamp_and_are_reported_once() -> None:
    prefs, told = read({"view/text_scale": "abc", "quiz/retention": "1.5", "quiz/new_per_day": "99999999999999999999",
                        "interview/think_s": "abc", "view/theme": "purple", "progress/interview_date": "next week"})
    assert prefs.get(S.TEXT_SCALE) == 1.0
    assert prefs.get(S.RETENTION) == 0.99
    assert prefs.get(S.NEW_PER_DAY) == 200
    assert prefs.get(S.THINK_S) == 60
    assert prefs.get(S.THEME) == "system"
    assert prefs.get(S.INTERVIEW_DATE) == ""
    assert len(told) == 6 and "text size = 'abc'" in told[0] and "outside 0.7–0.99" in told[1]
    prefs.get(S.TEXT_SCALE)
    assert len(told) == 6  # once, not on every read


def test_text_scale_of_500_or_nan_cannot_draw_a_blank_window() -> None:
    prefs, _ = read({"view/text_scale": "500"})
    assert prefs.get(S.TEXT_SCALE) == 1.5  # the largest size Settings offers (README: 90 % to 150 %)
    for bad in ("nan", "inf", "-inf", "0"):
        prefs, _ = read({"view/text_scale": bad})
        assert 0.9 <= prefs.get(S.TEXT_SCALE) <= 1.5


def test_problems_found_before_the_status_bar_exists_are_told_once_it_does() -> None:
    prefs = Settings(Ini({"quiz/retention": "abc", "interview/answer_s": "-5"}))
    prefs.get(S.RETENTION)
    prefs.get(S.ANSWER_S)
    told: list[str] = []
    prefs.set_reporter(told.append)
    assert len(told) == 1 and "desired retention" in told[0] and "answer time" in told[0]


def test_writing_a_bad_value_from_code_is_refused() -> None:
    prefs, _ = read({})
    prefs.set(S.RETENTION, 0.85)
    assert prefs.get(S.RETENTION) == 0.85
    try:
        prefs.set(S.THEME, "purple")
    except ValueError:
        pass
    else:
        raise AssertionError("an unknown theme was written")


@given(st.sampled_from(ALL), st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(),
                                       st.none(), st.binary(max_size=10)))
def test_any_stored_value_reads_as_an_allowed_value(setting: S.Setting, raw: object) -> None:  # type: ignore[type-arg]
    prefs, _ = read({setting.key: raw})
    value = prefs.get(setting)
    assert type(value) is type(setting.default)
    if isinstance(value, float):
        assert math.isfinite(value)
    if setting.low is not None and setting.high is not None:
        assert setting.low <= float(value) <= setting.high  # type: ignore[arg-type]
    if setting.choices:
        assert value in setting.choices


def test_writes_are_announced_to_subscribers_until_they_unsubscribe() -> None:
    prefs, _ = read({})
    heard: list[str] = []
    unsubscribe = prefs.subscribe(heard.append)
    prefs.set(S.NEW_PER_DAY, 20)
    unsubscribe()
    prefs.set(S.NEW_PER_DAY, 25)
    assert heard == ["quiz/new_per_day"]


def test_a_remembered_folder_is_used_only_while_it_is_still_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    kept = tmp_path / "exports"
    kept.mkdir()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert S.folder_or(str(kept), home) == kept
    for gone in ("", "   ", str(tmp_path / "deleted"), str(tmp_path / "a-file"), "relative/folder", "\0"):
        assert S.folder_or(gone, home) == home, repr(gone)
