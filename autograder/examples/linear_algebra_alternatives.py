"""Alternative correct answers to chapter 1, written from the exercise text alone: each must keep full marks."""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ while_loops
    # Everything that may loop uses `while` (Exercise 1 demands `for` loops, so it keeps them),
    # results are Python floats where a number is asked for.
    Alternative(
        style="while_loops",
        cell="naive_relu",
        what="nested for over range(shape) into zeros of x's dtype, writing only the entries that are not negative",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    rows, cols = x.shape
    out = np.zeros((rows, cols), dtype=x.dtype)
    for i in range(rows):
        for j in range(cols):
            value = x[i, j]
            if not value < 0:
                out[i, j] = value
    return out
''',
    ),
    Alternative(
        style="while_loops",
        cell="naive_add",
        what="two nested while loops, output dtype from np.result_type",
        code=r'''
def naive_add(x, y):
    """Element-wise x + y for 2-D arrays of equal shape, computed with loops."""
    if x.shape != y.shape:
        raise ValueError(f"cannot add arrays of shapes {x.shape} and {y.shape}")
    out = np.empty(x.shape, dtype=np.result_type(x, y))
    i = 0
    while i < x.shape[0]:
        j = 0
        while j < x.shape[1]:
            out[i, j] = x[i, j] + y[i, j]
            j += 1
        i += 1
    return out
''',
    ),
    Alternative(
        style="while_loops",
        cell="naive_add_matrix_and_vector",
        what="two nested while loops; validation compares y.shape with the tuple (m,)",
        code=r'''
def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    n, m = x.shape
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    z = np.empty((n, m), dtype=np.result_type(x, y))
    i = 0
    while i < n:
        j = 0
        while j < m:
            z[i, j] = x[i, j] + y[j]
            j += 1
        i += 1
    return z
''',
    ),
    Alternative(
        style="while_loops",
        cell="naive_vector_dot",
        what="while loop with a float accumulator started at 0.0",
        code=r'''
def naive_vector_dot(x, y):
    """Dot product of two 1-D arrays of equal length, with a loop."""
    if len(x) != len(y):
        raise ValueError(f"lengths differ: {len(x)} and {len(y)}")
    total = 0.0
    k = 0
    while k < len(x):
        total += x[k] * y[k]
        k += 1
    return total
''',
    ),
    Alternative(
        style="while_loops",
        cell="naive_matrix_vector_dot",
        what="one combined `or` validation, two nested while loops accumulating into out[i]",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if x.ndim != 2 or y.ndim != 1 or x.shape[1] != y.shape[0]:
        raise ValueError(f"cannot multiply a matrix of shape {x.shape} by a vector of shape {y.shape}")
    n, m = x.shape
    out = np.zeros(n, dtype=np.result_type(x, y))
    i = 0
    while i < n:
        j = 0
        while j < m:
            out[i] += x[i, j] * y[j]
            j += 1
        i += 1
    return out
''',
    ),
    Alternative(
        style="while_loops",
        cell="naive_matrix_dot",
        what="three nested while loops with a scalar accumulator",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0]:
        raise ValueError(f"inner sizes differ: x has shape {x.shape}, y has shape {y.shape}")
    n, m = x.shape
    p = y.shape[1]
    out = np.zeros((n, p), dtype=np.result_type(x, y))
    i = 0
    while i < n:
        j = 0
        while j < p:
            acc = 0
            k = 0
            while k < m:
                acc += x[i, k] * y[k, j]
                k += 1
            out[i, j] = acc
            j += 1
        i += 1
    return out
''',
    ),
    Alternative(
        style="while_loops",
        cell="p_norm",
        what="pure-Python while loops over float(abs(entry)); returns a Python float",
        code=r'''
def p_norm(x, p):
    """The L_p norm of the vector x (p >= 1, or np.inf for the max-norm)."""
    if p < 1:
        raise ValueError(f"p must be >= 1 for a norm, got {p}")
    if p == np.inf:
        biggest = 0.0
        i = 0
        while i < len(x):
            biggest = max(biggest, abs(float(x[i])))
            i += 1
        return biggest
    total = 0.0
    i = 0
    while i < len(x):
        total += abs(float(x[i])) ** p
        i += 1
    return total ** (1.0 / p)
''',
    ),
    Alternative(
        style="while_loops",
        cell="frobenius_norm",
        what="nested while loops summing float squares, math.sqrt",
        code=r'''
import math


def frobenius_norm(a):
    """The Frobenius norm: square root of the sum of the squares of all entries."""
    rows, cols = a.shape
    total = 0.0
    i = 0
    while i < rows:
        j = 0
        while j < cols:
            total += float(a[i, j]) ** 2
            j += 1
        i += 1
    return math.sqrt(total)
