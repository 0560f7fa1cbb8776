"""Chapter 2 (probability and information theory): the rules and the inputs of each exercise's hidden checks.

Public on purpose: a student may read which inputs are tried. The expected results are computed
only by the instructor's judge (in the instructor edition).

Conventions the notebook states: a *distribution* is a 1-D array (or list) of non-negative
numbers summing to 1 within ``1e-8``; 0 · log 0 = 0; cross-entropy and KL divergence are
``inf`` (not an error) when q = 0 somewhere p > 0; sigmoid and softplus emit no
``RuntimeWarning``, even at ±1000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from helpers.checking.spec import KEEPS_INPUTS, Case, Exercise, Rule, forbids

BASES = [(2, "bits"), (np.e, "nats"), (10, "base 10")]


def _raises(label: str, *args: Any, names: tuple[str, ...], run: Callable[..., Any] | None = None) -> Case:
    return Case(label, args, names, run=run, note={"raises": "ValueError"})


def _random_distribution(rng: np.random.Generator, k: int, zeros: int = 0) -> np.ndarray:
    p = rng.dirichlet(np.ones(k))
    if zeros:
        p[rng.choice(k, size=zeros, replace=False)] = 0.0
        p /= p.sum()
    return p


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.ndim == 0 and type(value) is np.ndarray:
        return value[()]
    return value


def _number(student: Callable[..., Any], *args: Any) -> Any:
    """Call the student's function; a 0-d array is recorded as the number it holds (both are accepted)."""
    return _plain(student(*args))


def _plain_pair(student: Callable[..., Any], *args: Any) -> Any:
    """Like :func:`_number`; a tuple or list subclass (a namedtuple) is recorded as a plain one."""
    value = student(*args)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


LISTS = Rule("lists", "accept Python lists as well as NumPy arrays", (r"lists?\b",))


# --- Bayes' rule ----------------------------------------------------------------------------


def _posterior(rng: np.random.Generator) -> Iterator[Case]:
    names = ("prior", "likelihood")
    fixed = [
        ("the two bottles", np.array([2 / 3, 1 / 3]), np.array([0.2, 0.6])),
        ("a single hypothesis", np.array([1.0]), np.array([0.3])),
        ("a hypothesis with prior 0", np.array([0.0, 0.25, 0.75]), np.array([0.9, 0.1, 0.5])),
        ("a hypothesis with likelihood 0", np.array([0.5, 0.5]), np.array([0.0, 0.4])),
        ("density values above 1 (a continuous x)", np.array([0.3, 0.7]), np.array([2.5, 0.4])),
        ("float32 arrays", np.array([0.5, 0.25, 0.25], dtype=np.float32), np.array([0.2, 0.6, 0.1], dtype=np.float32)),
        ("an integer likelihood (density values 1 and 3)", np.array([0.5, 0.5]), np.array([1, 3])),
    ]
    for what, prior, likelihood in fixed:
        yield Case(f"posterior(prior, likelihood) for {what}", (prior, likelihood), names)
    for k in [2, 3, 6]:
        yield Case(f"posterior(prior, likelihood) for {k} random hypotheses",
                   (rng.dirichlet(np.ones(k)), rng.uniform(0.01, 1.0, size=k)), names)
    yield Case("posterior(prior, likelihood) for 4 hypotheses with density values up to 5",
               (rng.dirichlet(np.ones(4)), rng.uniform(0.01, 5.0, size=4)), names)
    yield Case("posterior with Python lists", ([0.5, 0.5], [0.2, 0.6]), names)
    bad = {
        "a prior summing to 0.9": ([0.5, 0.4], [0.5, 0.5]),
        "a prior summing to 1 - 1e-6": ([0.5, 0.5 - 1e-6], [0.5, 0.5]),
        "a negative prior": ([1.2, -0.2], [0.5, 0.5]),
        "prior and likelihood of different lengths": ([0.5, 0.5], [0.1, 0.2, 0.3]),
        "a negative likelihood": ([0.5, 0.5], [-0.1, 0.2]),
        "an observation impossible under every hypothesis": ([0.5, 0.5], [0.0, 0.0]),
        "likelihood 0 wherever the prior is positive": ([1.0, 0.0], [0.0, 0.7]),
    }
    for what, (prior, likelihood) in bad.items():
        yield _raises(f"posterior for {what}", np.array(prior), np.array(likelihood), names=names)


