"""Hidden-test checks of chapter 2 (probability and information theory).

References are computed with NumPy and SciPy directly (``scipy.special``, ``scipy.stats``),
independently of the model solutions in ``solutions/``, on fixed-seed random inputs.

Conventions the notebook states and these checks hold students to:

- a *distribution* is a 1-D array of non-negative numbers summing to 1 within 1e-8; anything
  else raises ``ValueError`` (as do arrays of different shapes where two must match);
- 0 · log 0 = 0; cross-entropy and KL divergence are ``inf`` (not an error) when q = 0 somewhere
  p > 0;
- ``sigmoid`` and ``softplus`` agree with ``scipy.special.expit`` / ``np.logaddexp(0, x)`` to
  1e-12 and emit no ``RuntimeWarning``, even at ±1000.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import special, stats

from autograder.checks._legacy_common import (
    CheckFailed,
    call,
    check,
    describe,
    expect_array,
    expect_raises,
    expect_scalar,
    forbid_names,
    rng_for,
)

BASES = [(2, "bits"), (np.e, "nats"), (10, "base 10")]
SCIPY_SHORTCUTS = {"scipy", "stats", "entr", "rel_entr", "kl_div"}
DEFINITION_WHY = "compute it from its definition with NumPy."


def _quiet_call(func: Callable, *args: Any, label: str, arg_names: list[str]) -> Any:
    """``call`` with NumPy's warnings silenced (log 0 is allowed to warn in these exercises)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call(func, *args, label=label, arg_names=arg_names)


def _quiet_raises(func: Callable, *args: Any, label: str) -> None:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        expect_raises(func, *args, label=label)


def _random_distribution(rng: np.random.Generator, k: int, zeros: int = 0) -> np.ndarray:
    p = rng.dirichlet(np.ones(k))
    if zeros:
        p[rng.choice(k, size=zeros, replace=False)] = 0.0
        p /= p.sum()
    return p


NOT_DISTRIBUTIONS = {
    "a negative entry": np.array([0.6, -0.1, 0.5]),
    "entries summing to 1.1": np.array([0.5, 0.6]),
    "entries summing to 1 - 1e-6": np.array([0.5, 0.5 - 1e-6]),
    "a 2-D array": np.full((2, 2), 0.25),
}


# --- Bayes' rule ----------------------------------------------------------------------------


@check
def check_posterior(posterior: Callable) -> None:
    rng = rng_for("posterior")
    cases = [
        ("the two bottles", np.array([2 / 3, 1 / 3]), np.array([0.2, 0.6])),
        ("a single hypothesis", np.array([1.0]), np.array([0.3])),
        ("a hypothesis with prior 0", np.array([0.0, 0.25, 0.75]), np.array([0.9, 0.1, 0.5])),
        ("a hypothesis with likelihood 0", np.array([0.5, 0.5]), np.array([0.0, 0.4])),
    ]
    for k in [2, 3, 6]:
        cases.append((f"{k} random hypotheses", rng.dirichlet(np.ones(k)), rng.uniform(0.01, 1.0, size=k)))
    for name, prior, likelihood in cases:
        label = f"posterior(prior, likelihood) for {name}"
        got = call(posterior, prior, likelihood, label=label, arg_names=["prior", "likelihood"])
        joint = prior * likelihood
        expect_array(got, joint / joint.sum(), label=label, rtol=1e-9, atol=1e-12)
    got = call(posterior, [0.5, 0.5], [0.2, 0.6], label="posterior with Python lists",
               arg_names=["prior", "likelihood"])
    expect_array(got, np.array([0.25, 0.75]), label="posterior with Python lists", rtol=1e-9)
    bad = {
        "a prior summing to 0.9": ([0.5, 0.4], [0.5, 0.5]),
        "a negative prior": ([1.2, -0.2], [0.5, 0.5]),
        "prior and likelihood of different lengths": ([0.5, 0.5], [0.1, 0.2, 0.3]),
        "a likelihood above 1": ([0.5, 0.5], [1.5, 0.2]),
        "a negative likelihood": ([0.5, 0.5], [-0.1, 0.2]),
        "an observation impossible under every hypothesis": ([0.5, 0.5], [0.0, 0.0]),
        "likelihood 0 wherever the prior is positive": ([1.0, 0.0], [0.0, 0.7]),
    }
    for name, (prior, likelihood) in bad.items():
        _quiet_raises(posterior, np.array(prior), np.array(likelihood), label=f"posterior for {name}")


# --- maximum likelihood ---------------------------------------------------------------------


