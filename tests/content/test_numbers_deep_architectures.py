"""Recompute every worked number stated in content/deep-architectures/.

Each test reads one question file, checks that the number the answer states
is really there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import random

from tests.content.numbers import for_category

read, _ = for_category("deep-architectures")



def conv_out(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_params(k: int, c_in: int, c_out: int, bias: bool = True) -> int:
    return k * k * c_in * c_out + (c_out if bias else 0)


def receptive_field(layers: list[tuple[int, int]]) -> int:
    """layers: (kernel, stride) from input to output."""
    r, jump = 1, 1
    for k, s in layers:
        r += (k - 1) * jump
        jump *= s
    return r


def test_conv_output_size_resnet_stem():
    text = read("conv-layer-output-size")
    assert "= 111 + 1 = 112" in text
    assert "112×112" in text
    assert (224 + 2 * 3 - 7) // 2 == 111
    assert conv_out(224, k=7, s=2, p=3) == 112


def test_conv_output_same_padding_and_dilation():
    text = read("conv-layer-output-size")
    assert "3×3 with padding 1" in text
    assert conv_out(56, k=3, s=1, p=1) == 56
    for k in (1, 3, 5, 7, 9):
        assert conv_out(100, k=k, s=1, p=(k - 1) // 2) == 100
    # dilation d acts like a kernel of size d(k - 1) + 1
    for d in (1, 2, 3):
        assert conv_out(64, k=3, d=d) == conv_out(64, k=d * (3 - 1) + 1)


def test_transposed_conv_follow_up_inverts_the_stem():
    text = read("conv-layer-output-size")
    assert "(n − 1)s − 2p + d(k − 1) + 1, plus any output padding" in text
    n_in, k, s, p, d = 112, 7, 2, 3, 1
    out = (n_in - 1) * s - 2 * p + d * (k - 1) + 1
    assert out == 223  # one output padding restores 224
    assert out + 1 == 224


def test_conv_parameter_count():
    text = read("conv-layer-parameter-count")
    assert "73{,}728" in text
    assert "73,856" in text
    assert 3 * 3 * 64 * 128 == 73_728
    assert conv_params(3, 64, 128) == 73_856
    # same count for any spatial size; a dense layer on 32×32×64 -> 32×32×128 does not
    assert "65{,}536 \\times 131{,}072 \\approx 8.6" in text
    assert "8.6 billion" in text
    n_in, n_out = 32 * 32 * 64, 32 * 32 * 128
    assert (n_in, n_out) == (65_536, 131_072)
    assert round(n_in * n_out / 1e9, 1) == 8.6


def test_one_by_one_bottleneck_counts():
    text = read("one-by-one-convolution")
    for stated in ("589{,}824", "16{,}384", "36{,}864", "69{,}632", "589,824", "69,632", "8.5 times"):
        assert stated in text
    plain = conv_params(3, 256, 256, bias=False)
    first = conv_params(1, 256, 64, bias=False)
    middle = conv_params(3, 64, 64, bias=False)
    last = conv_params(1, 64, 256, bias=False)
    assert plain == 589_824
    assert (first, middle, last) == (16_384, 36_864, 16_384)
    assert first + middle + last == 69_632
    assert round(plain / (first + middle + last), 1) == 8.5


def test_receptive_field_stacks():
    text = read("receptive-field")
    assert "third gives 7×7" in text
    assert "the third layer adds 4 instead of 2 and the field is 9×9" in text
    assert "covers 5×5" in text or "cover 5×5" in text
    assert receptive_field([(3, 1), (3, 1)]) == 5
    assert receptive_field([(3, 1), (3, 1), (3, 1)]) == 7
    # middle layer with stride 2: the third layer adds (3 - 1) * 2 = 4
    assert receptive_field([(3, 1), (3, 2), (3, 1)]) == 9
    assert receptive_field([(3, 1), (3, 2), (3, 1)]) - receptive_field([(3, 1), (3, 2)]) == 4


def test_receptive_field_vgg_weight_comparison():
    text = read("receptive-field")
    assert "$27C^2$" in text
    assert "$49C^2$" in text
    c = 64
    three_small = 3 * conv_params(3, c, c, bias=False)
    one_large = conv_params(7, c, c, bias=False)
    assert three_small == 27 * c * c
    assert one_large == 49 * c * c
    assert receptive_field([(7, 1)]) == receptive_field([(3, 1)] * 3)


def test_scaled_dot_product_variance():
    text = read("scaled-dot-product-attention")
    assert "With $d_k = 64$ the raw scores have a standard deviation of 8" in text
    d_k = 64
    assert math.sqrt(d_k) == 8
    # Monte Carlo: q·k with independent unit-variance components has variance ≈ d_k
    rng = random.Random(0)
    samples = []
    for _ in range(20_000):
        q = [rng.gauss(0, 1) for _ in range(d_k)]
        k = [rng.gauss(0, 1) for _ in range(d_k)]
        samples.append(sum(a * b for a, b in zip(q, k, strict=True)))
    mean = sum(samples) / len(samples)
    var = sum((x - mean) ** 2 for x in samples) / (len(samples) - 1)
    assert abs(var - d_k) / d_k < 0.05
    scaled_var = var / d_k
    assert abs(scaled_var - 1) < 0.05


def test_multi_head_attention_parameter_count():
    text = read("multi-head-attention")
    assert "$d_k = 64$" in text
    assert "1{,}048{,}576" in text
    assert "1,048,576" in text
    assert "2,048 biases" in text
    d_model, h = 512, 8
    assert d_model // h == 64
    weights = 4 * d_model * d_model
    assert weights == 1_048_576
    assert 4 * d_model == 2_048
    # independent of the number of heads: per-head slices add back up to d_model columns
    for heads in (1, 2, 4, 8, 16):
        d_k = d_model // heads
        per_head_qkv = 3 * d_model * d_k
        assert heads * per_head_qkv + d_model * d_model == weights


def test_vision_transformer_tokens():
    text = read("vision-transformer")
    assert "14 \\times 14 = 196" in text
    assert "16 \\cdot 16 \\cdot 3 = 768" in text
    assert "197 tokens" in text
    patches_per_side = 224 // 16
    assert patches_per_side == 14
    assert patches_per_side**2 == 196
    assert 16 * 16 * 3 == 768
    assert patches_per_side**2 + 1 == 197
    # halving the patch size quadruples the token count
    assert (224 // 8) ** 2 == 4 * 196


def test_lora_parameter_count():
    text = read("lora-fine-tuning")
    assert "8 \\cdot (4096 + 4096) = 65{,}536" in text
    assert "16,777,216" in text
    assert "0.39%" in text
    d = k = 4096
    r = 8
    lora = r * (d + k)
    full = d * k
    assert lora == 65_536
    assert full == 16_777_216
    assert f"{100 * lora / full:.2f}%" == "0.39%"


def test_attention_quadratic_memory():
    text = read("attention-quadratic-cost")
    assert "$n = 4096$" in text
    assert "16,777,216 scores" in text
    assert "32 MiB per head per layer" in text
    n = 4096
    scores = n * n
    assert scores == 16_777_216
    assert scores * 2 == 32 * 2**20  # 2 bytes per 16-bit float
    assert (2 * n) ** 2 == 4 * scores  # doubling n quadruples it


def test_rnn_gradient_scalar_picture():
    text = read("rnn-backprop-through-time")
    assert "0.9 per step over 100 steps gives about $2.7 \\times 10^{-5}$" in text
    assert "1.1 gives about $1.4 \\times 10^4$" in text
    assert round(0.9**100 / 1e-5, 1) == 2.7
    assert round(1.1**100 / 1e4, 1) == 1.4


def test_gru_has_three_quarters_of_lstm_parameters():
    text = read("lstm-gru-gates")
    assert "three quarters" in text
    assert "4(h(h + x) + h)" in text
    for h, x in ((128, 64), (256, 300), (512, 512)):
        lstm = 4 * (h * (h + x) + h)
        gru = 3 * (h * (h + x) + h)
        assert gru * 4 == lstm * 3