# --- maximum likelihood ---------------------------------------------------------------------


def _bernoulli(rng: np.random.Generator) -> Iterator[Case]:
    cases: list[tuple[str, Any]] = [("a single 1", np.array([1])), ("a single 0", np.array([0])),
                                    ("all zeros", np.zeros(7, dtype=int)), ("all ones", np.ones(4))]
    for n in [5, 40, 1000]:
        cases.append((f"{n} random ints", rng.integers(0, 2, size=n)))
    cases.append(("booleans", rng.random(30) < 0.3))
    cases.append(("floats 0.0 and 1.0", (rng.random(25) < 0.8).astype(float)))
    cases.append(("float32 zeros and ones", (rng.random(12) < 0.5).astype(np.float32)))
    cases.append(("a Python list [1, 0, 1, 1]", [1, 0, 1, 1]))
    for what, x in cases:
        yield Case(f"bernoulli_mle(x) for {what}", (x,), ("x",), run=_number)
    for what, x in {"an empty array": np.array([]), "a 2 among the outcomes": np.array([0, 1, 2]),
                    "a 0.5 among the outcomes": np.array([1.0, 0.5]),
                    "a -1 among the outcomes": np.array([-1, 1])}.items():
        yield _raises(f"bernoulli_mle for {what}", x, names=("x",))




def _gaussian(rng: np.random.Generator) -> Iterator[Case]:
    cases: list[tuple[str, Any]] = [("a single value", np.array([3.5])), ("two values", np.array([1.0, 4.0])),
                                    ("a constant array", np.full(6, -2.0)), ("integers", np.arange(10))]
    for n in [3, 50, 2000]:
        cases.append((f"{n} normal samples", rng.normal(loc=rng.uniform(-5, 5), scale=rng.uniform(0.5, 3), size=n)))
    cases.append(("float32 samples", rng.normal(size=40).astype(np.float32)))
    cases.append(("a Python list [1.0, 2.0, 3.0, 6.0]", [1.0, 2.0, 3.0, 6.0]))
    for what, x in cases:
        yield Case(f"gaussian_mle(x) for {what}", (x,), ("x",), run=_plain_pair)
    yield _raises("gaussian_mle for an empty array", np.array([]), names=("x",))


def _covariance(rng: np.random.Generator) -> Iterator[Case]:
    for shape in [(1, 1), (1, 3), (5, 1), (10, 3), (60, 4), (3, 6)]:
        x = rng.normal(size=shape) @ rng.normal(size=(shape[1], shape[1])) + rng.normal(size=shape[1]) * 3
        for ddof in (0, 1):
            if shape[0] - ddof <= 0:
                continue
            label = f"covariance_matrix(x, ddof={ddof}) for x of shape {shape}"
            if ddof == 0:
                yield Case(label, (x,), ("x",))
            else:
                yield Case(label, (x, ddof), ("x", "ddof"))
    yield Case("covariance_matrix(x) for an integer x", (rng.integers(-5, 5, size=(8, 2)),), ("x",))
    yield Case("covariance_matrix(x) for a float32 x", (rng.normal(size=(12, 3)).astype(np.float32),), ("x",))
    yield _raises("covariance_matrix for a 1-D array", np.ones(5), names=("x",))
    yield _raises("covariance_matrix with ddof=1 and one sample", np.ones((1, 3)), 1, names=("x", "ddof"))


# --- sampling -------------------------------------------------------------------------------


def _draw(seed: int) -> Callable[..., Any]:
    """Call the sampler with a generator of this seed, built here (the generator is meant to change)."""

    def run(student: Callable[..., Any], n: int, weights: Any, means: Any, stds: Any) -> Any:
        return student(n, weights, means, stds, np.random.default_rng(seed))

    return run


def _draw_three(seed: int, other: int) -> Callable[..., Any]:
    """Samples from two generators with the same seed, and from one with another seed."""

    def run(student: Callable[..., Any], n: int, weights: Any, means: Any, stds: Any) -> Any:
        return tuple(student(n, weights, means, stds, np.random.default_rng(s)) for s in (seed, seed, other))

    return run


