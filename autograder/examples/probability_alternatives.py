"""Alternative correct answers to chapter 2 (probability), written from the exercise text alone: each must keep full marks."""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ explicit_loops
    Alternative(
        style="explicit_loops",
        cell="posterior",
        what="plain Python lists, a for loop for validation and a while loop for the joint; lists accepted as is",
        code='''
def posterior(prior, likelihood):
    """P(y = i | x) for every hypothesis i, from P(y = i) and P(x | y = i)."""
    if np.shape(prior) != np.shape(likelihood):
        raise ValueError(f"prior has shape {np.shape(prior)} but likelihood has shape {np.shape(likelihood)}")
    priors = [float(v) for v in prior]
    likes = [float(v) for v in likelihood]
    total = 0.0
    for w in priors:
        if not w >= 0:
            raise ValueError("a prior probability cannot be negative")
        total += w
    if not abs(total - 1.0) <= 1e-8:
        raise ValueError(f"the prior sums to {total}, not 1")
    for value in likes:
        if not value >= 0.0:
            raise ValueError(f"likelihood {value} is negative")
    joint = []
    i = 0
    while i < len(priors):
        joint.append(priors[i] * likes[i])
        i += 1
    evidence = sum(joint)
    if evidence == 0:
        raise ValueError("P(x) = 0: the observation is impossible under every hypothesis")
    return np.array([j / evidence for j in joint])
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="bernoulli_mle",
        what="one for loop counts heads and rejects other values; empty input detected after the loop",
        code='''
def bernoulli_mle(x):
    """Maximum-likelihood estimate of p = P(x = 1) from 0/1 outcomes."""
    heads = 0
    count = 0
    for outcome in x:
        if outcome == 1:
            heads += 1
        elif outcome != 0:
            raise ValueError(f"{outcome!r} is not a Bernoulli outcome (expected 0 or 1)")
        count += 1
    if count == 0:
        raise ValueError("cannot estimate p from zero outcomes")
    return heads / count
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="gaussian_mle",
        what="Welford's one-pass running mean and sum of squares in a while loop",
        code='''
def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of a normal distribution from samples x."""
    values = [float(v) for v in x]
    if len(values) == 0:
        raise ValueError("no samples: the mean of nothing is undefined")
    mean = 0.0
    m2 = 0.0
    i = 0
    while i < len(values):
        delta = values[i] - mean
        i += 1
        mean += delta / i
        m2 += delta * (values[i - 1] - mean)
    return (mean, m2 / len(values))
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="covariance_matrix",
        what="triple loop over feature pairs and samples on Python lists, filling both triangles",
        code='''
def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"expected a 2-D array (samples x features), got {x.ndim}-D")
    n, d = x.shape
    if n - ddof <= 0:
        raise ValueError(f"n - ddof = {n - ddof}: need more samples than ddof")
    rows = x.tolist()
    means = [sum(row[j] for row in rows) / n for j in range(d)]
    result = np.zeros((d, d))
    for j in range(d):
        for k in range(j, d):
            s = 0.0
            for row in rows:
                s += (row[j] - means[j]) * (row[k] - means[k])
            result[j, k] = s / (n - ddof)
            result[k, j] = result[j, k]
    return result
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="sample_gaussian_mixture",
        what="rng.choice for all components, then one rng.normal call per sample in a for loop",
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights = [float(w) for w in weights]
    means = [float(m) for m in means]
    stds = [float(s) for s in stds]
    if not len(weights) == len(means) == len(stds):
        raise ValueError("weights, means and stds must have the same length")
    for w in weights:
        if not w >= 0:
            raise ValueError("mixture weights cannot be negative")
    if not abs(sum(weights) - 1.0) <= 1e-8:
        raise ValueError("mixture weights must sum to 1")
    for s in stds:
        if not s >= 0:
            raise ValueError("a standard deviation cannot be negative")
    components = rng.choice(len(weights), size=n, p=weights)
    samples = np.empty(n)
    for i, k in enumerate(components):
        samples[i] = rng.normal(means[k], stds[k])
    return samples
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="sigmoid",
        what="element by element over np.ndindex with an if/else on the sign; returns out[()] (a scalar for scalar input)",
        code='''
def sigmoid(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), element-wise, without overflow."""
    values = np.asarray(x, dtype=float)
    out = np.empty(values.shape)
    for idx in np.ndindex(values.shape):
        v = values[idx]
        if v >= 0:
            out[idx] = 1.0 / (1.0 + np.exp(-v))
        else:
            e = np.exp(v)
            out[idx] = e / (1.0 + e)
    return out[()]
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="softplus",
        what="for loop over the flat positions with an if/else on the sign and log1p",
        code='''