@check
def check_bernoulli_mle(bernoulli_mle: Callable) -> None:
    rng = rng_for("bernoulli_mle")
    cases = [("a single 1", np.array([1])), ("a single 0", np.array([0])),
             ("all zeros", np.zeros(7, dtype=int)), ("all ones", np.ones(4))]
    for n in [5, 40, 1000]:
        cases.append((f"{n} random ints", rng.integers(0, 2, size=n)))
    cases.append(("booleans", rng.random(30) < 0.3))
    cases.append(("floats 0.0 and 1.0", (rng.random(25) < 0.8).astype(float)))
    for name, x in cases:
        label = f"bernoulli_mle(x) for {name}"
        got = call(bernoulli_mle, x, label=label, arg_names=["x"])
        expect_scalar(got, float(np.count_nonzero(x)) / x.size, label=label, rtol=1e-12)
    for name, x in {"an empty array": np.array([]), "a 2 among the outcomes": np.array([0, 1, 2]),
                    "a 0.5 among the outcomes": np.array([1.0, 0.5]),
                    "a -1 among the outcomes": np.array([-1, 1])}.items():
        expect_raises(bernoulli_mle, x, label=f"bernoulli_mle for {name}")


@check
def check_gaussian_mle(gaussian_mle: Callable) -> None:
    rng = rng_for("gaussian_mle")
    cases = [("a single value", np.array([3.5])), ("two values", np.array([1.0, 4.0])),
             ("a constant array", np.full(6, -2.0)), ("integers", np.arange(10))]
    for n in [3, 50, 2000]:
        cases.append((f"{n} normal samples", rng.normal(loc=rng.uniform(-5, 5), scale=rng.uniform(0.5, 3), size=n)))
    for name, x in cases:
        label = f"gaussian_mle(x) for {name}"
        got = call(gaussian_mle, x, label=label, arg_names=["x"])
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise CheckFailed(f"{label} should return a pair (mean, variance), got {describe(got)}")
        expect_scalar(got[0], float(np.mean(x)), label=f"the mean from {label}", rtol=1e-9, atol=1e-12)
        expect_scalar(got[1], float(np.var(x, ddof=0)), label=f"the variance from {label}", rtol=1e-9, atol=1e-12)
    expect_raises(gaussian_mle, np.array([]), label="gaussian_mle for an empty array")


@check
def check_covariance_matrix(covariance_matrix: Callable) -> None:
    forbid_names(covariance_matrix, {"cov", "corrcoef"}, label="covariance_matrix",
                 why="build the matrix from centred data with a matrix product.")
    rng = rng_for("covariance_matrix")
    shapes = [(1, 1), (1, 3), (5, 1), (10, 3), (60, 4), (3, 6)]
    for shape in shapes:
        x = rng.normal(size=shape) @ rng.normal(size=(shape[1], shape[1])) + rng.normal(size=shape[1]) * 3
        for ddof in (0, 1):
            if shape[0] - ddof <= 0:
                continue
            label = f"covariance_matrix(x, ddof={ddof}) for x of shape {shape}"
            args = (x,) if ddof == 0 else (x, ddof)
            got = call(covariance_matrix, *args, label=label, arg_names=["x", "ddof"])
            expected = np.atleast_2d(np.cov(x, rowvar=False, ddof=ddof))
            expect_array(got, expected, label=label, rtol=1e-8, atol=1e-10)
    x = rng.integers(-5, 5, size=(8, 2))
    label = "covariance_matrix(x) for an integer x"
    got = call(covariance_matrix, x, label=label, arg_names=["x"])
    expect_array(got, np.cov(x, rowvar=False, ddof=0), label=label, rtol=1e-9, atol=1e-12)
    expect_raises(covariance_matrix, np.ones(5), label="covariance_matrix for a 1-D array")
    expect_raises(covariance_matrix, np.ones((1, 3)), 1, label="covariance_matrix with ddof=1 and one sample")


# --- sigmoid and softplus -------------------------------------------------------------------

STABLE_INPUTS: list[tuple[str, Any]] = [
    ("x = 0.0", 0.0),
    ("x = 3 (an int)", 3),
    ("x = -1000.0", -1000.0),
    ("x = 1000.0", 1000.0),
    ("an integer array", np.arange(-5, 6)),
    ("x = [-1000, -745, -40, 0, 40, 745, 1000]", np.array([-1000.0, -745.0, -40.0, 0.0, 40.0, 745.0, 1000.0])),
    ("a 0-d array", np.array(-2.5)),
]