MIXTURES = [
    ("three components", [0.6, 0.3, 0.1], [-2.0, 1.0, 4.0], [0.5, 1.0, 0.3]),
    ("one component", [1.0], [3.0], [2.0]),
    ("two unequal components", [0.15, 0.85], [0.0, 0.5], [3.0, 0.2]),
]
MIXTURE_NAMES = ("n", "weights", "means", "stds")
MIXTURE_SAMPLES = 20_000


def _mixture(rng: np.random.Generator) -> Iterator[Case]:
    def seed() -> int:
        return int(rng.integers(2**32))

    for what, w, mu, sd in MIXTURES:
        args = (MIXTURE_SAMPLES, np.array(w), np.array(mu), np.array(sd))
        yield Case(f"sample_gaussian_mixture({MIXTURE_SAMPLES}, ...) for {what}", args, MIXTURE_NAMES,
                   run=_draw(seed()), note={"check": "distribution"})
        first = seed()
        yield Case(f"sample_gaussian_mixture(200, ...) for {what}, with generators seeded {first}, {first} "
                   "and another seed", (200, *args[1:]), MIXTURE_NAMES, run=_draw_three(first, first + 1),
                   note={"check": "seeds"})
    ones = np.ones(2)
    yield Case("sample_gaussian_mixture(1, ...)", (1, np.array([0.3, 0.7]), np.array([0.0, 5.0]), ones),
               MIXTURE_NAMES, run=_draw(seed()), note={"check": "shape"})
    yield Case("sample_gaussian_mixture with stds 0 (two Dirac spikes at -1 and 2, weights 0.25 and 0.75)",
               (10_000, np.array([0.25, 0.75]), np.array([-1.0, 2.0]), np.zeros(2)), MIXTURE_NAMES,
               run=_draw(seed()), note={"check": "dirac"})
    bad = {
        "weights summing to 0.9": ([0.5, 0.4], [0.0, 1.0], [1.0, 1.0]),
        "a negative weight": ([1.5, -0.5], [0.0, 1.0], [1.0, 1.0]),
        "three weights but two means": ([0.2, 0.3, 0.5], [0.0, 1.0], [1.0, 1.0, 1.0]),
        "two weights but three stds": ([0.5, 0.5], [0.0, 1.0], [1.0, 1.0, 1.0]),
        "a negative std": ([0.5, 0.5], [0.0, 1.0], [1.0, -1.0]),
    }
    for what, (w, mu, sd) in bad.items():
        yield _raises(f"sample_gaussian_mixture for {what}", 10, np.array(w), np.array(mu), np.array(sd),
                      names=MIXTURE_NAMES, run=_draw(seed()))


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


# Between 20 and 40 log(1 + exp(-x)) is below 2e-9 but above 1e-12: returning x there (a cut-off) is off.
SOFTPLUS_INPUTS: list[tuple[str, Any]] = [
    ("x = 21.0", 21.0),
    ("x = [20.5, 21, 22, 23, 24, 30, 39]", np.array([20.5, 21.0, 22.0, 23.0, 24.0, 30.0, 39.0])),
]


def _stable(name: str, extra: list[tuple[str, Any]] | None = None) -> Callable[[np.random.Generator], Iterator[Case]]:
    def plan(rng: np.random.Generator) -> Iterator[Case]:
        inputs = STABLE_INPUTS + (extra or []) + [
            ("a (4, 5) array of normal values", rng.normal(scale=5.0, size=(4, 5))),
            ("a (2, 3, 4) array spanning ±800", rng.uniform(-800, 800, size=(2, 3, 4))),
            ("a (1,) array", rng.normal(size=1)),
        ]
        for what, x in inputs:
            yield Case(f"{name}(x) for {what}", (x,), ("x",), run=_number)

    return plan


NO_WARNING = Rule("no_warning", "no RuntimeWarning, even at x = ±1000: never compute exp of a large positive number",
                  (r"RuntimeWarning", r"1000"))