def softplus(x):
    """The softplus log(1 + exp(x)), element-wise, without overflow."""
    values = np.asarray(x, dtype=float)
    flat = values.ravel()
    out = np.empty(flat.size)
    for i in range(flat.size):
        v = flat[i]
        if v > 0:
            out[i] = v + np.log1p(np.exp(-v))
        else:
            out[i] = np.log1p(np.exp(v))
    return out.reshape(values.shape)
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="self_information",
        what="loop over np.ndindex, inf for p == 0, float for scalar input",
        code='''
def self_information(p, base=2):
    """-log_base(p), element-wise; inf where p == 0."""
    arr = np.asarray(p, dtype=float)
    out = np.empty(arr.shape)
    for idx in np.ndindex(arr.shape):
        v = arr[idx]
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"{v} is not a probability")
        if v == 0:
            out[idx] = np.inf
        else:
            out[idx] = -np.log(v) / np.log(base)
    if out.ndim == 0:
        return float(out)
    return out
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="entropy",
        what="Python list, for loop validation, generator expression with the built-in sum skipping zeros",
        code='''
def entropy(p, base=2):
    """H(P) = -sum p log p (0 log 0 = 0), in units of log base."""
    if np.ndim(p) != 1:
        raise ValueError("p must be a 1-D distribution")
    probs = [float(v) for v in p]
    total = 0.0
    for v in probs:
        if v < 0:
            raise ValueError("a probability cannot be negative")
        total += v
    if not abs(total - 1.0) <= 1e-8:
        raise ValueError(f"probabilities sum to {total}, not 1")
    h = -sum(v * np.log(v) for v in probs if v > 0)
    return float(h / np.log(base))
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="cross_entropy",
        what="zip loop with continue for p == 0 and an early return of np.inf",
        code='''
def cross_entropy(p, q, base=2):
    """H(P, Q) = -sum p log q; inf if q == 0 where p > 0."""
    if np.shape(p) != np.shape(q):
        raise ValueError("p and q must have the same shape")
    for dist in (p, q):
        if np.ndim(dist) != 1:
            raise ValueError("distributions must be 1-D")
        total = 0.0
        for v in dist:
            if not v >= 0:
                raise ValueError("negative probability")
            total += float(v)
        if abs(total - 1.0) > 1e-8:
            raise ValueError("probabilities must sum to 1")
    result = 0.0
    for pi, qi in zip(p, q):
        if pi == 0:
            continue
        if qi == 0:
            return np.inf
        result -= pi * np.log(qi)
    return float(result / np.log(base))
''',
    ),
    Alternative(
        style="explicit_loops",
        cell="kl_divergence",
        what="index-based for loop, log p - log q per term, early return of np.inf",
        code='''
def kl_divergence(p, q, base=2):
    """D_KL(P || Q) = sum p log(p / q); inf if q == 0 where p > 0."""
    if np.ndim(p) != 1 or np.ndim(q) != 1:
        raise ValueError("p and q must be 1-D distributions")
    p = [float(v) for v in p]
    q = [float(v) for v in q]
    if len(p) != len(q):
        raise ValueError("p and q have different lengths")
    for dist in (p, q):
        if any(not v >= 0 for v in dist) or abs(sum(dist) - 1.0) > 1e-8:
            raise ValueError("not a probability distribution")
    kl = 0.0
    for i in range(len(p)):
        if p[i] > 0:
            if q[i] == 0:
                return np.inf
            kl += p[i] * (np.log(p[i]) - np.log(q[i]))
    return kl / np.log(base)
''',
    ),
    # ------------------------------------------------------------------ numpy_masks
    Alternative(
        style="numpy_masks",
        cell="posterior",
        what="boolean masks with np.isnan, np.divide for the normalisation",
        code='''
def posterior(prior, likelihood):
    """P(y = i | x) for every hypothesis i, from P(y = i) and P(x | y = i)."""
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    if prior.shape != likelihood.shape:
        raise ValueError("prior and likelihood must have the same shape")
    if np.any((prior < 0) | np.isnan(prior)) or abs(prior.sum() - 1.0) > 1e-8:
        raise ValueError("the prior is not a probability distribution")
    if np.any((likelihood < 0) | np.isnan(likelihood)):
        raise ValueError("likelihoods must not be negative")
    joint = prior * likelihood
    evidence = joint.sum()
    if evidence == 0:
        raise ValueError("the evidence P(x) is 0")
    return np.divide(joint, evidence)
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="bernoulli_mle",
        what="(x == 0) | (x == 1) mask and np.count_nonzero",
        code='''
def bernoulli_mle(x):
    """Maximum-likelihood estimate of p = P(x = 1) from 0/1 outcomes."""
    x = np.asarray(x)
    if x.size == 0:
        raise ValueError("empty sample")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("outcomes must be 0 or 1")
    return float(np.count_nonzero(x) / x.size)
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="gaussian_mle",
        what="np.mean of np.square deviations; returns a tuple of np.float64",
        code='''
def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of a normal distribution from samples x."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        raise ValueError("need at least one sample")
    mean = x.mean()
    variance = np.mean(np.square(x - mean))
    return mean, variance
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="covariance_matrix",
        what="np.einsum on the centred data",
        code='''
def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError("x must be 2-D")
    n = x.shape[0]
    if n - ddof <= 0:
        raise ValueError("n - ddof must be positive")
    centred = x.astype(np.float64) - x.mean(axis=0, keepdims=True)
    return np.einsum("ij,ik->jk", centred, centred) / (n - ddof)
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="sample_gaussian_mixture",
        what="vectorised rng.choice then one rng.normal call with per-sample loc and scale arrays",
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights = np.asarray(weights, dtype=float)
    means = np.asarray(means, dtype=float)
    stds = np.asarray(stds, dtype=float)
    if len({len(weights), len(means), len(stds)}) != 1:
        raise ValueError("weights, means and stds need one common length")
    if np.any(weights < 0) or not np.isclose(weights.sum(), 1.0, rtol=0.0, atol=1e-8):
        raise ValueError("weights are not a distribution")
    if np.any(stds < 0):
        raise ValueError("standard deviations must be >= 0")
    component = rng.choice(weights.size, size=n, p=weights)
    return rng.normal(loc=means[component], scale=stds[component])
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="sigmoid",
        what="np.empty_like output filled through a positive mask and its complement",
        code='''
def sigmoid(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), element-wise, without overflow."""
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1.0 + e)
    return out
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="softplus",
        what="np.where(x > 0, x, 0) plus log1p(exp(-|x|)), the exponential computed once",
        code='''
def softplus(x):
    """The softplus log(1 + exp(x)), element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, 0.0) + np.log1p(np.exp(-np.abs(x)))
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="self_information",
        what="np.log with where=/out= prefilled with -inf, np.divide by ln(base)",
        code='''
def self_information(p, base=2):
    """-log_base(p), element-wise; inf where p == 0."""
    p = np.asarray(p, dtype=float)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    logs = np.log(p, out=np.full(p.shape, -np.inf), where=p > 0)
    info = np.divide(-logs, np.log(base))
    return info if np.ndim(info) else float(info)
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="entropy",
        what="np.log with where=/out=zeros so that 0 log 0 = 0",
        code='''
def entropy(p, base=2):
    """H(P) = -sum p log p (0 log 0 = 0), in units of log base."""
    p = np.asarray(p, dtype=float)
    if p.ndim != 1:
        raise ValueError("p must be 1-D")
    if np.any(p < 0) or not np.abs(p.sum() - 1.0) <= 1e-8:
        raise ValueError("p is not a probability distribution")
    logs = np.log(p, out=np.zeros_like(p), where=p > 0)
    return float(-np.sum(p * logs) / np.log(base))
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="cross_entropy",
        what="support mask, np.log(q, where=support), np.dot",
        code='''
def cross_entropy(p, q, base=2):
    """H(P, Q) = -sum p log q; inf if q == 0 where p > 0."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    for dist in (p, q):
        if dist.ndim != 1 or np.any(dist < 0) or not abs(dist.sum() - 1.0) <= 1e-8:
            raise ValueError("inputs must be probability distributions")
    support = p > 0
    if np.any(q[support] == 0):
        return np.inf
    log_q = np.log(q, out=np.zeros_like(q), where=support)
    return float(-np.dot(p, log_q) / np.log(base))
''',
    ),
    Alternative(
        style="numpy_masks",
        cell="kl_divergence",
        what="np.divide(p, q, where=support, out=ones) then np.log, np.where for the infinite case",
        code='''
def kl_divergence(p, q, base=2):
    """D_KL(P || Q) = sum p log(p / q); inf if q == 0 where p > 0."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("p and q must have the same shape")
    for dist in (p, q):
        if dist.ndim != 1 or np.any(dist < 0) or not abs(dist.sum() - 1.0) <= 1e-8:
            raise ValueError("inputs must be probability distributions")
    support = p > 0
    impossible = support & (q == 0)
    if impossible.any():
        return np.inf
    ratio = np.divide(p, q, out=np.ones_like(p), where=support)
    terms = np.where(support, p * np.log(ratio), 0.0)
    return float(terms.sum() / np.log(base))
''',
    ),
    # ------------------------------------------------------------------ math_module
    Alternative(
        style="math_module",
        cell="posterior",
        what="math.fsum and math.isclose(abs_tol=1e-8) on Python floats",
        code='''
import math


def posterior(prior, likelihood):
    """P(y = i | x) for every hypothesis i, from P(y = i) and P(x | y = i)."""
    prior_arr = np.asarray(prior, dtype=float)
    like_arr = np.asarray(likelihood, dtype=float)
    if prior_arr.shape != like_arr.shape:
        raise ValueError("prior and likelihood differ in shape")
    priors, likes = prior_arr.tolist(), like_arr.tolist()
    if any(not v >= 0 for v in priors):
        raise ValueError("negative prior probability")
    if not math.isclose(math.fsum(priors), 1.0, rel_tol=0.0, abs_tol=1e-8):
        raise ValueError("prior does not sum to 1")
    if not all(v >= 0.0 for v in likes):
        raise ValueError("negative likelihood")
    joint = [a * b for a, b in zip(priors, likes)]
    evidence = math.fsum(joint)
    if evidence == 0.0:
        raise ValueError("impossible observation: zero evidence")
    return np.array([j / evidence for j in joint])
''',
    ),
    Alternative(
        style="math_module",
        cell="bernoulli_mle",
        what="tolist, membership test in (0, 1), math.fsum / len",
        code='''
import math


def bernoulli_mle(x):
    """Maximum-likelihood estimate of p = P(x = 1) from 0/1 outcomes."""
    values = np.asarray(x).tolist()
    if not values:
        raise ValueError("no outcomes given")
    if any(v not in (0, 1) for v in values):
        raise ValueError("every outcome must be 0 or 1")
    return math.fsum(values) / len(values)
''',
    ),
    Alternative(
        style="math_module",
        cell="gaussian_mle",
        what="two-pass math.fsum on Python floats",
        code='''
import math


def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of a normal distribution from samples x."""
    values = np.asarray(x, dtype=float).tolist()
    if len(values) == 0:
        raise ValueError("empty sample")
    mean = math.fsum(values) / len(values)
    variance = math.fsum((v - mean) ** 2 for v in values) / len(values)
    return (mean, variance)
''',
    ),
    Alternative(
        style="math_module",
        cell="covariance_matrix",
        what="columns as Python lists, math.fsum for every entry",
        code='''
import math


def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError("x must be a 2-D array")
    n, d = x.shape
    if n - ddof <= 0:
        raise ValueError("not enough samples for this ddof")
    centred = []
    for col in x.T.tolist():
        mu = math.fsum(col) / n
        centred.append([v - mu for v in col])
    result = np.empty((d, d))
    for j in range(d):
        for k in range(d):
            result[j, k] = math.fsum(a * b for a, b in zip(centred[j], centred[k])) / (n - ddof)
    return result
''',
    ),
    Alternative(
        style="math_module",
        cell="sample_gaussian_mixture",
        what="rng.choice, then rng.standard_normal scaled and shifted per sample in a comprehension; math.isclose validation",
        code='''
import math


def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights = np.asarray(weights, dtype=float).tolist()
    means = np.asarray(means, dtype=float).tolist()
    stds = np.asarray(stds, dtype=float).tolist()
    if len(weights) != len(means) or len(means) != len(stds):
        raise ValueError("lengths of weights, means and stds differ")
    if min(weights, default=0.0) < 0 or not math.isclose(math.fsum(weights), 1.0, rel_tol=0.0, abs_tol=1e-8):
        raise ValueError("the weights must be a probability distribution")
    if any(not s >= 0 for s in stds):
        raise ValueError("negative standard deviation")
    ks = rng.choice(len(weights), size=n, p=weights)
    z = rng.standard_normal(n)
    return np.array([means[k] + stds[k] * zi for k, zi in zip(ks.tolist(), z.tolist())], dtype=float)
''',
    ),
    Alternative(
        style="math_module",
        cell="sigmoid",
        what="scalar helper with math.exp; Python float for scalar input, list comprehension + reshape for arrays",
        code='''
import math


def _sigmoid_scalar(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), element-wise, without overflow."""
    if np.ndim(x) == 0:
        return _sigmoid_scalar(float(x))
    arr = np.asarray(x, dtype=float)
    return np.array([_sigmoid_scalar(v) for v in arr.ravel().tolist()], dtype=float).reshape(arr.shape)
''',
    ),
    Alternative(
        style="math_module",
        cell="softplus",
        what="math.log1p(math.exp(-abs(v))) + max(v, 0) per element, np.vectorize with otypes",
        code='''
import math


def _softplus_scalar(v):
    return max(v, 0.0) + math.log1p(math.exp(-abs(v)))


def softplus(x):
    """The softplus log(1 + exp(x)), element-wise, without overflow."""
    if np.ndim(x) == 0:
        return _softplus_scalar(float(x))
    return np.vectorize(_softplus_scalar, otypes=[float])(np.asarray(x, dtype=float))
''',
    ),
    Alternative(
        style="math_module",
        cell="self_information",
        what="math.log per element, math.inf for p == 0, Python float for scalar input",
        code='''
import math


def _information(v, base):
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"p = {v} is outside [0, 1]")
    if v == 0.0:
        return math.inf
    return -math.log(v) / math.log(base)


def self_information(p, base=2):
    """-log_base(p), element-wise; inf where p == 0."""
    if np.ndim(p) == 0:
        return _information(float(p), base)
    arr = np.asarray(p, dtype=float)
    return np.array([_information(v, base) for v in arr.ravel().tolist()], dtype=float).reshape(arr.shape)
''',
    ),
    Alternative(
        style="math_module",
        cell="entropy",
        what="math.log(v, base) and math.fsum; math.isclose for the sum check",
        code='''
import math


def entropy(p, base=2):
    """H(P) = -sum p log p (0 log 0 = 0), in units of log base."""
    arr = np.asarray(p, dtype=float)
    if arr.ndim != 1:
        raise ValueError("a distribution is a 1-D array")
    values = arr.tolist()
    if any(v < 0 for v in values):
        raise ValueError("negative probability")
    if not math.isclose(math.fsum(values), 1.0, rel_tol=0.0, abs_tol=1e-8):
        raise ValueError("probabilities do not sum to 1")
    return 0.0 - math.fsum(v * math.log(v, base) for v in values if v > 0)
''',
    ),
    Alternative(
        style="math_module",
        cell="cross_entropy",
        what="math.log per term, math.inf returned early",
        code='''
import math


def _distribution(values):
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError("distributions must be 1-D")
    out = arr.tolist()
    if any(v < 0 for v in out) or not math.isclose(math.fsum(out), 1.0, rel_tol=0.0, abs_tol=1e-8):
        raise ValueError("not a probability distribution")
    return out


def cross_entropy(p, q, base=2):
    """H(P, Q) = -sum p log q; inf if q == 0 where p > 0."""
    if np.shape(p) != np.shape(q):
        raise ValueError("p and q have different shapes")
    p, q = _distribution(p), _distribution(q)
    terms = []
    for pi, qi in zip(p, q):
        if pi > 0:
            if qi == 0:
                return math.inf
            terms.append(pi * math.log(qi))
    return -math.fsum(terms) / math.log(base)
''',
    ),
    Alternative(
        style="math_module",
        cell="kl_divergence",
        what="math.log(p) - math.log(q) per term with math.fsum",
        code='''
import math


def _distribution(values):
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError("distributions must be 1-D")
    out = arr.tolist()
    if any(v < 0 for v in out) or not math.isclose(math.fsum(out), 1.0, rel_tol=0.0, abs_tol=1e-8):
        raise ValueError("not a probability distribution")
    return out


def kl_divergence(p, q, base=2):
    """D_KL(P || Q) = sum p log(p / q); inf if q == 0 where p > 0."""
    if np.shape(p) != np.shape(q):
        raise ValueError("p and q have different shapes")
    p, q = _distribution(p), _distribution(q)
    terms = []
    for pi, qi in zip(p, q):
        if pi == 0:
            continue
        if qi == 0:
            return math.inf
        terms.append(pi * (math.log(pi) - math.log(qi)))
    return math.fsum(terms) / math.log(base)
''',
    ),
    # ------------------------------------------------------------------ helper_functions
    Alternative(
        style="helper_functions",
        cell="posterior",
        what="validation helpers raising a ValueError subclass; evidence checked with <= 0",
        code='''
class NotADistributionError(ValueError):
    """Probabilities that do not form a valid distribution."""


def _as_float_array(values):
    return np.array(values, dtype=np.float64)


def _check_prior(prior):
    if (prior < 0).any():
        raise NotADistributionError("the prior has a negative entry")
    if not abs(prior.sum() - 1) <= 1e-8:
        raise NotADistributionError(f"the prior sums to {prior.sum()}")


def _check_likelihood(likelihood):
    inside = likelihood >= 0
    if not inside.all():
        raise ValueError("each likelihood must be a non-negative density or probability")


def posterior(prior, likelihood):
    """P(y = i | x) for every hypothesis i, from P(y = i) and P(x | y = i)."""
    prior, likelihood = _as_float_array(prior), _as_float_array(likelihood)
    if prior.shape != likelihood.shape:
        raise ValueError("prior and likelihood must match in shape")
    _check_prior(prior)
    _check_likelihood(likelihood)
    unnormalised = prior * likelihood
    evidence = unnormalised.sum()
    if evidence <= 0:
        raise ValueError("zero evidence: no hypothesis can produce this observation")
    return unnormalised / evidence
''',
    ),
    Alternative(
        style="helper_functions",
        cell="bernoulli_mle",
        what="np.isin helper, early return 0.0 when there are no ones",
        code='''
def _is_binary(values):
    return bool(np.all(np.isin(values, [0, 1])))


def bernoulli_mle(x):
    """Maximum-likelihood estimate of p = P(x = 1) from 0/1 outcomes."""
    x = np.asarray(x)
    if x.size == 0:
        raise ValueError("bernoulli_mle needs at least one outcome")
    if not _is_binary(x):
        raise ValueError("outcomes other than 0 and 1 found")
    if not x.any():
        return 0.0
    return float(np.mean(x))
''',
    ),
    Alternative(
        style="helper_functions",
        cell="gaussian_mle",
        what="statistics.fmean / statistics.pvariance, returned as a namedtuple (a tuple subclass)",
        code='''
import statistics
from collections import namedtuple

GaussianFit = namedtuple("GaussianFit", ["mean", "variance"])


def _as_floats(x):
    return [float(v) for v in np.asarray(x, dtype=float).ravel()]


def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of a normal distribution from samples x."""
    values = _as_floats(x)
    if not values:
        raise ValueError("cannot fit a Gaussian to no data")
    mu = statistics.fmean(values)
    return GaussianFit(mu, statistics.pvariance(values, mu))
''',
    ),
    Alternative(
        style="helper_functions",
        cell="covariance_matrix",
        what="_centre helper, float64 cast, matmul of the transposed centred data",
        code='''
def _centre(data):
    return data - data.mean(axis=0)


def _dof(n, ddof):
    dof = n - ddof
    if dof <= 0:
        raise ValueError(f"{n} samples are not enough for ddof={ddof}")
    return dof


def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    if np.ndim(x) != 2:
        raise ValueError("x must be 2-D: rows are samples, columns are features")
    data = np.asarray(x).astype(np.float64)
    dof = _dof(data.shape[0], ddof)
    xc = _centre(data)
    return (xc.T @ xc) / dof
''',
    ),
    Alternative(
        style="helper_functions",
        cell="sample_gaussian_mixture",
        what="components drawn by inverse CDF (rng.random + np.searchsorted) instead of rng.choice; rng.standard_normal",
        code='''
def _validate_mixture(weights, means, stds):
    if not (weights.shape[0] == means.shape[0] == stds.shape[0]):
        raise ValueError("weights, means and stds must all have the same length")
    if (weights < 0).any():
        raise ValueError("negative mixture weight")
    if abs(weights.sum() - 1.0) > 1e-8:
        raise ValueError("mixture weights must add up to 1")
    if (stds < 0).any():
        raise ValueError("standard deviations cannot be negative")


def _pick_components(n, weights, rng):
    cdf = np.cumsum(weights)
    cdf = cdf / cdf[-1]
    return np.searchsorted(cdf, rng.random(n), side="right")


def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights, means, stds = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (weights, means, stds))
    _validate_mixture(weights, means, stds)
    k = _pick_components(n, weights, rng)
    return means[k] + stds[k] * rng.standard_normal(n)