def _stable_inputs(name: str) -> list[tuple[str, Any]]:
    rng = rng_for(name)
    return STABLE_INPUTS + [
        ("a (4, 5) array of normal values", rng.normal(scale=5.0, size=(4, 5))),
        ("a (2, 3, 4) array spanning ±800", rng.uniform(-800, 800, size=(2, 3, 4))),
        ("a (1,) array", rng.normal(size=1)),
    ]


def _check_stable(func: Callable, name: str, reference: Callable[[np.ndarray], np.ndarray]) -> None:
    for what, x in _stable_inputs(name):
        label = f"{name}(x) for {what}"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                got = call(func, x, label=label, arg_names=["x"])
            except CheckFailed as failure:
                if "Warning" in str(failure):
                    raise CheckFailed(f"{failure} — a numerically stable {name} never computes exp of "
                                      "a large positive number (np.where evaluates both branches!)") from None
                raise
        expected = reference(np.asarray(x, dtype=float))
        if np.ndim(x) == 0:
            if np.ndim(got) != 0:
                raise CheckFailed(f"{label} should return a number (or 0-d array), got {describe(got)}")
            expect_scalar(got, float(expected), label=label, rtol=1e-12, atol=1e-12)
        else:
            expect_array(got, expected, label=label, rtol=1e-12, atol=1e-12, dtype=np.float64)


@check
def check_sigmoid(sigmoid: Callable) -> None:
    forbid_names(sigmoid, {"expit", "log_expit", "logaddexp"}, label="sigmoid",
                 why="write the stable formula yourself with np.exp.")
    _check_stable(sigmoid, "sigmoid", special.expit)


@check
def check_softplus(softplus: Callable) -> None:
    forbid_names(softplus, {"logaddexp", "logaddexp2", "log_expit", "logsumexp", "expit"}, label="softplus",
                 why="write the stable formula yourself with np.exp and np.log1p.")
    _check_stable(softplus, "softplus", lambda x: np.logaddexp(0.0, x))


# --- information ----------------------------------------------------------------------------


@check
def check_self_information(self_information: Callable) -> None:
    forbid_names(self_information, SCIPY_SHORTCUTS, label="self_information", why=DEFINITION_WHY)
    rng = rng_for("self_information")
    values: list[tuple[str, Any]] = [("p = 0.5", 0.5), ("p = 1/6", 1 / 6), ("p = 1", 1.0), ("p = 1 (an int)", 1),
                                     ("p = 1e-300", 1e-300), ("an array", rng.uniform(0.001, 1, size=7)),
                                     ("a (2, 3) array", rng.uniform(0.001, 1, size=(2, 3)))]
    for base, unit in BASES:
        for what, p in values:
            label = f"self_information({what}, base={base:.4g})"
            args = (p,) if base == 2 else (p, base)
            got = _quiet_call(self_information, *args, label=label, arg_names=["p", "base"])
            expected = -np.log(np.asarray(p, dtype=float)) / np.log(base)
            if np.ndim(p) == 0:
                expect_scalar(got, float(expected), label=label, rtol=1e-10, atol=1e-12)
            else:
                expect_array(got, expected, label=label, rtol=1e-10, atol=1e-12)
    label = "self_information(0.0): an impossible event"
    got = _quiet_call(self_information, 0.0, label=label, arg_names=["p"])
    expect_scalar(got, np.inf, label=label)
    for p in [-0.1, 1.5, np.array([0.5, 2.0])]:
        _quiet_raises(self_information, p, label=f"self_information({p!r})")


def _distribution_cases(name: str) -> list[tuple[str, np.ndarray]]:
    rng = rng_for(name)
    cases = [("a fair coin", np.array([0.5, 0.5])), ("a one-hot distribution", np.array([0.0, 1.0, 0.0, 0.0])),
             ("a single outcome [1.0]", np.array([1.0])), ("a fair die", np.full(6, 1 / 6))]
    for k, zeros in [(2, 0), (5, 0), (5, 2), (12, 4), (30, 0)]:
        cases.append((f"a random distribution of {k} outcomes ({zeros} zeros)", _random_distribution(rng, k, zeros)))
    return cases