SAME_SHAPE = Rule("same_shape", "return float values of the same shape as x (a number for a number), "
                  "within 1e-12 of the reference", (r"same shape", r"1e-12"))


# --- information ----------------------------------------------------------------------------


def _self_information(rng: np.random.Generator) -> Iterator[Case]:
    values: list[tuple[str, Any]] = [("p = 0.5", 0.5), ("p = 1/6", 1 / 6), ("p = 1", 1.0), ("p = 1 (an int)", 1),
                                     ("p = 1e-300", 1e-300), ("an array", rng.uniform(0.001, 1, size=7)),
                                     ("a (2, 3) array", rng.uniform(0.001, 1, size=(2, 3))),
                                     ("a float32 array", rng.uniform(0.001, 1, size=5).astype(np.float32))]
    for base, _unit in BASES:
        for what, p in values:
            label = f"self_information({what}, base={base:.4g})"
            if base == 2:
                yield Case(label, (p,), ("p",), run=_number)
            else:
                yield Case(label, (p, base), ("p", "base"), run=_number)
    yield Case("self_information(0.0): an impossible event", (0.0,), ("p",), run=_number)
    yield Case("self_information([0.0, 0.5]): an impossible event in an array", (np.array([0.0, 0.5]),), ("p",))
    for p in [-0.1, 1.5, np.array([0.5, 2.0])]:
        yield _raises(f"self_information({p!r})", p, names=("p",))


NOT_DISTRIBUTIONS = {
    "a negative entry": np.array([0.6, -0.1, 0.5]),
    "entries summing to 1.1": np.array([0.5, 0.6]),
    "entries summing to 1 - 1e-6": np.array([0.5, 0.5 - 1e-6]),
    "a 2-D array": np.full((2, 2), 0.25),
}


def _entropy(rng: np.random.Generator) -> Iterator[Case]:
    cases: list[tuple[str, Any]] = [
        ("a fair coin", np.array([0.5, 0.5])), ("a one-hot distribution", np.array([0.0, 1.0, 0.0, 0.0])),
        ("a single outcome [1.0]", np.array([1.0])), ("a fair die", np.full(6, 1 / 6)),
        ("an integer one-hot [0, 1, 0]", np.array([0, 1, 0])),
        ("a float32 [0.5, 0.25, 0.25]", np.array([0.5, 0.25, 0.25], dtype=np.float32))]
    for k, zeros in [(2, 0), (5, 0), (5, 2), (12, 4), (30, 0)]:
        cases.append((f"a random distribution of {k} outcomes ({zeros} zeros)", _random_distribution(rng, k, zeros)))
    for base, unit in BASES:
        for what, p in cases:
            label = f"entropy(p) in {unit} for {what}"
            yield Case(label, (p,) if base == 2 else (p, base), ("p", "base"), run=_number)
    yield Case("entropy(p) for a Python list [0.25, 0.25, 0.5]", ([0.25, 0.25, 0.5],), ("p",), run=_number)
    yield Case("entropy(p) for p summing to 1 + 1e-10 (rounding, accepted)", (np.array([0.5, 0.5 + 1e-10]),), ("p",),
               run=_number)
    for what, p in NOT_DISTRIBUTIONS.items():
        yield _raises(f"entropy(p) for p with {what}", p, names=("p",))