''',
    ),
    Alternative(
        style="helper_functions",
        cell="sigmoid",
        what="the identity sigma(x) = (1 + tanh(x / 2)) / 2 via a helper",
        code='''
def _as_float_array(x):
    return np.asarray(x, dtype=np.float64)


def _half_tanh(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), element-wise, without overflow."""
    return _half_tanh(_as_float_array(x))
''',
    ),
    Alternative(
        style="helper_functions",
        cell="softplus",
        what="helper for the non-positive branch, identity zeta(x) = x + zeta(-x) for x > 0",
        code='''
def _softplus_nonpositive(v):
    """log(1 + e^v) for v <= 0: e^v <= 1 never overflows."""
    return np.log1p(np.exp(v))


def softplus(x):
    """The softplus log(1 + exp(x)), element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    tail = _softplus_nonpositive(-np.abs(x))
    return np.where(x > 0, x + tail, tail)
''',
    ),
    Alternative(
        style="helper_functions",
        cell="self_information",
        what="np.log2 under np.errstate(divide='ignore'), change of base via log2(base); validation helper",
        code='''
def _check_probabilities(p):
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise ValueError("self-information is defined for probabilities in [0, 1]")


def self_information(p, base=2):
    """-log_base(p), element-wise; inf where p == 0."""
    p = np.asarray(p, dtype=float)
    _check_probabilities(p)
    with np.errstate(divide="ignore"):
        bits = -np.log2(p)
    if base == 2:
        return bits
    return bits / np.log2(base)