@check
def check_entropy(entropy: Callable) -> None:
    forbid_names(entropy, SCIPY_SHORTCUTS, label="entropy", why=DEFINITION_WHY)
    for base, unit in BASES:
        for what, p in _distribution_cases("entropy"):
            label = f"entropy(p) in {unit} for {what}"
            args = (p,) if base == 2 else (p, base)
            got = _quiet_call(entropy, *args, label=label, arg_names=["p", "base"])
            expect_scalar(got, float(stats.entropy(p, base=base)), label=label, rtol=1e-9, atol=1e-12)
    label = "entropy(p) for a Python list [0.25, 0.25, 0.5]"
    got = _quiet_call(entropy, [0.25, 0.25, 0.5], label=label, arg_names=["p"])
    expect_scalar(got, 1.5, label=label)
    label = "entropy(p) for p summing to 1 + 1e-10 (rounding, accepted)"
    got = _quiet_call(entropy, np.array([0.5, 0.5 + 1e-10]), label=label, arg_names=["p"])
    expect_scalar(got, 1.0, label=label, rtol=1e-6)
    for what, p in NOT_DISTRIBUTIONS.items():
        _quiet_raises(entropy, p, label=f"entropy(p) for p with {what}")


def _check_pairwise(func: Callable, name: str, reference: Callable[[np.ndarray, np.ndarray], float]) -> None:
    forbid_names(func, SCIPY_SHORTCUTS, label=name, why=DEFINITION_WHY)
    rng = rng_for(name)
    pairs = [("P = Q = a fair coin", np.array([0.5, 0.5]), np.array([0.5, 0.5])),
             ("a one-hot P", np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.5, 0.3])),
             ("P with zeros where Q is 0 too", np.array([0.0, 0.4, 0.6]), np.array([0.0, 0.5, 0.5])),
             ("Q = 0 where P > 0 (infinite)", np.array([0.3, 0.7]), np.array([1.0, 0.0])),
             ("single outcomes", np.array([1.0]), np.array([1.0]))]
    for k, zeros in [(2, 0), (4, 1), (10, 0), (25, 5)]:
        p = _random_distribution(rng, k, zeros)
        pairs.append((f"random P, Q over {k} outcomes", p, _random_distribution(rng, k)))
    for base, unit in BASES:
        for what, p, q in pairs:
            label = f"{name}(p, q) in {unit} for {what}"
            args = (p, q) if base == 2 else (p, q, base)
            got = _quiet_call(func, *args, label=label, arg_names=["p", "q", "base"])
            expect_scalar(got, reference(p, q) / np.log(base), label=label, rtol=1e-9, atol=1e-12)
    label = f"{name}(p, q) for Python lists"
    got = _quiet_call(func, [0.5, 0.5], [0.25, 0.75], label=label, arg_names=["p", "q"])
    expect_scalar(got, reference(np.array([0.5, 0.5]), np.array([0.25, 0.75])) / np.log(2), label=label)
    good = np.array([0.2, 0.3, 0.5])
    bad_pairs = {
        "a negative entry": (np.array([0.6, -0.1, 0.5]), good),
        "entries summing to 1.1": (np.array([0.5, 0.6, 0.0]), good),
        "entries summing to 1 - 1e-6": (np.array([0.5, 0.5 - 1e-6, 0.0]), good),
        "2-D arrays": (np.full((2, 2), 0.25), np.full((2, 2), 0.25)),
    }
    for what, (bad, fine) in bad_pairs.items():
        _quiet_raises(func, bad, fine, label=f"{name}(p, q) for p with {what}")
        _quiet_raises(func, fine, bad, label=f"{name}(p, q) for q with {what}")
    _quiet_raises(func, np.array([0.5, 0.5]), np.array([0.2, 0.3, 0.5]),
                  label=f"{name}(p, q) for p and q of different lengths")


@check
def check_cross_entropy(cross_entropy: Callable) -> None:
    _check_pairwise(cross_entropy, "cross_entropy", lambda p, q: float(-np.sum(special.xlogy(p, q))))


@check
def check_kl_divergence(kl_divergence: Callable) -> None:
    _check_pairwise(kl_divergence, "kl_divergence", lambda p, q: float(np.sum(special.rel_entr(p, q))))


# --- sampling -------------------------------------------------------------------------------


def _mixture_cdf(x: np.ndarray, weights: np.ndarray, means: np.ndarray, stds: np.ndarray) -> np.ndarray:
    return sum(w * stats.norm.cdf(x, m, s) for w, m, s in zip(weights, means, stds))


def _sample(func: Callable, n: int, weights: Any, means: Any, stds: Any, seed: int, label: str) -> Any:
    """Call the sampler with a fresh generator (the generator itself is meant to change)."""
    rng = np.random.default_rng(seed)
    return call(lambda *args: func(*args, rng), n, weights, means, stds, label=label,
                arg_names=["n", "weights", "means", "stds"])


