"""Alternative correct answers to chapter 4, written from the exercise text alone: each must keep full marks.

Three styles, each answering every exercise: ``loops`` (explicit Python loops over samples or
entries), ``einsum`` (NumPy's einsum and library functions, reusing the notebook's own earlier
functions where the text allows it) and ``defensive`` (conversions, masks and in-place updates on
copies, small helper objects).
"""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ loops
    Alternative(
        style="loops",
        cell="perceptron_predict",
        what="score of each row summed entry by entry; an int array filled in a loop",
        code=r'''
def perceptron_predict(w, b, X):
    """Classify the rows of X with the perceptron (w, b)."""
    out = np.empty(X.shape[0], dtype=int)
    for i in range(X.shape[0]):
        s = b
        for j in range(X.shape[1]):
            s += w[j] * X[i, j]
        out[i] = 1 if s >= 0 else -1
    return out
''',
    ),
    Alternative(
        style="loops",
        cell="perceptron_epoch",
        what="predictions with the starting weights first, then corrections accumulated point by point",
        code=r'''
def perceptron_epoch(w, b, X, y, rho):
    """One epoch of the batch perceptron rule."""
    start = [1 if float(x @ w + b) >= 0 else -1 for x in X]
    dw = np.zeros(len(w))
    db = 0.0
    count = 0
    for x_k, t, p in zip(X, y, start):
        if p != t:
            dw += t * x_k
            db += t
            count += 1
    return w + rho * dw, b + rho * db, count
''',
    ),
    Alternative(
        style="loops",
        cell="train_perceptron",
        what="for loop over epochs with an inner loop over points, break on a clean epoch",
        code=r'''
def train_perceptron(w, b, X, y, rho, max_epochs):
    """Epochs of the perceptron rule until one makes no update, or max_epochs of them."""
    w = np.array(w, dtype=float)
    errors = []
    for epoch in range(max_epochs):
        wrong = [k for k in range(len(X)) if (1 if X[k] @ w + b >= 0 else -1) != y[k]]
        for k in wrong:
            w = w + rho * y[k] * X[k]
        b = b + rho * sum(int(y[k]) for k in wrong)
        errors.append(len(wrong))
        if not wrong:
            break
    return w, b, errors
''',
    ),
    Alternative(
        style="loops",
        cell="xor_network",
        what="hidden units AND and OR, output OR-and-not-AND; b1 and w2 as Python lists, b2 an int",
        code=r'''
def xor_network():
    """Weights (W1, b1, w2, b2) of a 2-2-1 step network that computes XOR on a, b, c, d."""
    W1 = np.ones((2, 2))                # both units see x1 + x2
    b1 = [-1.5, -0.5]                   # unit 1: AND, unit 2: OR
    w2 = [-1.0, 1.0]                    # OR and not AND
    b2 = -1
    return W1, b1, w2, b2
''',
    ),
    Alternative(
        style="loops",
        cell="numerical_param_gradient",
        what="flat index loop through param.flat",
        code=r'''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    """Central-difference gradient of loss_fn() with respect to the array param (probed in place)."""
    grad = np.zeros(param.size)
    for i in range(param.size):
        saved = param.flat[i]
        param.flat[i] = saved + h
        up = loss_fn()
        param.flat[i] = saved - h
        down = loss_fn()
        param.flat[i] = saved
        grad[i] = (up - down) / (2.0 * h)
    return grad.reshape(param.shape)
''',
    ),
    Alternative(
        style="loops",
        cell="relative_error",
        what="sums of squares accumulated entry by entry with math.sqrt",
        code=r'''
import math


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||) for two arrays of one shape; 0.0 when both are zero."""
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes differ: {np.shape(a)} vs {np.shape(b)}")
    diff = sa = sb = 0.0
    for u, v in zip(np.ravel(a), np.ravel(b)):
        u, v = float(u), float(v)
        diff += (u - v) ** 2
        sa += u * u
        sb += v * v
    total = math.sqrt(sa) + math.sqrt(sb)
    return 0.0 if total == 0 else math.sqrt(diff) / total
''',
    ),
    Alternative(
        style="loops",
        cell="xyz_graph",
        what="forward and backward entry by entry over np.ndindex",
        code=r'''
def xyz_graph(x, y, z):
    """Forward and backward pass of c = sum(x * y + z)."""
    c = 0.0
    grad_x, grad_y, grad_z = np.empty_like(x), np.empty_like(y), np.empty_like(z)
    for idx in np.ndindex(*x.shape):
        c += x[idx] * y[idx] + z[idx]
        grad_x[idx] = y[idx]
        grad_y[idx] = x[idx]
        grad_z[idx] = 1.0
    return float(c), grad_x, grad_y, grad_z
''',
    ),
    Alternative(
        style="loops",
        cell="two_layer_l2",
        what="one sample at a time, outer products summed into the gradients",
        code=r'''
def two_layer_l2(x, y, w1, w2):
    """Loss sum((relu(x @ w1) @ w2 - y)**2) and its gradients with respect to w1 and w2."""
    loss = 0.0
    g1, g2 = np.zeros(w1.shape), np.zeros(w2.shape)
    for i in range(x.shape[0]):
        h = x[i] @ w1
        a = np.where(h > 0, h, 0.0)
        err = a @ w2 - y[i]
        loss += float(err @ err)
        g2 += np.outer(a, 2 * err)
        g1 += np.outer(x[i], (w2 @ (2 * err)) * (h > 0))
    return loss, g1, g2
''',
    ),
    Alternative(
        style="loops",
        cell="dense_forward",
        what="row by row into an output of the inputs' result dtype",
        code=r'''
def dense_forward(x, W, b):
    """Dense layer forward: out = x @ W + b."""
    out = np.empty((x.shape[0], W.shape[1]), dtype=np.result_type(x, W, b))
    for i in range(x.shape[0]):
        out[i] = x[i] @ W + b
    return out, (x, W, b)
''',
    ),
    Alternative(
        style="loops",
        cell="dense_backward",
        what="gradients accumulated sample by sample into zeros_like arrays",
        code=r'''
def dense_backward(dout, cache):
    """Dense layer backward."""
    x, W, b = cache
    dx, dW, db = np.zeros_like(x), np.zeros_like(W), np.zeros_like(b)
    for i in range(x.shape[0]):
        dx[i] = W @ dout[i]
        dW += np.outer(x[i], dout[i])
        db += dout[i]
    return dx, dW, db
''',
    ),
    Alternative(
        style="loops",
        cell="relu_backward",
        what="entry loop copying dout where x is positive",
        code=r'''
def relu_backward(dout, x):
    """Gradient of the ReLU with respect to its input x."""
    dx = np.zeros_like(dout)
    for idx in np.ndindex(*x.shape):
        if x[idx] > 0:
            dx[idx] = dout[idx]
    return dx
''',
    ),
    Alternative(
        style="loops",
        cell="sigmoid_backward",
        what="entry loop over np.ndindex",
        code=r'''
def sigmoid_backward(dout, s):
    """Gradient of the sigmoid with respect to its input, from its output s."""
    dx = np.empty_like(dout)
    for idx in np.ndindex(*s.shape):
        dx[idx] = dout[idx] * s[idx] * (1 - s[idx])
    return dx
''',
    ),
    Alternative(
        style="loops",
        cell="softmax_cross_entropy",
        what="one row at a time with its own maximum; loss accumulated as a Python float",
        code=r'''
def softmax_cross_entropy(logits, y):
    """Mean cross-entropy of softmax(logits) against integer labels y, and its gradient."""
    n = logits.shape[0]
    total = 0.0
    dlogits = np.empty_like(logits)
    for i in range(n):
        row = logits[i] - np.max(logits[i])
        e = np.exp(row)
        norm = e.sum()
        total += float(np.log(norm) - row[y[i]])
        dlogits[i] = e / norm
        dlogits[i, y[i]] -= 1
    return total / n, dlogits / n
''',
    ),
    Alternative(
        style="loops",
        cell="TwoLayerNet",
        what="standard_normal scaled by hand; step loops over the names and assigns p - lr * g",
        code=r'''
class TwoLayerNet:
    """logits = relu(x @ W1 + b1) @ W2 + b2."""

    def __init__(self, n_in, n_hidden, n_out, rng):
        w1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2 / n_in)
        w2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(2 / (n_hidden + n_out))
        self.params = {"W1": w1, "b1": np.zeros(n_hidden), "W2": w2, "b2": np.zeros(n_out)}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self.cache = None

    def forward(self, x):
        z = x @ self.params["W1"] + self.params["b1"]
        a = z * (z > 0)
        self.cache = (x, z, a)
        return a @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        x, z, a = self.cache
        da = dlogits @ self.params["W2"].T
        dz = np.where(z > 0, da, 0.0)
        for name, value in [("W2", a.T @ dlogits), ("b2", dlogits.sum(axis=0)),
                            ("W1", x.T @ dz), ("b1", dz.sum(axis=0))]:
            self.grads[name] = value

    def step(self, lr):
        for name in ["W1", "b1", "W2", "b2"]:
            self.params[name] = self.params[name] - lr * self.grads[name]
''',
    ),
    # ------------------------------------------------------------------ einsum
    Alternative(
        style="einsum",
        cell="perceptron_predict",
        what="einsum scores, 2·(s >= 0) - 1",
        code=r'''
def perceptron_predict(w, b, X):
    """Classify the rows of X with the perceptron (w, b)."""
    s = np.einsum("nd,d->n", X, w) + b
    return 2 * (s >= 0).astype(int) - 1
''',
    ),
    Alternative(
        style="einsum",
        cell="perceptron_epoch",
        what="calls perceptron_predict; the correction as an einsum over the masked labels",
        code=r'''
def perceptron_epoch(w, b, X, y, rho):
    """One epoch of the batch perceptron rule."""
    mask = perceptron_predict(w, b, X) != y
    signed = y * mask
    return w + rho * np.einsum("n,nd->d", signed, X), b + rho * signed.sum(), int(np.count_nonzero(mask))
''',
    ),
    Alternative(
        style="einsum",
        cell="train_perceptron",
        what="recursion over perceptron_epoch",
        code=r'''
def train_perceptron(w, b, X, y, rho, max_epochs):
    """Epochs of the perceptron rule until one makes no update, or max_epochs of them."""
    if max_epochs <= 0:
        return w, b, []
    w_next, b_next, n = perceptron_epoch(w, b, X, y, rho)
    if n == 0:
        return w_next, b_next, [0]
    w_end, b_end, rest = train_perceptron(w_next, b_next, X, y, rho, max_epochs - 1)
    return w_end, b_end, [n] + rest
''',
    ),
    Alternative(
        style="einsum",
        cell="xor_network",
        what="hidden units 'b but not c' and 'c but not b', output OR",
        code=r'''
def xor_network():
    """Weights (W1, b1, w2, b2) of a 2-2-1 step network that computes XOR on a, b, c, d."""
    W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])  # columns: x1 - x2, x2 - x1
    b1 = np.full(2, -0.5)
    w2 = np.ones(2)
    b2 = 1.0
    return W1, b1, w2, b2
''',
    ),
    Alternative(
        style="einsum",
        cell="numerical_param_gradient",
        what="np.nditer over the multi-index",
        code=r'''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    """Central-difference gradient of loss_fn() with respect to the array param (probed in place)."""
    grad = np.zeros_like(param, dtype=np.float64)
    it = np.nditer(param, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        keep = param[i].copy()
        param[i] = keep + h
        hi = float(loss_fn())
        param[i] = keep - h
        lo = float(loss_fn())
        param[i] = keep
        grad[i] = (hi - lo) / (h + h)
    return grad
''',
    ),
    Alternative(
        style="einsum",
        cell="relative_error",
        what="vdot-based norms",
        code=r'''
def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||) for two arrays of one shape; 0.0 when both are zero."""
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}")
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    d = a64 - b64
    denom = np.sqrt(np.vdot(a64, a64)) + np.sqrt(np.vdot(b64, b64))
    return float(np.sqrt(np.vdot(d, d)) / denom) if denom > 0 else 0.0
''',
    ),
    Alternative(
        style="einsum",
        cell="xyz_graph",
        what="c from an einsum contraction; gradients as copies",
        code=r'''
def xyz_graph(x, y, z):
    """Forward and backward pass of c = sum(x * y + z)."""
    c = np.einsum("i,i->", x.ravel(), y.ravel()) + np.einsum("i->", z.ravel())
    return float(c), y.copy(), x.copy(), np.ones(z.shape, dtype=z.dtype)
''',
    ),
    Alternative(
        style="einsum",
        cell="two_layer_l2",
        what="einsum products, the ReLU's mask as np.heaviside(h, 0)",
        code=r'''
def two_layer_l2(x, y, w1, w2):
    """Loss sum((relu(x @ w1) @ w2 - y)**2) and its gradients with respect to w1 and w2."""
    h = np.einsum("nd,dh->nh", x, w1)
    a = np.maximum(h, 0)
    r = np.einsum("nh,ho->no", a, w2) - y
    g_pred = 2 * r
    g_h = np.einsum("no,ho->nh", g_pred, w2) * np.heaviside(h, 0.0)
    return float(np.einsum("no,no->", r, r)), np.einsum("nd,nh->dh", x, g_h), np.einsum("nh,no->ho", a, g_pred)
''',
    ),
    Alternative(
        style="einsum",
        cell="dense_forward",
        what="einsum product plus the broadcast bias",
        code=r'''
def dense_forward(x, W, b):
    """Dense layer forward: out = x @ W + b."""
    return np.einsum("nd,dm->nm", x, W) + b, (x, W, b)
''',
    ),
    Alternative(
        style="einsum",
        cell="dense_backward",
        what="three einsum contractions",
        code=r'''
def dense_backward(dout, cache):
    """Dense layer backward."""
    x, W, _ = cache
    return (np.einsum("nm,dm->nd", dout, W), np.einsum("nd,nm->dm", x, dout), np.einsum("nm->m", dout))
''',
    ),
    Alternative(
        style="einsum",
        cell="relu_backward",
        what="np.where with a zero of dout's dtype",
        code=r'''
def relu_backward(dout, x):
    """Gradient of the ReLU with respect to its input x."""
    return np.where(x > 0, dout, np.zeros((), dtype=dout.dtype))
''',
    ),
    Alternative(
        style="einsum",
        cell="sigmoid_backward",
        what="s - s², multiplied element-wise",
        code=r'''
def sigmoid_backward(dout, s):
    """Gradient of the sigmoid with respect to its input, from its output s."""
    return np.multiply(dout, s - s * s)
''',
    ),
    Alternative(
        style="einsum",
        cell="softmax_cross_entropy",
        what="scipy.special's logsumexp and softmax with a one-hot of the logits' dtype",
        code=r'''
from scipy.special import logsumexp, softmax


def softmax_cross_entropy(logits, y):
    """Mean cross-entropy of softmax(logits) against integer labels y, and its gradient."""
    n, c = logits.shape
    one_hot = np.eye(c, dtype=logits.dtype)[y]
    log_norm = logsumexp(logits, axis=1)
    picked = np.einsum("nc,nc->n", logits, one_hot)
    loss = float(np.mean(log_norm - picked))
    return loss, ((softmax(logits, axis=1) - one_hot) / n).astype(logits.dtype)
''',
    ),
    Alternative(
        style="einsum",
        cell="TwoLayerNet",
        what="built from the notebook's dense_forward, dense_backward and relu_backward",
        code=r'''
class TwoLayerNet:
    """logits = relu(x @ W1 + b1) @ W2 + b2, with the layer functions of the notebook."""

    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {}
        self.params["W1"] = rng.normal(scale=np.sqrt(2.0 / n_in), size=(n_in, n_hidden))
        self.params["b1"] = np.zeros(n_hidden)
        self.params["W2"] = rng.normal(scale=np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out))
        self.params["b2"] = np.zeros(n_out)
        self.grads = {}

    def forward(self, x):
        pre, self.cache1 = dense_forward(x, self.params["W1"], self.params["b1"])
        self.pre = pre
        logits, self.cache2 = dense_forward(np.maximum(pre, 0), self.params["W2"], self.params["b2"])
        return logits

    def backward(self, dlogits):
        x, _, _ = self.cache1
        hidden, _, _ = self.cache2
        cache2 = (hidden, self.params["W2"], self.params["b2"])
        dhidden, self.grads["W2"], self.grads["b2"] = dense_backward(dlogits, cache2)
        cache1 = (x, self.params["W1"], self.params["b1"])
        _, self.grads["W1"], self.grads["b1"] = dense_backward(relu_backward(dhidden, self.pre), cache1)

    def step(self, lr):
        for name, value in self.params.items():
            np.subtract(value, lr * self.grads[name], out=value)
''',
    ),
    # ------------------------------------------------------------------ defensive
    Alternative(
        style="defensive",
        cell="perceptron_predict",
        what="converted inputs, np.dot, start from all +1 and flip the negative scores",
        code=r'''
def perceptron_predict(w, b, X):
    """Classify the rows of X with the perceptron (w, b)."""
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    scores = X.dot(w) + float(b)
    labels = np.ones(scores.shape[0], dtype=np.int64)
    labels[scores < 0] = -1
    return labels
''',
    ),
    Alternative(
        style="defensive",
        cell="perceptron_epoch",
        what="copies of the inputs, boolean mask, column-broadcast product summed over axis 0",
        code=r'''
def perceptron_epoch(w, b, X, y, rho):
    """One epoch of the batch perceptron rule."""
    X = np.array(X, dtype=float)
    y = np.array(y)
    w_new = np.array(w, dtype=float)
    scores = X @ w_new + b
    predicted = np.where(scores < 0, -1, 1)
    mask = predicted != y
    if mask.any():
        w_new += rho * (X[mask] * y[mask][:, None]).sum(axis=0)
        b = b + rho * float(y[mask].sum())
    return w_new, b, int(mask.sum())
''',
    ),
    Alternative(
        style="defensive",
        cell="train_perceptron",
        what="while True with an explicit epoch counter and an early exit",
        code=r'''
def train_perceptron(w, b, X, y, rho, max_epochs):
    """Epochs of the perceptron rule until one makes no update, or max_epochs of them."""
    w_cur, b_cur = np.array(w, dtype=float), b
    history = []
    epoch = 0
    while True:
        if epoch >= max_epochs:
            break
        scores = np.asarray(X, dtype=float) @ w_cur + b_cur
        mask = np.where(scores >= 0, 1, -1) != np.asarray(y)
        count = int(np.count_nonzero(mask))
        history.append(count)
        epoch += 1
        if count == 0:
            break
        w_cur = w_cur + rho * np.sum(np.asarray(X, dtype=float)[mask] * np.asarray(y)[mask, None], axis=0)
        b_cur = b_cur + rho * float(np.sum(np.asarray(y)[mask]))
    return w_cur, b_cur, history
''',
    ),
    Alternative(
        style="defensive",
        cell="xor_network",
        what="integer weights and a NumPy-scalar b2",
        code=r'''
def xor_network():
    """Weights (W1, b1, w2, b2) of a 2-2-1 step network that computes XOR on a, b, c, d."""
    W1 = np.array([[2, -2], [2, -2]])
    b1 = np.array([-1, 3])
    w2 = np.array([1, 1])
    b2 = np.float64(-1.0)
    return W1, b1, w2, b2
''',
    ),
    Alternative(
        style="defensive",
        cell="numerical_param_gradient",
        what="try/finally restores each entry even if loss_fn raises",
        code=r'''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    """Central-difference gradient of loss_fn() with respect to the array param (probed in place)."""
    out = np.empty(param.shape, dtype=np.float64)
    for index in np.ndindex(param.shape):
        original = param[index].item()
        try:
            param[index] = original + h
            plus = float(loss_fn())
            param[index] = original - h
            minus = float(loss_fn())
        finally:
            param[index] = original
        out[index] = (plus - minus) / (2 * h)
    return out
''',
    ),
    Alternative(
        style="defensive",
        cell="relative_error",
        what="np.linalg.norm of flattened float64 copies, early return for two zero arrays",
        code=r'''
def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||) for two arrays of one shape; 0.0 when both are zero."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: a has shape {a.shape}, b has shape {b.shape}")
    a, b = a.astype(float).ravel(), b.astype(float).ravel()
    if not a.any() and not b.any():
        return 0.0
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))
''',
    ),
    Alternative(
        style="defensive",
        cell="xyz_graph",
        what="small node classes with forward and backward",
        code=r'''
class Multiply:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, upstream):
        return upstream * self.y, upstream * self.x


class Add:
    def forward(self, a, z):
        return a + z

    def backward(self, upstream):
        return upstream, upstream.copy()


def xyz_graph(x, y, z):
    """Forward and backward pass of c = sum(x * y + z)."""
    mul, add = Multiply(), Add()
    b = add.forward(mul.forward(x, y), z)
    c = b.sum()
    grad_a, grad_z = add.backward(np.ones_like(b))
    grad_x, grad_y = mul.backward(grad_a)
    return float(c), grad_x, grad_y, grad_z
''',
    ),
    Alternative(
        style="defensive",
        cell="two_layer_l2",
        what="float64 copies, the mask kept as a float array, matmul via np.dot",
        code=r'''
def two_layer_l2(x, y, w1, w2):
    """Loss sum((relu(x @ w1) @ w2 - y)**2) and its gradients with respect to w1 and w2."""
    x, y, w1, w2 = (np.array(v, dtype=np.float64) for v in (x, y, w1, w2))
    pre = np.dot(x, w1)
    on = (pre > 0).astype(np.float64)
    hidden = pre * on
    residual = np.dot(hidden, w2) - y
    loss = float((residual ** 2).sum())
    upstream = 2.0 * residual
    grad_w2 = np.dot(hidden.T, upstream)
    grad_w1 = np.dot(x.T, np.dot(upstream, w2.T) * on)
    return loss, grad_w1, grad_w2
''',
    ),
    Alternative(
        style="defensive",
        cell="dense_forward",
        what="np.matmul into a new array, bias added in place",
        code=r'''
def dense_forward(x, W, b):
    """Dense layer forward: out = x @ W + b."""
    out = np.matmul(x, W)
    out += b
    return out, tuple([x, W, b])
''',
    ),
    Alternative(
        style="defensive",
        cell="dense_backward",
        what="np.dot with transposes, results cast back to x's dtype without copying",
        code=r'''
def dense_backward(dout, cache):
    """Dense layer backward."""
    x, W, b = cache
    dx = np.dot(dout, W.T).astype(x.dtype, copy=False)
    dW = np.dot(x.T, dout).astype(W.dtype, copy=False)
    db = np.sum(dout, axis=0).astype(b.dtype, copy=False)
    return dx, dW, db
''',
    ),
    Alternative(
        style="defensive",
        cell="relu_backward",
        what="copy of dout with the non-positive entries zeroed",
        code=r'''
def relu_backward(dout, x):
    """Gradient of the ReLU with respect to its input x."""
    dx = np.array(dout, copy=True)
    dx[x <= 0] = 0
    return dx
''',
    ),
    Alternative(
        style="defensive",
        cell="sigmoid_backward",
        what="ones_like for the complement, np.multiply twice",
        code=r'''
def sigmoid_backward(dout, s):
    """Gradient of the sigmoid with respect to its input, from its output s."""
    complement = np.ones_like(s) - s
    return np.multiply(dout, np.multiply(s, complement))
''',
    ),
    Alternative(
        style="defensive",
        cell="softmax_cross_entropy",
        what="take_along_axis for the picked log-probabilities, a copy of the probabilities with 1 subtracted",
        code=r'''
def softmax_cross_entropy(logits, y):
    """Mean cross-entropy of softmax(logits) against integer labels y, and its gradient."""
    z = np.array(logits, copy=True)
    labels = np.asarray(y).astype(np.intp)
    n = z.shape[0]
    z -= z.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(z).sum(axis=1, keepdims=True))
    log_p = z - log_sum
    picked = np.take_along_axis(log_p, labels[:, None], axis=1)
    loss = -float(picked.sum()) / n
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1
    return loss, grad / np.asarray(n, dtype=grad.dtype)
''',
    ),
    Alternative(
        style="defensive",
        cell="TwoLayerNet",
        what="parameters from a list of layer sizes, caches in a dict, in-place updates with [...]",
        code=r'''
class TwoLayerNet:
    """logits = relu(x @ W1 + b1) @ W2 + b2."""

    def __init__(self, n_in, n_hidden, n_out, rng):
        scales = {"W1": np.sqrt(2.0 / n_in), "W2": np.sqrt(2.0 / (n_hidden + n_out))}
        shapes = {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}
        self.params = {}
        for name, shape in shapes.items():
            if name.startswith("W"):
                self.params[name] = rng.normal(0.0, scales[name], size=shape)
            else:
                self.params[name] = np.zeros(shape)
        self.grads = {}
        self._saved = {}

    def forward(self, x):
        p = self.params
        x = np.asarray(x, dtype=np.float64)
        z1 = np.dot(x, p["W1"]) + p["b1"]
        h1 = np.clip(z1, 0.0, None)
        self._saved = {"x": x, "z1": z1, "h1": h1}
        return np.dot(h1, p["W2"]) + p["b2"]

    def backward(self, dlogits):
        s, p = self._saved, self.params
        dlogits = np.asarray(dlogits, dtype=np.float64)
        dh1 = np.dot(dlogits, p["W2"].T)
        dz1 = dh1 * (s["z1"] > 0)
        self.grads = {"W2": np.dot(s["h1"].T, dlogits), "b2": dlogits.sum(axis=0),
                      "W1": np.dot(s["x"].T, dz1), "b1": dz1.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name][...] = self.params[name] - lr * self.grads[name]
''',
    ),
]