''',
    ),
    Alternative(
        style="helper_functions",
        cell="entropy",
        what="validation helper, early return for a one-hot distribution, log2 and change of base",
        code='''
def _validated_distribution(p):
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError(f"expected a 1-D distribution, got shape {p.shape}")
    if (p < 0).any():
        raise ValueError("probabilities must be non-negative")
    if not abs(p.sum() - 1.0) <= 1e-8:
        raise ValueError("probabilities must sum to 1")
    return p


def entropy(p, base=2):
    """H(P) = -sum p log p (0 log 0 = 0), in units of log base."""
    p = _validated_distribution(p)
    nonzero = p[p > 0]
    if nonzero.size == 1 and nonzero[0] == 1.0:
        return 0.0
    return float(-(nonzero * np.log2(nonzero)).sum() / np.log2(base))
''',
    ),
    Alternative(
        style="helper_functions",
        cell="cross_entropy",
        what="scipy.special.xlogy (SciPy is only forbidden for entropy) with a shared validation helper",
        code='''
from scipy import special


def _two_distributions(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError(f"shapes {p.shape} and {q.shape} differ")
    for name, dist in (("p", p), ("q", q)):
        if dist.ndim != 1 or (dist < 0).any() or not abs(dist.sum() - 1.0) <= 1e-8:
            raise ValueError(f"{name} is not a probability distribution")
    return p, q


def cross_entropy(p, q, base=2):
    """H(P, Q) = -sum p log q; inf if q == 0 where p > 0."""
    p, q = _two_distributions(p, q)
    return float(-special.xlogy(p, q).sum() / np.log(base))
''',
    ),
    Alternative(
        style="helper_functions",
        cell="kl_divergence",
        what="scipy.special.rel_entr (SciPy is only forbidden for entropy) with a shared validation helper",
        code='''
from scipy import special


def _two_distributions(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError(f"shapes {p.shape} and {q.shape} differ")
    for name, dist in (("p", p), ("q", q)):
        if dist.ndim != 1 or (dist < 0).any() or not abs(dist.sum() - 1.0) <= 1e-8:
            raise ValueError(f"{name} is not a probability distribution")
    return p, q


def kl_divergence(p, q, base=2):
    """D_KL(P || Q) = sum p log(p / q); inf if q == 0 where p > 0."""
    p, q = _two_distributions(p, q)
    return float(special.rel_entr(p, q).sum() / np.log(base))
''',
    ),
    # ------------------------------------------------------------------ shadowing_names
    Alternative(
        style="shadowing_names",
        cell="posterior",
        what="the normaliser is a local called norm, in-place division",
        code='''
def posterior(prior, likelihood):
    """P(y = i | x) for every hypothesis i, from P(y = i) and P(x | y = i)."""
    prior = np.array(prior, dtype=float)
    likelihood = np.array(likelihood, dtype=float)
    if prior.shape != likelihood.shape:
        raise ValueError("prior and likelihood: different shapes")
    if (prior < 0).any() or np.isnan(prior).any() or abs(prior.sum() - 1.0) > 1e-8:
        raise ValueError("prior must be non-negative and sum to 1")
    if (likelihood < 0).any() or np.isnan(likelihood).any():
        raise ValueError("likelihood values must not be negative")
    joint = prior * likelihood
    norm = joint.sum()
    if norm == 0:
        raise ValueError("P(x) = 0")
    joint /= norm
    return joint
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="bernoulli_mle",
        what="np.unique counts kept in a dict called stats, result called mean",
        code='''
def bernoulli_mle(x):
    """Maximum-likelihood estimate of p = P(x = 1) from 0/1 outcomes."""
    x = np.asarray(x)
    if x.size == 0:
        raise ValueError("x is empty")
    values, counts = np.unique(x, return_counts=True)
    stats = dict(zip(values.tolist(), counts.tolist()))
    if set(stats) - {0, 1}:
        raise ValueError(f"unexpected outcomes {sorted(set(stats) - {0, 1})}")
    mean = stats.get(1, 0) / x.size
    return mean
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="gaussian_mle",
        what="locals called mean and var, variance as a dot product of deviations",
        code='''
def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of a normal distribution from samples x."""
    x = np.asarray(x, dtype=float)
    if not x.size:
        raise ValueError("gaussian_mle: empty input")
    n = x.size
    mean = x.sum() / n
    dev = x - mean
    var = (dev @ dev) / n
    return float(mean), float(var)
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="covariance_matrix",
        what="result called cov (a comment mentions np.cov), sum of outer products over the rows",
        code='''
def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    # Same numbers as np.cov(x, rowvar=False, ddof=ddof), computed by hand.
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError("x must be a matrix of samples x features")
    n = len(x)
    if n - ddof <= 0:
        raise ValueError("n - ddof <= 0")
    mean = x.mean(axis=0)
    cov = np.zeros((x.shape[1], x.shape[1]))
    for row in x - mean:
        cov += np.outer(row, row)
    cov /= n - ddof
    return cov
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="sample_gaussian_mixture",
        what="locals called choice and normal; one rng.normal call per component on the samples that chose it",
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights = np.asarray(weights, dtype=float)
    means = np.asarray(means, dtype=float)
    stds = np.asarray(stds, dtype=float)
    if not (weights.size == means.size == stds.size):
        raise ValueError("need as many means and stds as weights")
    if (weights < 0).any() or abs(weights.sum() - 1) > 1e-8:
        raise ValueError("weights must be >= 0 and sum to 1")
    if (stds < 0).any():
        raise ValueError("stds must be >= 0")
    choice = rng.choice(weights.size, size=n, p=weights)
    normal = np.empty(n, dtype=float)
    for k in range(weights.size):
        mask = choice == k
        normal[mask] = rng.normal(means[k], stds[k], size=int(mask.sum()))
    return normal
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="sigmoid",
        what="locals called exp and sigmoid; the docstring names scipy.special.expit",
        code='''
def sigmoid(x):
    """Logistic sigmoid; same values as scipy.special.expit, written without it."""
    x = np.asarray(x, dtype=float)
    exp = np.exp(-np.abs(x))
    sigmoid = np.where(x >= 0, 1.0, exp) / (1.0 + exp)
    return sigmoid
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="softplus",
        what="locals called relu and softplus; a comment names np.logaddexp",
        code='''
def softplus(x):
    """The softplus log(1 + exp(x)), element-wise, without overflow."""
    # Equal to np.logaddexp(0, x), which we may not call here.
    x = np.asarray(x, dtype=float)
    relu = np.maximum(x, 0.0)
    softplus = relu + np.log1p(np.exp(-np.abs(x)))
    return softplus
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="self_information",
        what="locals called log and info, np.log(..., out=log, where=p > 0), returns info[()]",
        code='''
def self_information(p, base=2):
    """-log_base(p), element-wise; inf where p == 0."""
    p = np.asarray(p, dtype=float)
    if ((p < 0) | (p > 1) | np.isnan(p)).any():
        raise ValueError("p must be in [0, 1]")
    log = np.full(p.shape, -np.inf)
    np.log(p, out=log, where=p > 0)
    info = -log / np.log(base)
    return info[()]
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="entropy",
        what="the result is a local called entropy, checks kept in a dict called stats; docstring names scipy.stats.entropy",
        code='''
def entropy(p, base=2):
    """H(P) in units of log base, computed by hand (scipy.stats.entropy is not allowed)."""
    p = np.asarray(p, dtype=float)
    if p.ndim != 1:
        raise ValueError("p must be a 1-D distribution")
    stats = {"total": p.sum(), "lowest": p.min() if p.size else 0.0}
    if stats["lowest"] < 0 or not abs(stats["total"] - 1) <= 1e-8:
        raise ValueError(f"not a distribution: {stats}")
    nonzero = p[p > 0]
    entropy = -np.sum(nonzero * np.log(nonzero)) / np.log(base)
    return float(entropy)
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="cross_entropy",
        what="the result is a local called entropy; boolean indexing on the support of p",
        code='''
def cross_entropy(p, q, base=2):
    """H(P, Q) = -sum p log q; inf if q == 0 where p > 0."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("p and q must have equal shapes")
    for dist in (p, q):
        if dist.ndim != 1 or (dist < 0).any() or np.abs(dist.sum() - 1) > 1e-8 or np.isnan(dist).any():
            raise ValueError("both inputs must be 1-D probability distributions")
    support = p > 0
    if (q[support] == 0).any():
        return np.inf
    entropy = -np.sum(p[support] * np.log(q[support]))
    return float(entropy / np.log(base))
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="kl_divergence",
        what="locals called rel_entr and kl; boolean indexing on the support of p",
        code='''
def kl_divergence(p, q, base=2):
    """D_KL(P || Q) = sum p log(p / q); inf if q == 0 where p > 0."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("p and q must have equal shapes")
    for dist in (p, q):
        if dist.ndim != 1 or (dist < 0).any() or np.abs(dist.sum() - 1) > 1e-8 or np.isnan(dist).any():
            raise ValueError("both inputs must be 1-D probability distributions")
    support = p > 0
    if (q[support] == 0).any():
        return np.inf
    rel_entr = p[support] * (np.log(p[support]) - np.log(q[support]))
    kl = rel_entr.sum() / np.log(base)
    return float(kl)
''',
    ),
    # ------------------------------------------------------------------ keeps_dtype
    Alternative(
        style="keeps_dtype",
        cell="covariance_matrix",
        what="centres with x.mean(axis=0) in the input's own dtype: float32 in, float32 out (no float64 copy)",
        code='''
def covariance_matrix(x, ddof=0):
    """Covariance matrix (features x features) of the samples in the rows of x."""
    if x.ndim != 2:
        raise ValueError("x must be 2-D")
    n = x.shape[0]
    if n - ddof <= 0:
        raise ValueError("n - ddof must be positive")
    xc = x - x.mean(axis=0)
    return xc.T @ xc / (n - ddof)
''',
    ),
    Alternative(
        style="keeps_dtype",
        cell="sample_gaussian_mixture",
        what="rng.multinomial counts per component, one rng.normal block per component, then rng.shuffle",
        code='''
def sample_gaussian_mixture(n, weights, means, stds, rng):
    """n samples of the Gaussian mixture sum_k weights[k] * N(means[k], stds[k]**2)."""
    weights, means, stds = (np.asarray(a, dtype=float) for a in (weights, means, stds))
    if not (len(weights) == len(means) == len(stds)):
        raise ValueError("weights, means and stds need one common length")
    if np.any(weights < 0) or abs(weights.sum() - 1) > 1e-8:
        raise ValueError("weights are not a distribution")
    if np.any(stds < 0):
        raise ValueError("negative standard deviation")
    counts = rng.multinomial(n, weights)
    samples = np.concatenate([rng.normal(m, s, size=c) for m, s, c in zip(means, stds, counts)])
    rng.shuffle(samples)
    return samples
''',
    ),
]