''',
    ),
    Alternative(
        style="while_loops",
        cell="rotation_matrix",
        what="math.cos/math.sin written entry by entry into np.empty((2, 2))",
        code=r'''
import math


def rotation_matrix(theta):
    """2x2 matrix of the counter-clockwise rotation by theta radians."""
    c, s = math.cos(theta), math.sin(theta)
    r = np.empty((2, 2))
    r[0, 0], r[0, 1] = c, -s
    r[1, 0], r[1, 1] = s, c
    return r
''',
    ),
    Alternative(
        style="while_loops",
        cell="is_positive_definite",
        what="early return on asymmetry, while loop over eigvalsh with an early return False",
        code=r'''
def is_positive_definite(a, tol=1e-10):
    """True if the square matrix a is symmetric with all eigenvalues > tol."""
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"expected a square 2-D array, got shape {a.shape}")
    if not np.allclose(a, a.T):
        return False
    eigenvalues = np.linalg.eigvalsh(a)
    k = 0
    while k < len(eigenvalues):
        if not eigenvalues[k] > tol:
            return False
        k += 1
    return True
''',
    ),
    Alternative(
        style="while_loops",
        cell="pinv_svd",
        what="sum of outer products v_k u_k^T / s_k over the kept singular values, in a while loop",
        code=r'''
def pinv_svd(a, rcond=1e-12):
    """Moore-Penrose pseudo-inverse of the 2-D array a, computed from its SVD."""
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    m, n = a.shape
    result = np.zeros((n, m), dtype=u.dtype)
    if s.size == 0:
        return result
    cutoff = rcond * s.max()
    k = 0
    while k < len(s):
        if s[k] > cutoff:
            result += np.outer(vt[k], u[:, k]) / s[k]
        k += 1
    return result
''',
    ),
    Alternative(
        style="while_loops",
        cell="chain_product",
        what="while loops over a list of the four matrices and the string 'ABCD'",
        code=r'''
def chain_product(a, b, c, d):
    """The matrix product a @ b @ c @ d, with a clear error for the first mismatched pair."""
    mats = [a, b, c, d]
    names = "ABCD"
    i = 0
    while i < 4:
        if np.ndim(mats[i]) != 2:
            raise ValueError(f"{names[i]} must be 2-D, got shape {np.shape(mats[i])}")
        i += 1
    i = 0
    while i < 3:
        left, right = mats[i], mats[i + 1]
        if left.shape[1] != right.shape[0]:
            raise ValueError(f"cannot multiply {names[i]} {left.shape} by {names[i + 1]} {right.shape}")
        i += 1
    return a @ b @ c @ d
''',
    ),
    # ------------------------------------------------------------------ comprehensions
    # List comprehensions, generator expressions with the built-in sum/max/all, np.fromiter.
    Alternative(
        style="comprehensions",
        cell="naive_relu",
        what="nested for loops over rows and values building lists, np.array(..., dtype=x.dtype).reshape(x.shape)",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    rows = []
    for row in x:
        new_row = []
        for value in row:
            new_row.append(0 if value < 0 else value)
        rows.append(new_row)
    return np.array(rows, dtype=x.dtype).reshape(x.shape)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="naive_add",
        what="nested list comprehension turned into an array of the result dtype",
        code=r'''
def naive_add(x, y):
    """Element-wise x + y for 2-D arrays of equal shape, computed with loops."""
    if x.shape != y.shape:
        raise ValueError(f"shape mismatch: x is {x.shape}, y is {y.shape}")
    n, m = x.shape
    rows = [[x[i, j] + y[i, j] for j in range(m)] for i in range(n)]
    return np.array(rows, dtype=np.result_type(x, y)).reshape(n, m)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="naive_add_matrix_and_vector",
        what="generator of x[i, j] + y[j] fed to np.fromiter; validation with ndim and len",
        code=r'''
def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    n, m = x.shape
    if y.ndim != 1 or len(y) != m:
        raise ValueError(f"y has shape {y.shape}, but the rows of x have length {m}")
    values = (x[i, j] + y[j] for i in range(n) for j in range(m))
    return np.fromiter(values, dtype=np.result_type(x, y), count=n * m).reshape(n, m)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="naive_vector_dot",
        what="built-in sum over a generator of products from zip",
        code=r'''
def naive_vector_dot(x, y):
    """Dot product of two 1-D arrays of equal length, with a loop."""
    if len(x) != len(y):
        raise ValueError(f"vectors of lengths {len(x)} and {len(y)} have no dot product")
    return sum(a * b for a, b in zip(x, y))