def _pairwise(name: str) -> Callable[[np.random.Generator], Iterator[Case]]:
    def plan(rng: np.random.Generator) -> Iterator[Case]:
        pairs: list[tuple[str, Any, Any]] = [
            ("P = Q = a fair coin", np.array([0.5, 0.5]), np.array([0.5, 0.5])),
            ("a one-hot P", np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.5, 0.3])),
            ("P with zeros where Q is 0 too", np.array([0.0, 0.4, 0.6]), np.array([0.0, 0.5, 0.5])),
            ("Q = 0 where P > 0 (infinite)", np.array([0.3, 0.7]), np.array([1.0, 0.0])),
            ("single outcomes", np.array([1.0]), np.array([1.0])),
            ("an integer one-hot P", np.array([0, 0, 1]), np.array([0.25, 0.25, 0.5])),
            ("float32 P and Q", np.array([0.5, 0.25, 0.25], dtype=np.float32),
             np.array([0.25, 0.25, 0.5], dtype=np.float32)),
        ]
        for k, zeros in [(2, 0), (4, 1), (10, 0), (25, 5)]:
            p = _random_distribution(rng, k, zeros)
            pairs.append((f"random P, Q over {k} outcomes", p, _random_distribution(rng, k)))
        for base, unit in BASES:
            for what, p, q in pairs:
                label = f"{name}(p, q) in {unit} for {what}"
                yield Case(label, (p, q) if base == 2 else (p, q, base), ("p", "q", "base"), run=_number)
        yield Case(f"{name}(p, q) for Python lists", ([0.5, 0.5], [0.25, 0.75]), ("p", "q"), run=_number)
        good = np.array([0.2, 0.3, 0.5])
        bad_pairs = {
            "a negative entry": np.array([0.6, -0.1, 0.5]),
            "entries summing to 1.1": np.array([0.5, 0.6, 0.0]),
            "entries summing to 1 - 1e-6": np.array([0.5, 0.5 - 1e-6, 0.0]),
        }
        for what, bad in bad_pairs.items():
            yield _raises(f"{name}(p, q) for p with {what}", bad, good, names=("p", "q"))
            yield _raises(f"{name}(p, q) for q with {what}", good, bad, names=("p", "q"))
        square = np.full((2, 2), 0.25)
        yield _raises(f"{name}(p, q) for 2-D p and q", square, square.copy(), names=("p", "q"))
        yield _raises(f"{name}(p, q) for p and q of different lengths", np.array([0.5, 0.5]),
                      np.array([0.2, 0.3, 0.5]), names=("p", "q"))

    return plan


NOT_A_DISTRIBUTION = Rule("distribution", "raise ValueError for an input that is not a distribution (not 1-D, a "
                          "negative entry, or a sum off by more than 1e-8)",
                          (r"ValueError", r"1-D", r"negative", r"1e-8"))
INFINITE = Rule("infinite", "return np.inf when Q(x) = 0 for some x with P(x) > 0 (not an error)",
                (r"np\.inf",))
ZERO_TERMS = Rule("zero_terms", "terms with P(x) = 0 contribute 0", (r"contribute 0",))
SAME_SHAPES = Rule("same_shapes", "raise ValueError when p and q have different shapes", (r"different shapes",))
NO_STATS_ENTROPY = forbids("forbid_stats_entropy", "scipy.stats.entropy, which computes the whole sum in one call, "
                           "is not allowed here (element-wise helpers such as scipy.special.xlogy or rel_entr are)",
                           r"scipy\.stats\.entropy")
SCIPY_ENTROPY = ("scipy.stats.entropy", "scipy.special.entr", "scipy.special.xlogy", "scipy.special.rel_entr",
                 "scipy.special.kl_div")

