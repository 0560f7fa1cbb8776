"""Typical mistakes in chapter 1 (linear algebra); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    Mistake(
        name="relu_mutates_input",
        what="writes the result into x itself instead of a copy",
        cell="naive_relu",
        breaks=("naive_relu_tests",),
        code='''
def naive_relu(x):
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] = max(x[i, j], 0)
    return x
''',
    ),
    Mistake(
        name="relu_shortcut",
        what="uses np.maximum instead of loops",
        cell="naive_relu",
        breaks=("naive_relu_tests",),
        code='''
def naive_relu(x):
    return np.maximum(x, 0)
''',
    ),
    Mistake(
        name="add_shortcut",
        what="adds whole arrays instead of looping",
        cell="naive_add",
        breaks=("naive_add_tests",),
        code='''
def naive_add(x, y):
    if x.shape != y.shape:
        raise ValueError(f"shapes differ: {x.shape} and {y.shape}")
    return x + y
''',
    ),
    Mistake(
        name="broadcast_wrong_axis",
        what="indexes the vector by row instead of column",
        cell="naive_add_matrix_and_vector",
        breaks=("naive_add_matrix_and_vector_tests",),
        code='''
def naive_add_matrix_and_vector(x, y):
    result = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            result[i, j] = x[i, j] + y[i % len(y)]
    return result
''',
    ),
    Mistake(
        name="vector_dot_off_by_one",
        what="stops the loop one entry early",
        cell="naive_vector_dot",
        breaks=("naive_vector_dot_tests",),
        code='''
def naive_vector_dot(x, y):
    if x.shape != y.shape:
        raise ValueError("lengths differ")
    total = 0.0
    for i in range(len(x) - 1):
        total += x[i] * y[i]
    return total
''',
    ),
    Mistake(
        name="matrix_vector_np_dot",
        what="calls np.dot on each row",
        cell="naive_matrix_vector_dot",
        breaks=("naive_matrix_vector_dot_tests",),
        code='''
def naive_matrix_vector_dot(x, y):
    if x.shape[1] != y.shape[0]:
        raise ValueError("shapes do not fit")
    result = np.zeros(x.shape[0])
    for i in range(x.shape[0]):
        result[i] = np.dot(x[i], y)
    return result
''',
    ),
    Mistake(
        name="matrix_dot_missing_transpose",
        what="pairs rows of x with rows of y (y[j, k] instead of y[k, j])",
        cell="naive_matrix_dot",
        breaks=("naive_matrix_dot_tests",),
        code='''
def naive_matrix_dot(x, y):
    if x.shape[1] != y.shape[0]:
        raise ValueError(f"cannot multiply {x.shape} by {y.shape}")
    result = np.zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for k in range(x.shape[1]):
                result[i, j] += x[i, k] * y[j, k]
    return result
''',
    ),
    Mistake(
        name="p_norm_forgets_root",
        what="returns the sum of |x|^p without the p-th root",
        cell="p_norm",
        breaks=("p_norm_tests",),
        code='''
def p_norm(x, p):
    if p < 1:
        raise ValueError("p must be at least 1")
    if np.isinf(p):
        return float(np.abs(x).max())
    return float(np.sum(np.abs(x) ** p))
''',
    ),
    Mistake(
        name="frobenius_uses_linalg_norm",
        what="calls np.linalg.norm",
        cell="frobenius_norm",
        breaks=("frobenius_norm_tests",),
        code='''
def frobenius_norm(a):
    return float(np.linalg.norm(a))
''',
    ),
    Mistake(
        name="rotation_clockwise",
        what="puts the minus sign on the wrong sine (rotates clockwise)",
        cell="rotation_matrix",
        breaks=("rotation_matrix_tests",),
        code='''
def rotation_matrix(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, s], [-s, c]])
''',
    ),
    Mistake(
        name="definite_positive_entries",
        what="checks that the entries are positive instead of the eigenvalues",
        cell="is_positive_definite",
        breaks=("is_positive_definite_tests",),
        code='''
def is_positive_definite(a, tol=1e-10):
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError("not square")
    return bool(np.all(np.diag(a) > tol)) and np.allclose(a, a.T)
''',
    ),
    Mistake(
        name="pinv_shortcut",
        what="calls np.linalg.pinv",
        cell="pinv_svd",
        breaks=("pinv_svd_tests",),
        code='''
def pinv_svd(a, rcond=1e-12):
    return np.linalg.pinv(a, rcond=rcond)
''',
    ),
    Mistake(
        name="pinv_missing_transpose",
        what="returns U Σ⁺ Vᵀ instead of V Σ⁺ Uᵀ (forgets to transpose)",
        cell="pinv_svd",
        breaks=("pinv_svd_tests",),
        code='''
def pinv_svd(a, rcond=1e-12):
    u, sigma, vt = np.linalg.svd(a, full_matrices=False)
    inverted = np.where(sigma > rcond * sigma.max(), 1.0 / np.where(sigma == 0, 1, sigma), 0.0)
    return u @ np.diag(inverted) @ vt
''',
    ),
    Mistake(
        name="pinv_absolute_cutoff",
        what="drops singular values at most rcond instead of at most rcond * max (forgets the relative cutoff)",
        cell="pinv_svd",
        breaks=("pinv_svd_tests",),
        code='''
def pinv_svd(a, rcond=1e-12):
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    s_inv = np.zeros_like(s)
    keep = s > rcond
    s_inv[keep] = 1.0 / s[keep]
    return vt.T @ np.diag(s_inv) @ u.T
''',
    ),
    Mistake(
        name="chain_no_dimension_check",
        what="lets NumPy's own error escape, which names no matrix and no shapes",
        cell="chain_product",
        breaks=("chain_product_tests",),
        code='''
def chain_product(a, b, c, d):
    return a @ b @ c @ d
''',
    ),
    Mistake(
        name="chain_last_mismatch",
        what="checks every pair but reports the last one that does not fit instead of the first",
        cell="chain_product",
        breaks=("chain_product_tests",),
        code='''
def chain_product(a, b, c, d):
    mats = [("A", a), ("B", b), ("C", c), ("D", d)]
    for name, m in mats:
        if m.ndim != 2:
            raise ValueError(f"{name} is not 2-D: shape {m.shape}")
    bad = None
    for (n1, m1), (n2, m2) in zip(mats, mats[1:]):
        if m1.shape[1] != m2.shape[0]:
            bad = f"cannot multiply {n1} {m1.shape} by {n2} {m2.shape}"
    if bad:
        raise ValueError(bad)
    return a @ b @ c @ d
''',
    ),
]