''',
    ),
    Alternative(
        style="comprehensions",
        cell="naive_matrix_vector_dot",
        what="list comprehension of built-in sums over generators; validation via np.ndim/np.shape",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if np.ndim(x) != 2 or np.ndim(y) != 1 or np.shape(x)[1] != np.shape(y)[0]:
        raise ValueError(f"shapes {np.shape(x)} and {np.shape(y)} do not fit")
    m = len(y)
    entries = [sum(x[i, k] * y[k] for k in range(m)) for i in range(x.shape[0])]
    return np.array(entries, dtype=np.result_type(x, y))
''',
    ),
    Alternative(
        style="comprehensions",
        cell="naive_matrix_dot",
        what="nested list comprehension with a built-in sum over k for every (i, j)",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0]:
        raise ValueError(f"shapes {x.shape} and {y.shape} do not fit: inner sizes must agree")
    n, m = x.shape
    p = y.shape[1]
    rows = [[sum(x[i, k] * y[k, j] for k in range(m)) for j in range(p)] for i in range(n)]
    return np.array(rows, dtype=np.result_type(x, y)).reshape(n, p)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="p_norm",
        what="built-in max/sum over generators, np.isinf for the max-norm",
        code=r'''
def p_norm(x, p):
    """The L_p norm of the vector x (p >= 1, or np.inf for the max-norm)."""
    if p < 1:
        raise ValueError(f"the L_{p} 'norm' is not a norm: p must be at least 1")
    magnitudes = [abs(float(v)) for v in x]
    if np.isinf(p):
        return max(magnitudes, default=0.0)
    return sum(m ** p for m in magnitudes) ** (1 / p)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="frobenius_norm",
        what="one-line built-in sum over a double generator, ** 0.5",
        code=r'''
def frobenius_norm(a):
    """The Frobenius norm: square root of the sum of the squares of all entries."""
    return sum(float(v) ** 2 for row in a for v in row) ** 0.5
''',
    ),
    Alternative(
        style="comprehensions",
        cell="rotation_matrix",
        what="columns are the images of e1 and e2, transposed by a comprehension",
        code=r'''
def rotation_matrix(theta):
    """2x2 matrix of the counter-clockwise rotation by theta radians."""
    c, s = np.cos(theta), np.sin(theta)
    columns = [(c, s), (-s, c)]  # where e1 and e2 go
    return np.array([[column[i] for column in columns] for i in range(2)], dtype=float)
''',
    ),
    Alternative(
        style="comprehensions",
        cell="is_positive_definite",
        what="np.asarray first, then `bool(allclose) and all(generator)` (a Python bool either way)",
        code=r'''
def is_positive_definite(a, tol=1e-10):
    """True if the square matrix a is symmetric with all eigenvalues > tol."""
    a = np.asarray(a)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError("a must be a square 2-D array, got shape %s" % (a.shape,))
    return bool(np.allclose(a, a.T)) and all(ev > tol for ev in np.linalg.eigvalsh(a))
''',
    ),
    Alternative(
        style="comprehensions",
        cell="pinv_svd",
        what="reciprocals by list comprehension, (V * s_plus) @ U^T by broadcasting",
        code=r'''
def pinv_svd(a, rcond=1e-12):
    """Moore-Penrose pseudo-inverse of the 2-D array a, computed from its SVD."""
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    cutoff = rcond * max(s, default=0.0)
    s_plus = np.array([1.0 / v if v > cutoff else 0.0 for v in s])
    return (vt.T * s_plus) @ u.T
''',
    ),
    Alternative(
        style="comprehensions",
        cell="chain_product",
        what="lists of offenders built by comprehensions; message worded 'X (..) and Y (..) do not fit'",
        code=r'''
def chain_product(a, b, c, d):
    """The matrix product a @ b @ c @ d, with a clear error for the first mismatched pair."""
    named = list(zip("ABCD", (a, b, c, d)))
    not_2d = [f"{name} {m.shape}" for name, m in named if m.ndim != 2]
    if not_2d:
        raise ValueError("all four factors must be 2-D; not 2-D: " + ", ".join(not_2d))
    bad = [(left, right) for left, right in zip(named, named[1:]) if left[1].shape[1] != right[1].shape[0]]
    if bad:
        (ln, lm), (rn, rm) = bad[0]
        raise ValueError(f"{ln} {lm.shape} and {rn} {rm.shape} do not fit: "
                         f"{ln} has {lm.shape[1]} columns but {rn} has {rm.shape[0]} rows")
    return a @ b @ c @ d
