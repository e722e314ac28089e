"""Audit E: recompute claims in fundamentals/, linear-models/ and regularization-optimization/
that no other numbers test covers (standard library only)."""

import math
import struct

from tests.content.numbers import for_category

read_reg, stated_reg = for_category("regularization-optimization")


def fp16(x: float) -> float:
    """Round a float to IEEE half precision and back."""
    return struct.unpack("<e", struct.pack("<e", x))[0]


def test_adam_default_epsilon_underflows_in_fp16():
    stated_reg("adam-failure-modes", "$\\epsilon = 10^{-8}$ underflows to zero in fp16")
    assert fp16(1e-8) == 0.0
    # the smallest positive half-precision number is 2^-24, about 6e-8
    assert fp16(2.0**-24) == 2.0**-24
    assert 1e-8 < 2.0**-25  # below half the smallest subnormal, so it rounds to zero
    # fp32 keeps it
    assert struct.unpack("<f", struct.pack("<f", 1e-8))[0] > 0


def test_beta2_0_999_adapts_over_thousands_of_steps():
    stated_reg("adam-failure-modes", "$\\beta_2 = 0.999$, $v$ adapts over thousands of steps", "to 0.95")
    # after a jump from gradient scale 0 to 1, v reaches 95% of the new level only after ~3000 steps
    beta2 = 0.999
    v, t = 0.0, 0
    while v < 0.95:
        v = beta2 * v + (1 - beta2) * 1.0
        t += 1
    assert 2900 < t < 3100
    # beta2 = 0.95 adapts within tens of steps
    v, t = 0.0, 0
    while v < 0.95:
        v = 0.95 * v + 0.05
        t += 1
    assert t < 100


def _reddi_example(beta2: float, amsgrad: bool, steps: int = 30000, C: float = 3.0) -> float:
    """Reddi et al. (2018), section 3: f_t(x) = C x if t mod 3 == 1 else -x on [-1, 1]; optimum x = -1.

    beta1 = 0 and a decaying step alpha / sqrt(t), as in the paper's setting.
    """
    x, v, v_max = 0.0, 0.0, 0.0
    for t in range(1, steps + 1):
        g = C if t % 3 == 1 else -1.0
        v = beta2 * v + (1 - beta2) * g * g
        v_max = max(v_max, v)
        scale = v_max if amsgrad else v
        x = min(1.0, max(-1.0, x - 0.1 / math.sqrt(t) * g / math.sqrt(scale)))
    return x


def test_adam_counterexample_survives_a_decaying_step_but_not_a_large_beta2():
    text = read_reg("adam-failure-modes")
    assert "even with a decaying $\\eta$" in text
    assert "a large enough $\\beta_2$ also converges" in text
    assert "never letting $\\hat v$ decrease" in text
    C = 3.0
    small_beta2 = 1 / (1 + C * C)  # the paper's choice
    # Adam with the decaying step still ends at the worst point x = +1 ...
    assert _reddi_example(small_beta2, amsgrad=False) == 1.0
    # ... AMSGrad (v never decreases) reaches the optimum x = -1 ...
    assert _reddi_example(small_beta2, amsgrad=True) < -0.99
    # ... and so does plain Adam once beta2 is large for this problem.
    assert _reddi_example(0.999, amsgrad=False) < -0.99
