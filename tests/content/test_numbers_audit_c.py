"""Numbers from the third-reader audit of content/experimentation-causal/ and content/ml-infra-scale/
that the category's own numbers tests did not yet recompute.

Each test reads the question file, checks the number is printed as stated, and recomputes it from
first principles with the standard library.
"""

from __future__ import annotations

from tests.content.numbers import for_category

read_infra, stated_infra = for_category("ml-infra-scale")

MB = 1e6
GB = 1e9


def test_lora_adapter_swap_over_pcie_takes_milliseconds():
    qid = "multi-lora-adapter-serving"
    stated_infra(qid, "80 MB in fp16", "80 MB over PCIe in a few milliseconds")
    # the adapter's size, from the parameter count the answer prints (39,976,960 in fp16)
    adapter_bytes = 2 * 32 * 16 * (4 * (4096 + 4096) + 3 * (4096 + 11_008))
    assert round(adapter_bytes / MB) == 80
    # PCIe bandwidth per direction from the link parameters: GT/s per lane x 16 lanes x 128b/130b / 8
    gen4 = 16e9 * 16 * (128 / 130) / 8
    gen5 = 32e9 * 16 * (128 / 130) / 8
    # a host-to-device copy reaches well under the link's peak in practice; even at half of a Gen4
    # link's rate the copy stays within "a few milliseconds", and at a Gen5 link's peak it is over 1 ms
    slowest_ms = adapter_bytes / (gen4 / 2) * 1e3
    fastest_ms = adapter_bytes / gen5 * 1e3
    assert 1 < fastest_ms < slowest_ms < 10, (fastest_ms, slowest_ms)