def _expect_samples(got: Any, n: int, label: str) -> None:
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"{label} should return a NumPy array, got {describe(got)}")
    if got.shape != (n,):
        raise CheckFailed(f"{label} returned shape {got.shape}, expected ({n},)")
    if got.dtype != np.float64:
        raise CheckFailed(f"{label} returned dtype {got.dtype}, expected float64")
    if not np.all(np.isfinite(got)):
        raise CheckFailed(f"{label} returned non-finite values")


@check
def check_sample_gaussian_mixture(sample_gaussian_mixture: Callable) -> None:
    mixtures = [
        ("three components", [0.6, 0.3, 0.1], [-2.0, 1.0, 4.0], [0.5, 1.0, 0.3]),
        ("one component", [1.0], [3.0], [2.0]),
        ("two unequal components", [0.15, 0.85], [0.0, 0.5], [3.0, 0.2]),
    ]
    n = 20000
    for what, w, mu, sd in mixtures:
        weights, means, stds = (np.array(a) for a in (w, mu, sd))
        label = f"sample_gaussian_mixture({n}, ...) for {what}"
        got = _sample(sample_gaussian_mixture, n, weights, means, stds, 11, label)
        _expect_samples(got, n, label)
        again = _sample(sample_gaussian_mixture, n, weights, means, stds, 11, label)
        if not np.array_equal(got, again):
            raise CheckFailed(f"{label} gave different samples for two generators with the same seed: "
                              "draw every random number from the rng argument")
        mean = float(np.sum(weights * means))
        variance = float(np.sum(weights * (stds**2 + (means - mean) ** 2)))
        if abs(got.mean() - mean) > 5 * np.sqrt(variance / n):
            raise CheckFailed(f"{label}: the sample mean is {got.mean():.4g}, the mixture's mean is {mean:.4g}")
        if abs(got.var() / variance - 1) > 0.05:
            raise CheckFailed(f"{label}: the sample variance is {got.var():.4g}, the mixture's is {variance:.4g}")
        ks = stats.kstest(got, lambda x: _mixture_cdf(x, weights, means, stds)).statistic
        if ks > 2.0 / np.sqrt(n):
            raise CheckFailed(f"{label}: the histogram of the samples does not match the mixture's density "
                              f"(Kolmogorov-Smirnov distance {ks:.3f}); does each sample pick its component "
                              "with probability weights[k]?")
    half, ends, ones = np.array([0.5, 0.5]), np.array([0.0, 1.0]), np.array([1.0, 1.0])
    other = _sample(sample_gaussian_mixture, 50, half, ends, ones, 12, "sample_gaussian_mixture with seed 12")
    first = _sample(sample_gaussian_mixture, 50, half, ends, ones, 11, "sample_gaussian_mixture with seed 11")
    if np.array_equal(other, first):
        raise CheckFailed("sample_gaussian_mixture gave the same samples for different seeds: use the rng argument")
    label = "sample_gaussian_mixture(1, ...)"
    got = _sample(sample_gaussian_mixture, 1, np.array([0.3, 0.7]), np.array([0.0, 5.0]), ones, 3, label)
    _expect_samples(got, 1, label)
    label = "sample_gaussian_mixture with stds 0 (two Dirac spikes at -1 and 2, weights 0.25 and 0.75)"
    got = _sample(sample_gaussian_mixture, 4000, np.array([0.25, 0.75]), np.array([-1.0, 2.0]), np.zeros(2), 5,
                  label)
    _expect_samples(got, 4000, label)
    if not np.all((got == -1.0) | (got == 2.0)):
        raise CheckFailed(f"{label}: with std 0 every sample must equal one of the means")
    if abs(np.mean(got == -1.0) - 0.25) > 0.03:
        raise CheckFailed(f"{label}: {np.mean(got == -1.0):.3f} of the samples are -1, expected about 0.25")
    bad = {
        "weights summing to 0.9": ([0.5, 0.4], [0.0, 1.0], [1.0, 1.0]),
        "a negative weight": ([1.5, -0.5], [0.0, 1.0], [1.0, 1.0]),
        "three weights but two means": ([0.2, 0.3, 0.5], [0.0, 1.0], [1.0, 1.0, 1.0]),
        "two weights but three stds": ([0.5, 0.5], [0.0, 1.0], [1.0, 1.0, 1.0]),
        "a negative std": ([0.5, 0.5], [0.0, 1.0], [1.0, -1.0]),
    }
    for what, (w, mu, sd) in bad.items():
        expect_raises(sample_gaussian_mixture, 10, np.array(w), np.array(mu), np.array(sd),
                      np.random.default_rng(0), label=f"sample_gaussian_mixture for {what}")


__all__ = [name for name in dir() if name.startswith("check_")] + ["CheckFailed"]