''',
    ),
    # ------------------------------------------------------------------ index_helpers
    # enumerate / zip / np.ndindex, small helper functions, reuse of earlier answers.
    Alternative(
        style="index_helpers",
        cell="naive_relu",
        what="x.copy(), then nested enumerate loops zeroing the negative entries",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    out = x.copy()
    for i, row in enumerate(x):
        for j, value in enumerate(row):
            if value < 0:
                out[i, j] = 0
    return out
''',
    ),
    Alternative(
        style="index_helpers",
        cell="naive_add",
        what="single loop over np.ndindex(*x.shape); shapes compared with np.shape; message built with str()",
        code=r'''
def naive_add(x, y):
    """Element-wise x + y for 2-D arrays of equal shape, computed with loops."""
    if np.shape(x) != np.shape(y):
        raise ValueError("shapes differ: " + str(x.shape) + " vs " + str(y.shape))
    out = np.empty(x.shape, dtype=np.result_type(x, y))
    for index in np.ndindex(*x.shape):
        out[index] = x[index] + y[index]
    return out
''',
    ),
    Alternative(
        style="index_helpers",
        cell="naive_add_matrix_and_vector",
        what="helper adding one row through zip/enumerate into a row view of the output; check y.shape != x.shape[1:]",
        code=r'''
def _add_row(row, vector, out_row):
    for j, (a, b) in enumerate(zip(row, vector)):
        out_row[j] = a + b


def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    if y.shape != x.shape[1:]:
        raise ValueError(f"cannot add a vector of shape {y.shape} to the rows of a {x.shape} matrix")
    z = np.empty(x.shape, dtype=np.result_type(x, y))
    for x_row, z_row in zip(x, z):
        _add_row(x_row, y, z_row)
    return z
''',
    ),
    Alternative(
        style="index_helpers",
        cell="naive_vector_dot",
        what="enumerate over x with y[i]; length check through shape[0]",
        code=r'''
def naive_vector_dot(x, y):
    """Dot product of two 1-D arrays of equal length, with a loop."""
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"x has length {x.shape[0]} but y has length {y.shape[0]}")
    total = 0
    for i, xi in enumerate(x):
        total = total + xi * y[i]
    return total
''',
    ),
    Alternative(
        style="index_helpers",
        cell="naive_matrix_vector_dot",
        what="two separate checks, then one enumerate loop calling naive_vector_dot on each row (as the text allows)",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if x.ndim != 2 or y.ndim != 1:
        raise ValueError(f"need a matrix and a vector, got shapes {x.shape} and {y.shape}")
    if x.shape[1] != len(y):
        raise ValueError(f"rows of x have length {x.shape[1]}, y has length {len(y)}")
    out = np.zeros(x.shape[0], dtype=np.result_type(x, y))
    for i, row in enumerate(x):
        out[i] = naive_vector_dot(row, y)
    return out
''',
    ),
    Alternative(
        style="index_helpers",
        cell="naive_matrix_dot",
        what="loop over np.ndindex of the output, each entry naive_vector_dot(row i, column j)",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0]:
        raise ValueError(f"cannot multiply x {x.shape} by y {y.shape}")
    out = np.zeros((x.shape[0], y.shape[1]), dtype=np.result_type(x, y))
    for i, j in np.ndindex(*out.shape):
        out[i, j] = naive_vector_dot(x[i, :], y[:, j])
    return out
''',
    ),
    Alternative(
        style="index_helpers",
        cell="p_norm",
        what="module-level import math and a helper for |x_i|; math.isinf; for-loop sum",
        code=r'''
import math


def _magnitudes(x):
    return [abs(float(v)) for v in x]


def p_norm(x, p):
    """The L_p norm of the vector x (p >= 1, or np.inf for the max-norm)."""
    if p < 1:
        raise ValueError("p < 1 does not give a norm (got p = {})".format(p))
    values = _magnitudes(x)
    if math.isinf(p):
        return max(values) if values else 0.0
    total = 0.0
    for v in values:
        total += v ** p
    return total ** (1.0 / p)
''',
    ),
    Alternative(
        style="index_helpers",
        cell="frobenius_norm",
        what="loop over np.ndindex(a.shape), np.sqrt of a float total",
        code=r'''
def frobenius_norm(a):
    """The Frobenius norm: square root of the sum of the squares of all entries."""
    total = 0.0
    for index in np.ndindex(a.shape):
        total += float(a[index]) ** 2
    return np.sqrt(total)
''',
    ),
    Alternative(
        style="index_helpers",
        cell="rotation_matrix",
        what="np.column_stack of the images of e1 and e2",
        code=r'''
def rotation_matrix(theta):
    """2x2 matrix of the counter-clockwise rotation by theta radians."""
    e1_image = np.array([np.cos(theta), np.sin(theta)])
    e2_image = np.array([-np.sin(theta), np.cos(theta)])
    return np.column_stack([e1_image, e2_image])
''',
    ),
    Alternative(
        style="index_helpers",
        cell="is_positive_definite",
        what="helper _is_square_matrix, np.linalg.eigh, for loop with early returns",
        code=r'''
def _is_square_matrix(a):
    return a.ndim == 2 and a.shape[0] == a.shape[1]


def is_positive_definite(a, tol=1e-10):
    """True if the square matrix a is symmetric with all eigenvalues > tol."""
    if not _is_square_matrix(a):
        raise ValueError(f"{a.shape} is not the shape of a square matrix")
    symmetric = np.allclose(a, a.T)
    if not symmetric:
        return False
    values, _ = np.linalg.eigh(a)
    for value in values:
        if value <= tol:
            return False
    return True
''',
    ),
    Alternative(
        style="index_helpers",
        cell="pinv_svd",
        what="`from numpy.linalg import svd`, full matrices, Sigma+ of shape (n, m) filled by enumerate",
        code=r'''
from numpy.linalg import svd


def pinv_svd(a, rcond=1e-12):
    """Moore-Penrose pseudo-inverse of the 2-D array a, computed from its SVD."""
    m, n = a.shape
    u, s, vt = svd(a)  # full matrices: u is (m, m), vt is (n, n)
    sigma_plus = np.zeros((n, m))
    if s.size:
        cutoff = rcond * s.max()
        for k, value in enumerate(s):
            if value > cutoff:
                sigma_plus[k, k] = 1.0 / value
    return vt.T @ sigma_plus @ u.T
''',
    ),
    Alternative(
        style="index_helpers",
        cell="chain_product",
        what="dict of named factors, helper that checks one pair, functools.reduce(np.matmul, ...)",
        code=r'''
from functools import reduce


def _check_pair(left_name, left, right_name, right):
    if left.shape[1] != right.shape[0]:
        raise ValueError(f"{left_name} {left.shape} @ {right_name} {right.shape}: "
                         f"inner sizes {left.shape[1]} and {right.shape[0]} differ")


def chain_product(a, b, c, d):
    """The matrix product a @ b @ c @ d, with a clear error for the first mismatched pair."""
    named = {"A": a, "B": b, "C": c, "D": d}
    for name, m in named.items():
        if m.ndim != 2:
            raise ValueError(f"{name} must be a 2-D matrix, not shape {m.shape}")
    items = list(named.items())
    for (left_name, left), (right_name, right) in zip(items, items[1:]):
        _check_pair(left_name, left, right_name, right)
    return reduce(np.matmul, (a, b, c, d))
''',
    ),
    # ------------------------------------------------------------------ numpy_where_allowed
    # NumPy reductions/linear algebra where the text allows them, np.ndenumerate loops
    # elsewhere, NumPy scalar results, early returns.
    Alternative(
        style="numpy_where_allowed",
        cell="naive_relu",
        what="np.empty_like output, nested for over range(shape[k]) with the built-in max(value, 0)",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[i, j] = max(x[i, j], 0)
    return out
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="naive_add",
        what="loop over np.ndenumerate(x); message uses the f-string `=` specifier",
        code=r'''
def naive_add(x, y):
    """Element-wise x + y for 2-D arrays of equal shape, computed with loops."""
    if x.shape != y.shape:
        raise ValueError(f"shapes must match, got {x.shape=} and {y.shape=}")
    out = np.zeros(x.shape, dtype=np.result_type(x.dtype, y.dtype))
    for (i, j), value in np.ndenumerate(x):
        out[i, j] = value + y[i, j]
    return out
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="naive_add_matrix_and_vector",
        what="loop over np.ndenumerate(x); check written with np.shape",
        code=r'''
def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    if np.shape(y) != (np.shape(x)[1],):
        raise ValueError(f"expected y of shape ({np.shape(x)[1]},), got {np.shape(y)}")
    z = np.zeros(x.shape, dtype=np.result_type(x.dtype, y.dtype))
    for (i, j), value in np.ndenumerate(x):
        z[i, j] = value + y[j]
    return z
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="naive_vector_dot",
        what="shape comparison for the length check, loop over np.ndenumerate, early return for empty vectors",
        code=r'''
def naive_vector_dot(x, y):
    """Dot product of two 1-D arrays of equal length, with a loop."""
    if x.shape != y.shape:
        raise ValueError(f"length mismatch: {len(x)} vs {len(y)}")
    if x.size == 0:
        return 0.0
    acc = x[0] * y[0]
    for (i,), value in np.ndenumerate(x[1:]):
        acc += value * y[i + 1]
    return acc
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="naive_matrix_vector_dot",
        what="one loop over np.ndenumerate(x) scattering x[i, j] * y[j] into out[i]",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if np.ndim(x) != 2 or np.ndim(y) != 1:
        raise ValueError(f"x must be 2-D and y 1-D, got {np.shape(x)} and {np.shape(y)}")
    if x.shape[1] != y.shape[0]:
        raise ValueError(f"{x.shape} and {y.shape} do not fit: {x.shape[1]} != {y.shape[0]}")
    out = np.zeros(x.shape[0], dtype=np.result_type(x.dtype, y.dtype))
    for (i, j), value in np.ndenumerate(x):
        out[i] += value * y[j]
    return out
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="naive_matrix_dot",
        what="i-k-j loop order (x[i, k] hoisted out of the inner loop), early raise per check",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.ndim != 2 or y.ndim != 2:
        raise ValueError(f"both arguments must be matrices, got shapes {x.shape} and {y.shape}")
    if x.shape[1] != y.shape[0]:
        raise ValueError(f"shapes {x.shape} and {y.shape} not aligned: {x.shape[1]} (dim 1) != {y.shape[0]} (dim 0)")
    n, m = x.shape
    p = y.shape[1]
    out = np.zeros((n, p), dtype=np.result_type(x.dtype, y.dtype))
    for i in range(n):
        for k in range(m):
            xik = x[i, k]
            for j in range(p):
                out[i, j] += xik * y[k, j]
    return out
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="p_norm",
        what="NumPy element-wise functions and reductions, `not p >= 1`, special cases p = 1 and 2, np.float64 results",
        code=r'''
def p_norm(x, p):
    """The L_p norm of the vector x (p >= 1, or np.inf for the max-norm)."""
    if not p >= 1:
        raise ValueError(f"p = {p} is below 1, so L_p is not a norm")
    a = np.abs(np.asarray(x, dtype=np.float64))
    if p == np.inf:
        return np.max(a, initial=0.0)
    if p == 1:
        return np.sum(a)
    if p == 2:
        return np.sqrt(np.sum(a * a))
    return np.sum(a ** p) ** (1.0 / p)
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="frobenius_norm",
        what="np.sqrt(np.sum(a * a)) after casting to float64",
        code=r'''
def frobenius_norm(a):
    """The Frobenius norm: square root of the sum of the squares of all entries."""
    a = np.asarray(a, dtype=np.float64)
    return np.sqrt(np.sum(a * a))
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="rotation_matrix",
        what="cos and sin read off the complex number exp(i theta)",
        code=r'''
def rotation_matrix(theta):
    """2x2 matrix of the counter-clockwise rotation by theta radians."""
    z = np.exp(1j * theta)
    return np.array([[z.real, -z.imag], [z.imag, z.real]])
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="is_positive_definite",
        what="square check via len(set(shape)), one bool(...) over allclose and eigvalsh(...).min(initial=inf)",
        code=r'''
def is_positive_definite(a, tol=1e-10):
    """True if the square matrix a is symmetric with all eigenvalues > tol."""
    if np.ndim(a) != 2 or len(set(np.shape(a))) != 1:
        raise ValueError(f"a must be square and 2-D, got shape {np.shape(a)}")
    return bool(np.allclose(a, a.T) and np.linalg.eigvalsh(a).min(initial=np.inf) > tol)
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="pinv_svd",
        what="np.divide(..., where=keep) for the reciprocals, V diag(s+) U^T, early return for empty input",
        code=r'''
def pinv_svd(a, rcond=1e-12):
    """Moore-Penrose pseudo-inverse of the 2-D array a, computed from its SVD."""
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    if s.size == 0:
        return np.zeros(a.shape[::-1])
    keep = s > rcond * s.max()
    s_inv = np.divide(1.0, s, out=np.zeros_like(s), where=keep)
    return vt.T @ np.diag(s_inv) @ u.T
''',
    ),
    Alternative(
        style="numpy_where_allowed",
        cell="chain_product",
        what="np.linalg.multi_dot for the product; message adds the mismatched sizes",
        code=r'''
def chain_product(a, b, c, d):
    """The matrix product a @ b @ c @ d, with a clear error for the first mismatched pair."""
    mats = {"A": a, "B": b, "C": c, "D": d}
    for name, m in mats.items():
        if np.ndim(m) != 2:
            raise ValueError(f"{name} has shape {np.shape(m)}; every factor must be 2-D")
    names = list(mats)
    for left, right in zip(names, names[1:]):
        if mats[left].shape[1] != mats[right].shape[0]:
            raise ValueError(f"cannot multiply {left} {mats[left].shape} by {right} {mats[right].shape}: "
                             f"{mats[left].shape[1]} != {mats[right].shape[0]}")
    return np.linalg.multi_dot([a, b, c, d])
''',
    ),
    # ------------------------------------------------------------------ shadowing_names
    # Plain local variables whose names coincide with library functions that are banned or
    # tempting: maximum, add, dot, inner, matmul, norm, cos/sin, eigvals, inv, pinv.
    Alternative(
        style="shadowing_names",
        cell="naive_relu",
        what="local variables named `maximum` and `relu`; np.zeros_like output",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    n, m = x.shape
    relu = np.zeros_like(x)
    for i in range(n):
        for j in range(m):
            maximum = x[i, j]
            if maximum < 0:
                maximum = 0
            relu[i, j] = maximum
    return relu
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="naive_add",
        what="result named `add`, shape kept in a local `shape`",
        code=r'''
def naive_add(x, y):
    """Element-wise x + y for 2-D arrays of equal shape, computed with loops."""
    shape = x.shape
    if shape != y.shape:
        raise ValueError(f"x has shape {shape} but y has shape {y.shape}: they must match")
    add = np.empty(shape, dtype=np.result_type(x, y))
    for i in range(shape[0]):
        for j in range(shape[1]):
            add[i, j] = x[i, j] + y[i, j]
    return add
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="naive_add_matrix_and_vector",
        what="result named `broadcast`, %-formatted error message",
        code=r'''
def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    n, m = x.shape
    if y.shape != (m,):
        raise ValueError("y must have shape (%d,) to match x %s, got %s" % (m, x.shape, y.shape))
    broadcast = np.empty((n, m), dtype=np.result_type(x, y))
    for i in range(n):
        for j in range(m):
            broadcast[i, j] = x[i, j] + y[j]
    return broadcast
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="naive_vector_dot",
        what="accumulator named `dot`, length in a local named `inner`",
        code=r'''
def naive_vector_dot(x, y):
    """Dot product of two 1-D arrays of equal length, with a loop."""
    inner = len(x)
    if inner != len(y):
        raise ValueError(f"cannot dot a vector of length {inner} with one of length {len(y)}")
    dot = 0
    for i in range(inner):
        dot += x[i] * y[i]
    return dot
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="naive_matrix_vector_dot",
        what="`n, inner = x.shape`, result named `matvec`, accumulator named `dot`",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if x.ndim != 2 or y.ndim != 1:
        raise ValueError(f"x must be a matrix and y a vector, got {x.shape} and {y.shape}")
    n, inner = x.shape
    if y.shape[0] != inner:
        raise ValueError(f"x is {x.shape} but y is {y.shape}: {inner} != {y.shape[0]}")
    matvec = np.zeros(n, dtype=np.result_type(x, y))
    for i in range(n):
        dot = 0
        for k in range(inner):
            dot += x[i, k] * y[k]
        matvec[i] = dot
    return matvec
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="naive_matrix_dot",
        what="`n, inner = x.shape`, result named `matmul`, accumulator named `dot`",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.ndim != 2 or y.ndim != 2:
        raise ValueError(f"need two matrices, got shapes {x.shape} and {y.shape}")
    n, inner = x.shape
    inner_y, p = y.shape
    if inner != inner_y:
        raise ValueError(f"cannot multiply {x.shape} by {y.shape}")
    matmul = np.zeros((n, p), dtype=np.result_type(x, y))
    for i in range(n):
        for j in range(p):
            dot = 0
            for k in range(inner):
                dot += x[i, k] * y[k, j]
            matmul[i, j] = dot
    return matmul
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="p_norm",
        what="result named `norm`; overflow-safe scaling by the largest |x_i|; p == float('inf')",
        code=r'''
def p_norm(x, p):
    """The L_p norm of the vector x (p >= 1, or np.inf for the max-norm)."""
    if p < 1:
        raise ValueError("p must be >= 1 (got %r): L_p with p < 1 is not a norm" % (p,))
    x = np.abs(np.asarray(x, dtype=np.float64))
    biggest = x.max() if x.size else 0.0
    if p == float("inf") or biggest == 0 or np.isinf(biggest):
        norm = biggest
        return norm
    norm = biggest * np.sum((x / biggest) ** p) ** (1.0 / p)
    return norm
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="frobenius_norm",
        what="result named `norm`; math.sqrt of flat @ flat on a float64 copy",
        code=r'''
import math


def frobenius_norm(a):
    """The Frobenius norm: square root of the sum of the squares of all entries."""
    flat = np.asarray(a, dtype=np.float64).ravel()
    norm = math.sqrt(flat @ flat)
    return norm
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="rotation_matrix",
        what="local variables named `cos` and `sin` holding the values",
        code=r'''
def rotation_matrix(theta):
    """2x2 matrix of the counter-clockwise rotation by theta radians."""
    cos, sin = np.cos(theta), np.sin(theta)
    return np.array([[cos, -sin], [sin, cos]])
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="is_positive_definite",
        what="local `eigvals` = np.linalg.eigvals(a).real, check via len(np.shape(a)), if/return True/False",
        code=r'''
def is_positive_definite(a, tol=1e-10):
    """True if the square matrix a is symmetric with all eigenvalues > tol."""
    shape = np.shape(a)
    if len(shape) != 2 or shape[0] != shape[1]:
        raise ValueError(f"is_positive_definite needs a square 2-D array, got shape {shape}")
    if not np.allclose(a, a.T):
        return False
    eigvals = np.linalg.eigvals(a).real
    if eigvals.min(initial=np.inf) > tol:
        return True
    return False
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="pinv_svd",
        what="`import numpy.linalg as la`; reciprocals in a local `inv`, result named `pinv`",
        code=r'''
import numpy.linalg as la


def pinv_svd(a, rcond=1e-12):
    """Moore-Penrose pseudo-inverse of the 2-D array a, computed from its SVD."""
    u, s, vt = la.svd(a, full_matrices=False)
    inv = np.zeros_like(s)
    if s.size:
        big = s > rcond * s.max()
        inv[big] = 1 / s[big]
    pinv = (vt.T * inv) @ u.T
    return pinv
''',
    ),
    Alternative(
        style="shadowing_names",
        cell="chain_product",
        what="pairs named by the parameter names (lower-case b, c); running product `dot`, loop variable `matmul`",
        code=r'''
def chain_product(a, b, c, d):
    """The matrix product a @ b @ c @ d, with a clear error for the first mismatched pair."""
    matrices = (a, b, c, d)
    names = ("a", "b", "c", "d")
    for name, matrix in zip(names, matrices):
        if matrix.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {matrix.shape}")
    for k in range(3):
        if matrices[k].shape[1] != matrices[k + 1].shape[0]:
            raise ValueError(f"shapes do not fit: {names[k]} {matrices[k].shape} @ "
                             f"{names[k + 1]} {matrices[k + 1].shape}")
    dot = a
    for matmul in matrices[1:]:
        dot = dot @ matmul
    return dot
''',
    ),
    # ------------------------------------------------------------------ view_functions
    # NumPy's functions that only view or rearrange an array (np.transpose, np.ravel, np.reshape,
    # np.expand_dims, np.broadcast_to) instead of the methods y.T, x.ravel(), x.reshape(); the
    # arithmetic stays in Python loops.
    Alternative(
        style="view_functions",
        cell="naive_relu",
        what="np.ravel(x) as a flat view, two nested for loops writing a flat result, np.reshape back to x's shape",
        code=r'''
def naive_relu(x):
    """Return max(x[i, j], 0) for every entry of the 2-D array x, as a new array."""
    flat = np.ravel(x)
    out = np.zeros(flat.size, dtype=x.dtype)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            k = i * x.shape[1] + j
            out[k] = flat[k] if flat[k] > 0 else 0
    return np.reshape(out, x.shape)
''',
    ),
    Alternative(
        style="view_functions",
        cell="naive_add_matrix_and_vector",
        what="np.broadcast_to(y, x.shape) as a read-only view of y repeated on every row, then two for loops",
        code=r'''
def naive_add_matrix_and_vector(x, y):
    """Broadcast-add the vector y (m,) to every row of the matrix x (n, m), with loops."""
    if y.ndim != 1 or y.shape[0] != x.shape[1]:
        raise ValueError(f"cannot add a vector of shape {y.shape} to a matrix of shape {x.shape}")
    rows = np.broadcast_to(y, x.shape)
    z = np.zeros(x.shape, dtype=np.result_type(x, y))
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            z[i, j] = x[i, j] + rows[i, j]
    return z
''',
    ),
    Alternative(
        style="view_functions",
        cell="naive_matrix_vector_dot",
        what="y turned into a column with np.expand_dims(y, 1), read as column[j, 0] in two for loops",
        code=r'''
def naive_matrix_vector_dot(x, y):
    """Product of a matrix x (n, m) and a vector y (m,): a vector (n,), with loops."""
    if y.ndim != 1 or x.shape[1] != y.shape[0]:
        raise ValueError(f"shapes do not fit: {x.shape} and {y.shape}")
    column = np.expand_dims(y, 1)
    z = np.zeros(x.shape[0])
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            z[i] += x[i, j] * column[j, 0]
    return z
''',
    ),
    Alternative(
        style="view_functions",
        cell="naive_matrix_dot",
        what="np.transpose(y) so that columns of y are rows, three for loops over scalar entries",
        code=r'''
def naive_matrix_dot(x, y):
    """Product of matrices x (n, m) and y (m, p): a matrix (n, p), with loops."""
    if x.shape[1] != y.shape[0]:
        raise ValueError(f"cannot multiply {x.shape} by {y.shape}")
    columns = np.transpose(y)
    z = np.zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            total = 0.0
            for k in range(x.shape[1]):
                total += x[i, k] * columns[j, k]
            z[i, j] = total
    return z
''',
    ),
]