EXERCISES = [
    Exercise("posterior", _posterior, (
        KEEPS_INPUTS, LISTS,
        Rule("prior", "raise ValueError when the prior is not a distribution (a negative entry, or a sum off by "
                      "more than 1e-8)", (r"ValueError", r"not a distribution", r"1e-8")),
        Rule("shapes", "raise ValueError when prior and likelihood have different shapes", (r"different shapes",)),
        Rule("likelihood", "raise ValueError for a negative likelihood; likelihoods above 1 (density values) are "
                           "allowed", (r"likelihood is negative", r"exceed 1")),
        Rule("evidence", "raise ValueError when the evidence P(x) is 0", (r"evidence", r"is 0")),
    ), quiet=True),
    Exercise("bernoulli_mle", _bernoulli, (
        KEEPS_INPUTS, LISTS,
        Rule("outcomes", "raise ValueError for an empty array or an outcome other than 0 and 1",
             (r"ValueError", r"empty", r"other than 0 and 1")),
    ), quiet=True),
    Exercise("gaussian_mle", _gaussian, (
        KEEPS_INPUTS, LISTS,
        Rule("pair", "return the pair (mean, variance): a tuple or a list of two numbers", (r"pair", r"tuple")),
        Rule("ml_variance", "the maximum-likelihood variance divides by n, not by n - 1", (r"not by \$?n - 1",)),
        Rule("empty", "raise ValueError for an empty array", (r"ValueError", r"empty")),
    ), quiet=True),
    Exercise("covariance_matrix", _covariance, (
        KEEPS_INPUTS,
        forbids("forbid_cov", "build the matrix from centred data, without np.cov or np.corrcoef",
                r"np\.cov", r"np\.corrcoef"),
        Rule("value_error", "raise ValueError if x is not 2-D or n - ddof <= 0",
             (r"ValueError", r"not 2-D", r"\\le 0")),
    ), forbidden=("numpy.cov", "numpy.corrcoef"), quiet=True),
    Exercise("sample_gaussian_mixture", _mixture, (
        KEEPS_INPUTS,
        Rule("rng", "take every random number from the rng argument: the same seed gives the same samples",
             (r"\brng\b", r"same seed")),
        Rule("samples", "return n independent samples, a component drawn for each sample: a float array of shape "
                        "(n,) distributed as the mixture",
             (r"independent samples", r"a component for each sample", r"shape `?\(n,\)")),
        Rule("dirac", "a standard deviation of 0 is allowed", (r"deviation of 0",)),
        Rule("value_error", "raise ValueError for lengths that differ, weights that are not a distribution, or a "
                            "negative standard deviation", (r"ValueError", r"common length", r"1e-8", r"negative")),
    ), quiet=True),
    Exercise("sigmoid", _stable("sigmoid"), (
        KEEPS_INPUTS, NO_WARNING, SAME_SHAPE,
        forbids("forbid_expit", "write the stable formula yourself with np.exp, without scipy.special.expit, "
                                "scipy.special.log_expit or np.logaddexp", r"scipy\.special\.expit",
                r"log_expit", r"np\.logaddexp"),
    ), forbidden=("scipy.special.expit", "scipy.special.log_expit", "numpy.logaddexp")),
    Exercise("softplus", _stable("softplus", SOFTPLUS_INPUTS), (
        KEEPS_INPUTS, NO_WARNING, SAME_SHAPE,
        forbids("forbid_logaddexp", "write the stable formula yourself with np.exp and np.log1p, without "
                                    "np.logaddexp, np.logaddexp2, scipy.special.logsumexp or scipy.special.log_expit",
                r"np\.logaddexp\b", r"logaddexp2", r"logsumexp", r"log_expit"),
    ), forbidden=("numpy.logaddexp", "numpy.logaddexp2", "scipy.special.logsumexp", "scipy.special.log_expit")),
    Exercise("self_information", _self_information, (
        KEEPS_INPUTS,
        Rule("base", "-log_base(p), element-wise, for a number or an array", (r"base", r"element-wise")),
        Rule("inf", "return inf where p = 0", (r"inf",)),
        Rule("range", "raise ValueError if any p is outside [0, 1]", (r"ValueError", r"outside")),
    ), quiet=True),
    Exercise("entropy", _entropy, (
        KEEPS_INPUTS, LISTS, NOT_A_DISTRIBUTION,
        Rule("zero_log_zero", "0 log 0 = 0: a one-hot distribution has entropy 0, not nan", (r"0 \\log 0 = 0",)),
        forbids("forbid_scipy", "compute it from its definition with NumPy: no SciPy (scipy.stats.entropy, "
                                "scipy.special.entr, xlogy, rel_entr, kl_div)",
                r"SciPy", r"scipy\.stats\.entropy", r"entr\b", r"xlogy", r"rel_entr", r"kl_div"),
    ), forbidden=SCIPY_ENTROPY, quiet=True),
    Exercise("cross_entropy", _pairwise("cross_entropy"), (
        KEEPS_INPUTS, LISTS, NOT_A_DISTRIBUTION, INFINITE, ZERO_TERMS, SAME_SHAPES, NO_STATS_ENTROPY,
    ), forbidden=("scipy.stats.entropy",), quiet=True),
    Exercise("kl_divergence", _pairwise("kl_divergence"), (
        KEEPS_INPUTS, LISTS, NOT_A_DISTRIBUTION, INFINITE, ZERO_TERMS, SAME_SHAPES, NO_STATS_ENTROPY,
    ), forbidden=("scipy.stats.entropy",), quiet=True),
]
