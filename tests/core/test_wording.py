from desktop.core.wording import count


def test_count_agrees_in_number() -> None:
    assert count(1, "note") == "1 note"
    assert count(0, "note") == "0 notes"
    assert count(2, "question") == "2 questions"
    assert count(1, "category", "categories") == "1 category"
    assert count(17, "category", "categories") == "17 categories"
    assert count(10000, "question") == "10,000 questions"
