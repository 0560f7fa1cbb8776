"""Typical mistakes in chapter 2 (probability and information theory); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    Mistake(
        name="posterior_not_normalised",
        what="returns likelihood × prior without dividing by the evidence P(x)",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape or abs(prior.sum() - 1) > 1e-8 or np.any(prior < 0):
        raise ValueError("bad prior")
    return prior * likelihood
''',
    ),
    Mistake(
        name="posterior_ignores_prior",
        what="normalises the likelihoods alone, as if the prior were uniform",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape or abs(prior.sum() - 1) > 1e-8 or np.any(prior < 0):
        raise ValueError("bad prior")
    return likelihood / likelihood.sum()
''',
    ),
    Mistake(
        name="posterior_no_evidence_check",
        what="right formula, but accepts negative likelihoods and divides by an evidence of 0 (nan)",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape or abs(prior.sum() - 1) > 1e-8 or np.any(prior < 0):
        raise ValueError("bad prior")
    joint = prior * likelihood
    return joint / joint.sum()
''',
    ),
    Mistake(
        name="posterior_rejects_densities",
        what="raises ValueError for a likelihood above 1, but density values may exceed 1",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape or abs(prior.sum() - 1) > 1e-8 or np.any(prior < 0):
        raise ValueError("bad prior")
    if np.any((likelihood < 0) | (likelihood > 1)):
        raise ValueError("likelihoods must lie in [0, 1]")
    joint = prior * likelihood
    if joint.sum() == 0:
        raise ValueError("P(x) = 0")
    return joint / joint.sum()
''',
    ),
    Mistake(
        name="posterior_in_place",
        what="normalises the prior array in place (prior *= likelihood), changing the caller's prior",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)            # no copy for a float64 array: still the caller's
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape or abs(prior.sum() - 1) > 1e-8 or np.any(prior < 0):
        raise ValueError("bad prior")
    if np.any(likelihood < 0):
        raise ValueError("negative likelihood")
    prior *= likelihood
    evidence = prior.sum()
    if evidence == 0:
        raise ValueError("the evidence P(x) is 0")
    prior /= evidence
    return prior
''',
    ),
    Mistake(
        name="posterior_isclose_prior",
        what="checks the prior's sum with np.isclose (rtol 1e-5): accepts a sum of 1 - 1e-6",
        cell="posterior",
        breaks=("posterior_tests",),
        code='''
def posterior(prior, likelihood):
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape:
        raise ValueError("different shapes")
    if np.any(prior < 0) or not np.isclose(prior.sum(), 1.0):
        raise ValueError("prior is not a distribution")
    if np.any(likelihood < 0):
        raise ValueError("negative likelihood")
    joint = prior * likelihood
    evidence = joint.sum()
    if evidence == 0:
        raise ValueError("evidence is 0")
    return joint / evidence
''',
    ),
    Mistake(
        name="bernoulli_no_validation",
        what="returns the mean of any numbers, 2s and 0.5s included",
        cell="bernoulli_mle",
        breaks=("bernoulli_mle_tests",),
        code='''
def bernoulli_mle(x):
    return float(np.mean(x))
''',
    ),
    Mistake(
        name="bernoulli_fraction_of_zeros",
        what="estimates P(x = 0) instead of P(x = 1)",
        cell="bernoulli_mle",
        breaks=("bernoulli_mle_tests",),
        code='''
def bernoulli_mle(x):
    x = np.asarray(x)
    if x.size == 0 or not np.all((x == 0) | (x == 1)):
        raise ValueError("outcomes must be 0 or 1")
    return float(np.mean(x == 0))
''',
    ),
    Mistake(
        name="gaussian_unbiased_variance",
        what="divides by n - 1 (np.var with ddof=1) instead of the maximum-likelihood n",
        cell="gaussian_mle",
        breaks=("gaussian_mle_tests",),
        code='''
def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty")
    return float(np.mean(x)), float(np.var(x, ddof=1))
''',
    ),
    Mistake(
        name="gaussian_returns_std",
        what="returns the standard deviation instead of the variance",
        cell="gaussian_mle",
        breaks=("gaussian_mle_tests",),
        code='''
def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty")
    return float(np.mean(x)), float(np.std(x))
''',
    ),
    Mistake(
        name="covariance_not_centred",
        what="forgets to subtract the mean: computes Xᵀ X / n",
        cell="covariance_matrix",
        breaks=("covariance_matrix_tests",),
        code='''
def covariance_matrix(x, ddof=0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[0] - ddof <= 0:
        raise ValueError("bad input")
    return x.T @ x / (x.shape[0] - ddof)
''',
    ),
    Mistake(
        name="covariance_transposed",
        what="treats columns as samples: centres the rows and returns an (n, n) matrix",
        cell="covariance_matrix",
        breaks=("covariance_matrix_tests",),
        code='''
def covariance_matrix(x, ddof=0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[0] - ddof <= 0:
        raise ValueError("bad input")
    centred = x - x.mean(axis=1, keepdims=True)
    return centred @ centred.T / (x.shape[1] - ddof)
''',
    ),
    Mistake(
        name="covariance_uses_np_cov",
        what="calls np.cov, which the exercise forbids",
        cell="covariance_matrix",
        breaks=("covariance_matrix_tests",),
        code='''
def covariance_matrix(x, ddof=0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[0] - ddof <= 0:
        raise ValueError("bad input")
    return np.atleast_2d(np.cov(x, rowvar=False, ddof=ddof))
''',
    ),
    Mistake(
        name="covariance_ignores_ddof",
        what="always divides by n, whatever ddof",
        cell="covariance_matrix",
        breaks=("covariance_matrix_tests",),
        code='''
def covariance_matrix(x, ddof=0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[0] - ddof <= 0:
        raise ValueError("bad input")
    centred = x - x.mean(axis=0)
    return centred.T @ centred / x.shape[0]
''',
    ),
    Mistake(
        name="covariance_global_mean",
        what="subtracts the mean of all entries instead of each column's mean",
        cell="covariance_matrix",
        breaks=("covariance_matrix_tests",),
        code='''
def covariance_matrix(x, ddof=0):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[0] - ddof <= 0:
        raise ValueError("bad input")
    centred = x - x.mean()
    return centred.T @ centred / (x.shape[0] - ddof)
''',
    ),
    Mistake(
        name="mixture_ignores_weights",
        what="picks every component with the same probability",
        cell="sample_gaussian_mixture",
        breaks=("sample_gaussian_mixture_tests",),
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    weights, means, stds = np.asarray(weights), np.asarray(means), np.asarray(stds)
    if weights.shape != means.shape or weights.shape != stds.shape or np.any(weights < 0) \\
            or abs(weights.sum() - 1) > 1e-8 or np.any(stds < 0):
        raise ValueError("bad mixture")
    k = rng.integers(0, len(weights), size=n)
    return rng.normal(means[k], stds[k])
''',
    ),
    Mistake(
        name="mixture_global_rng",
        what="draws from np.random instead of the rng argument (not reproducible)",
        cell="sample_gaussian_mixture",
        breaks=("sample_gaussian_mixture_tests",),
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    weights, means, stds = np.asarray(weights), np.asarray(means), np.asarray(stds)
    if weights.shape != means.shape or weights.shape != stds.shape or np.any(weights < 0) \\
            or abs(weights.sum() - 1) > 1e-8 or np.any(stds < 0):
        raise ValueError("bad mixture")
    k = np.random.choice(len(weights), size=n, p=weights)
    return np.random.normal(means[k], stds[k])
''',
    ),
    Mistake(
        name="mixture_single_gaussian",
        what="draws from one Gaussian with the weighted mean and weighted std",
        cell="sample_gaussian_mixture",
        breaks=("sample_gaussian_mixture_tests",),
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    weights, means, stds = np.asarray(weights), np.asarray(means), np.asarray(stds)
    if weights.shape != means.shape or weights.shape != stds.shape or np.any(weights < 0) \\
            or abs(weights.sum() - 1) > 1e-8 or np.any(stds < 0):
        raise ValueError("bad mixture")
    return rng.normal(np.sum(weights * means), np.sum(weights * stds), size=n)
''',
    ),
    Mistake(
        name="mixture_grouped_by_component",
        what="draws multinomial counts, then each component's samples in one block: grouped, never shuffled",
        cell="sample_gaussian_mixture",
        breaks=("sample_gaussian_mixture_tests",),
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    weights, means, stds = (np.asarray(a, dtype=float) for a in (weights, means, stds))
    if not (len(weights) == len(means) == len(stds)):
        raise ValueError("weights, means and stds need one common length")
    if np.any(weights < 0) or abs(weights.sum() - 1) > 1e-8:
        raise ValueError("weights are not a distribution")
    if np.any(stds < 0):
        raise ValueError("negative standard deviation")
    counts = rng.multinomial(n, weights)
    return np.concatenate([rng.normal(m, s, size=c) for m, s, c in zip(means, stds, counts)])
''',
    ),
    Mistake(
        name="sigmoid_naive",
        what="the textbook formula 1 / (1 + exp(-x)), which overflows at x = -1000",
        cell="sigmoid",
        breaks=("sigmoid_tests",),
        code='''
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
''',
    ),
    Mistake(
        name="sigmoid_where_both_branches",
        what="np.where with both formulas: the unused branch still overflows",
        cell="sigmoid",
        breaks=("sigmoid_tests",),
        code='''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))
''',
    ),
    Mistake(
        name="sigmoid_keeps_int_dtype",
        what="fills np.empty_like(x), so integer input gives integer output",
        cell="sigmoid",
        breaks=("sigmoid_tests",),
        code='''
def sigmoid(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    z = np.exp(-np.abs(x))
    out[...] = np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
    return out
''',
    ),
    Mistake(
        name="softplus_naive",
        what="log(1 + exp(x)), which overflows at x = 1000",
        cell="softplus",
        breaks=("softplus_tests",),
        code='''
def softplus(x):
    return np.log(1.0 + np.exp(np.asarray(x, dtype=float)))
''',
    ),
    Mistake(
        name="softplus_shortcut",
        what="calls np.logaddexp, which the exercise forbids",
        cell="softplus",
        breaks=("softplus_tests",),
        code='''
def softplus(x):
    return np.logaddexp(0.0, np.asarray(x, dtype=float))
''',
    ),
    Mistake(
        name="softplus_threshold_20",
        what="returns x itself for x > 20 (PyTorch's threshold): off by up to 2e-9 between 20 and 28",
        cell="softplus",
        breaks=("softplus_tests",),
        code='''
def softplus(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    big = x > 20
    out[big] = x[big]
    out[~big] = np.log1p(np.exp(x[~big]))
    return out if out.ndim else float(out)
''',
    ),
    Mistake(
        name="self_information_ignores_base",
        what="always uses the natural logarithm (nats), whatever the base",
        cell="self_information",
        breaks=("self_information_tests",),
        code='''
def self_information(p, base=2):
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("not a probability")
    return -np.log(p)
''',
    ),
    Mistake(
        name="self_information_base_inverted",
        what="divides by log(p) instead of log(base): the change of base upside down",
        cell="self_information",
        breaks=("self_information_tests",),
        code='''
def self_information(p, base=2):
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("not a probability")
    return -np.log(base) / np.log(p)
''',
    ),
    Mistake(
        name="entropy_nan_for_zeros",
        what="computes p·log p everywhere, so a zero entry gives nan",
        cell="entropy",
        breaks=("entropy_tests",),
        code='''
def entropy(p, base=2):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p < 0) or abs(p.sum() - 1) > 1e-8:
        raise ValueError("not a distribution")
    return float(-np.sum(p * np.log(p)) / np.log(base))
''',
    ),
    Mistake(
        name="entropy_no_validation",
        what="accepts anything, e.g. entries summing to 1.1",
        cell="entropy",
        breaks=("entropy_tests",),
        code='''
def entropy(p, base=2):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)) / np.log(base))
''',
    ),
    Mistake(
        name="entropy_wrong_base",
        what="multiplies by log(base) instead of dividing",
        cell="entropy",
        breaks=("entropy_tests",),
        code='''
def entropy(p, base=2):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p < 0) or abs(p.sum() - 1) > 1e-8:
        raise ValueError("not a distribution")
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)) * np.log(base))
''',
    ),
    Mistake(
        name="entropy_uses_scipy_entr",
        what="sums scipy.special.entr(p), which the exercise forbids (no SciPy)",
        cell="entropy",
        breaks=("entropy_tests",),
        code='''
from scipy.special import entr


def entropy(p, base=2):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p < 0) or abs(p.sum() - 1) > 1e-8:
        raise ValueError("not a distribution")
    return float(np.sum(entr(p)) / np.log(base))
''',
    ),
    Mistake(
        name="cross_entropy_swapped",
        what="computes -sum q log p: P and Q swapped",
        cell="cross_entropy",
        breaks=("cross_entropy_tests",),
        code='''
def cross_entropy(p, q, base=2):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError("shapes")
    for d in (p, q):
        if np.any(d < 0) or abs(d.sum() - 1) > 1e-8:
            raise ValueError("not a distribution")
    support = q > 0
    if np.any(p[support] == 0):
        return np.inf
    return float(-np.sum(q[support] * np.log(p[support])) / np.log(base))
''',
    ),
    Mistake(
        name="cross_entropy_nan_for_zeros",
        what="sums p·log q over every entry, so 0·log 0 gives nan",
        cell="cross_entropy",
        breaks=("cross_entropy_tests",),
        code='''
def cross_entropy(p, q, base=2):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError("shapes")
    for d in (p, q):
        if np.any(d < 0) or abs(d.sum() - 1) > 1e-8:
            raise ValueError("not a distribution")
    with np.errstate(all="ignore"):
        return float(-np.sum(p * np.log(q)) / np.log(base))
''',
    ),
    Mistake(
        name="kl_swapped",
        what="computes D_KL(Q || P) instead of D_KL(P || Q)",
        cell="kl_divergence",
        breaks=("kl_divergence_tests",),
        code='''
def kl_divergence(p, q, base=2):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError("shapes")
    for d in (p, q):
        if np.any(d < 0) or abs(d.sum() - 1) > 1e-8:
            raise ValueError("not a distribution")
    support = q > 0
    if np.any(p[support] == 0):
        return np.inf
    return float(np.sum(q[support] * np.log(q[support] / p[support])) / np.log(base))
''',
    ),
    Mistake(
        name="kl_uses_scipy",
        what="calls scipy.stats.entropy(p, q), which the exercise forbids",
        cell="kl_divergence",
        breaks=("kl_divergence_tests",),
        code='''
def kl_divergence(p, q, base=2):
    import scipy.stats
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError("shapes")
    for d in (p, q):
        if np.any(d < 0) or abs(d.sum() - 1) > 1e-8:
            raise ValueError("not a distribution")
    return float(scipy.stats.entropy(p, q, base=base))
''',
    ),
]
