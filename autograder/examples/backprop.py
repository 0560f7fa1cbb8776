"""Typical mistakes in chapter 4 (perceptrons and backpropagation); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    # ------------------------------------------------------------------------- perceptron_predict
    Mistake(
        name="predict_sign",
        what="np.sign gives 0 for a point exactly on the line",
        cell="perceptron_predict",
        breaks=("perceptron_predict_tests",),
        code='''
def perceptron_predict(w, b, X):
    return np.sign(X @ w + b)
''',
    ),
    Mistake(
        name="predict_strict_inequality",
        what="classifies a point on the line as -1 (s > 0 instead of s >= 0)",
        cell="perceptron_predict",
        breaks=("perceptron_predict_tests",),
        code='''
def perceptron_predict(w, b, X):
    return np.where(X @ w + b > 0, 1, -1)
''',
    ),
    Mistake(
        name="predict_booleans",
        what="returns True/False instead of +1/-1",
        cell="perceptron_predict",
        breaks=("perceptron_predict_tests",),
        code='''
def perceptron_predict(w, b, X):
    return X @ w + b >= 0
''',
    ),
    # ------------------------------------------------------------------------- perceptron_epoch
    Mistake(
        name="epoch_wrong_sign",
        what="moves the weights away from the misclassified points (w - rho·Σ y x)",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    wrong = np.where(X @ w + b >= 0, 1, -1) != y
    w_new = w - rho * (y[wrong] @ X[wrong])
    b_new = b - rho * float(np.sum(y[wrong]))
    return w_new, b_new, int(np.sum(wrong))
''',
    ),
    Mistake(
        name="epoch_updates_correct_points",
        what="adds rho·y·x of every point, not only of the misclassified ones",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    wrong = np.where(X @ w + b >= 0, 1, -1) != y
    w_new = w + rho * (y @ X)
    b_new = b + rho * float(np.sum(y))
    return w_new, b_new, int(np.sum(wrong))
''',
    ),
    Mistake(
        name="epoch_bias_not_updated",
        what="updates w but returns the old bias",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    wrong = np.where(X @ w + b >= 0, 1, -1) != y
    w_new = w + rho * (y[wrong] @ X[wrong])
    return w_new, b, int(np.sum(wrong))
''',
    ),
    Mistake(
        name="epoch_online_updates",
        what="updates after each point (online rule), judging later points with already-changed weights",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    w = w.copy()
    updates = 0
    for x_k, t in zip(X, y):
        predicted = 1 if x_k @ w + b >= 0 else -1
        if predicted != t:
            w += rho * t * x_k
            b += rho * t
            updates += 1
    return w, b, updates
''',
    ),
    Mistake(
        name="epoch_mutates_w",
        what="adds the correction into the caller's w in place",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    wrong = np.where(X @ w + b >= 0, 1, -1) != y
    w += rho * (y[wrong] @ X[wrong])
    return w, b + rho * float(np.sum(y[wrong])), int(np.sum(wrong))
''',
    ),
    Mistake(
        name="epoch_margin_counts_line",
        what="counts a +1 point exactly on the line as misclassified (y·s <= 0)",
        cell="perceptron_epoch",
        breaks=("perceptron_epoch_tests",),
        code='''
def perceptron_epoch(w, b, X, y, rho):
    wrong = y * (X @ w + b) <= 0
    w_new = w + rho * (y[wrong] @ X[wrong])
    b_new = b + rho * float(np.sum(y[wrong]))
    return w_new, b_new, int(np.sum(wrong))
''',
    ),
    # ------------------------------------------------------------------------- train_perceptron
    Mistake(
        name="train_never_stops_early",
        what="runs all max_epochs epochs even after convergence",
        cell="train_perceptron",
        breaks=("train_perceptron_tests",),
        code='''
def train_perceptron(w, b, X, y, rho, max_epochs):
    errors = []
    for _ in range(max_epochs):
        wrong = np.where(X @ w + b >= 0, 1, -1) != y
        w = w + rho * (y[wrong] @ X[wrong])
        b = b + rho * float(np.sum(y[wrong]))
        errors.append(int(np.sum(wrong)))
    return w, b, errors
''',
    ),
    Mistake(
        name="train_drops_final_zero",
        what="stops at convergence without recording the epoch with no update",
        cell="train_perceptron",
        breaks=("train_perceptron_tests",),
        code='''
def train_perceptron(w, b, X, y, rho, max_epochs):
    errors = []
    for _ in range(max_epochs):
        wrong = np.where(X @ w + b >= 0, 1, -1) != y
        if not wrong.any():
            break
        w = w + rho * (y[wrong] @ X[wrong])
        b = b + rho * float(np.sum(y[wrong]))
        errors.append(int(np.sum(wrong)))
    return w, b, errors
''',
    ),
    # ------------------------------------------------------------------------- xor_network
    Mistake(
        name="xor_output_is_or",
        what="combines the hidden units with OR (bias +1) instead of AND",
        cell="xor_network",
        breaks=("xor_network_tests",),
        code='''
def xor_network():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    b1 = np.array([-0.5, 1.5])
    w2 = np.array([1.0, 1.0])
    return W1, b1, w2, 1.0
''',
    ),
    Mistake(
        name="xor_units_in_rows",
        what="writes each hidden unit's weights in a row of W1 instead of a column",
        cell="xor_network",
        breaks=("xor_network_tests",),
        code='''
def xor_network():
    W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
    b1 = np.array([-0.5, 1.5])
    w2 = np.array([1.0, 1.0])
    return W1, b1, w2, -1.0
''',
    ),
    # ------------------------------------------------------------------------- numerical_param_gradient
    Mistake(
        name="probe_a_copy",
        what="perturbs a copy of param, which loss_fn never sees (the gradient comes out 0)",
        cell="numerical_param_gradient",
        breaks=("numerical_param_gradient_tests",),
        code='''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    grad = np.zeros(param.shape)
    for index in np.ndindex(*param.shape):
        probe = param.copy()
        probe[index] += h
        f_plus = loss_fn()
        probe[index] -= 2 * h
        f_minus = loss_fn()
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ),
    Mistake(
        name="forward_difference",
        what="uses the one-sided difference (f(p + h) - f(p)) / h",
        cell="numerical_param_gradient",
        breaks=("numerical_param_gradient_tests",),
        code='''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    grad = np.zeros(param.shape)
    base = loss_fn()
    for index in np.ndindex(*param.shape):
        old = param[index]
        param[index] = old + h
        grad[index] = (loss_fn() - base) / h
        param[index] = old
    return grad
''',
    ),
    Mistake(
        name="restore_by_arithmetic",
        what="puts entries back by adding h again instead of assigning the saved value (not bit-exact)",
        cell="numerical_param_gradient",
        breaks=("numerical_param_gradient_tests",),
        code='''
def numerical_param_gradient(loss_fn, param, h=1e-5):
    grad = np.zeros(param.shape)
    for index in np.ndindex(*param.shape):
        param[index] += h
        f_plus = loss_fn()
        param[index] -= 2 * h
        f_minus = loss_fn()
        param[index] += h
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ),
    # ------------------------------------------------------------------------- relative_error
    Mistake(
        name="absolute_error",
        what="returns ||a - b|| without dividing by ||a|| + ||b||",
        cell="relative_error",
        breaks=("relative_error_tests",),
        code='''
def relative_error(a, b):
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    return float(np.linalg.norm(a - b))
''',
    ),
    Mistake(
        name="relative_error_broadcasts",
        what="no shape check: shapes (3,) and (3, 1) broadcast silently",
        cell="relative_error",
        breaks=("relative_error_tests",),
        code='''
def relative_error(a, b):
    total = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if total == 0 else float(np.linalg.norm(a - b) / total)
''',
    ),
    # ------------------------------------------------------------------------- xyz_graph
    Mistake(
        name="graph_gradients_not_swapped",
        what="the * node passes x back to x (instead of y)",
        cell="xyz_graph",
        breaks=("xyz_graph_tests",),
        code='''
def xyz_graph(x, y, z):
    c = float(np.sum(x * y + z))
    ones = np.ones_like(x)
    return c, ones * x, ones * y, ones
''',
    ),
    Mistake(
        name="graph_grad_z_is_z",
        what="the + node returns z instead of passing the upstream gradient",
        cell="xyz_graph",
        breaks=("xyz_graph_tests",),
        code='''
def xyz_graph(x, y, z):
    c = float(np.sum(x * y + z))
    return c, y.copy(), x.copy(), z.copy()
''',
    ),
    # ------------------------------------------------------------------------- two_layer_l2
    Mistake(
        name="l2_missing_factor_two",
        what="d/dp (p - y)² taken as (p - y)",
        cell="two_layer_l2",
        breaks=("two_layer_l2_tests",),
        code='''
def two_layer_l2(x, y, w1, w2):
    h = x @ w1
    h_relu = np.maximum(h, 0)
    y_pred = h_relu @ w2
    loss = float(np.sum((y_pred - y) ** 2))
    grad_y_pred = y_pred - y
    grad_h = (grad_y_pred @ w2.T) * (h > 0)
    return loss, x.T @ grad_h, h_relu.T @ grad_y_pred
''',
    ),
    Mistake(
        name="l2_mask_from_output",
        what="masks with h_relu < 0 (never true), so the gradient flows through switched-off units",
        cell="two_layer_l2",
        breaks=("two_layer_l2_tests",),
        code='''
def two_layer_l2(x, y, w1, w2):
    h = x @ w1
    h_relu = np.maximum(h, 0)
    y_pred = h_relu @ w2
    loss = float(np.sum((y_pred - y) ** 2))
    grad_y_pred = 2.0 * (y_pred - y)
    grad_h = grad_y_pred @ w2.T
    grad_h[h_relu < 0] = 0
    return loss, x.T @ grad_h, h_relu.T @ grad_y_pred
''',
    ),
    # ------------------------------------------------------------------------- dense_forward
    Mistake(
        name="dense_forgets_bias",
        what="out = x @ W without the bias",
        cell="dense_forward",
        breaks=("dense_forward_tests",),
        code='''
def dense_forward(x, W, b):
    return x @ W, (x, W, b)
''',
    ),
    Mistake(
        name="dense_caches_output",
        what="caches the output instead of the input x",
        cell="dense_forward",
        breaks=("dense_forward_tests",),
        code='''
def dense_forward(x, W, b):
    out = x @ W + b
    return out, (out, W, b)
''',
    ),
    # ------------------------------------------------------------------------- dense_backward
    Mistake(
        name="dense_W_instead_of_W_T",
        what="dx = dout @ W (W instead of W.T)",
        cell="dense_backward",
        breaks=("dense_backward_tests",),
        code='''
def dense_backward(dout, cache):
    x, W, b = cache
    return dout @ W, x.T @ dout, dout.sum(axis=0)
''',
    ),
    Mistake(
        name="dense_db_mean",
        what="db averages dout over the batch instead of summing it",
        cell="dense_backward",
        breaks=("dense_backward_tests",),
        code='''
def dense_backward(dout, cache):
    x, W, b = cache
    return dout @ W.T, x.T @ dout, dout.mean(axis=0)
''',
    ),
    Mistake(
        name="dense_backward_float64",
        what="converts everything to float64, so float32 inputs give float64 gradients",
        cell="dense_backward",
        breaks=("dense_backward_tests",),
        code='''
def dense_backward(dout, cache):
    x, W, b = (np.asarray(a, dtype=float) for a in cache)
    dout = np.asarray(dout, dtype=float)
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)
''',
    ),
    # ------------------------------------------------------------------------- relu_backward
    Mistake(
        name="relu_times_output",
        what="multiplies dout by the ReLU's output max(x, 0) instead of the mask x > 0",
        cell="relu_backward",
        breaks=("relu_backward_tests",),
        code='''
def relu_backward(dout, x):
    return dout * np.maximum(x, 0)
''',
    ),
    Mistake(
        name="relu_mask_from_output",
        what="builds the mask from the output (max(x, 0) >= 0 is always true)",
        cell="relu_backward",
        breaks=("relu_backward_tests",),
        code='''
def relu_backward(dout, x):
    out = np.maximum(x, 0)
    return dout * (out >= 0)
''',
    ),
    Mistake(
        name="relu_mask_at_zero",
        what="lets the gradient through at x == 0 (x >= 0)",
        cell="relu_backward",
        breaks=("relu_backward_tests",),
        code='''
def relu_backward(dout, x):
    return dout * (x >= 0)
''',
    ),
    Mistake(
        name="relu_writes_into_dout",
        what="zeroes entries of dout in place and returns it",
        cell="relu_backward",
        breaks=("relu_backward_tests",),
        code='''
def relu_backward(dout, x):
    dout[x <= 0] = 0
    return dout
''',
    ),
    # ------------------------------------------------------------------------- sigmoid_backward
    Mistake(
        name="sigmoid_forgets_one_minus_s",
        what="dout * s, forgetting the factor (1 - s)",
        cell="sigmoid_backward",
        breaks=("sigmoid_backward_tests",),
        code='''
def sigmoid_backward(dout, s):
    return dout * s
''',
    ),
    Mistake(
        name="sigmoid_of_the_output",
        what="treats s as the input and applies the sigmoid to it again",
        cell="sigmoid_backward",
        breaks=("sigmoid_backward_tests",),
        code='''
def sigmoid_backward(dout, s):
    sig = 1.0 / (1.0 + np.exp(-s))
    return dout * sig * (1 - sig)
''',
    ),
    # ------------------------------------------------------------------------- softmax_cross_entropy
    Mistake(
        name="softmax_missing_1_over_n",
        what="the loss is a mean but dlogits is not divided by N",
        cell="softmax_cross_entropy",
        breaks=("softmax_cross_entropy_tests",),
        code='''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = float(-np.mean(log_probs[np.arange(n), y]))
    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), y] -= 1
    return loss, dlogits
''',
    ),
    Mistake(
        name="softmax_unstable",
        what="exponentiates the raw logits: overflow (inf, nan) at 1000",
        cell="softmax_cross_entropy",
        breaks=("softmax_cross_entropy_tests",),
        code='''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    loss = float(-np.mean(np.log(p[np.arange(n), y])))
    dlogits = p.copy()
    dlogits[np.arange(n), y] -= 1
    return loss, dlogits / n
''',
    ),
    Mistake(
        name="softmax_sum_loss",
        what="sums the loss over the batch (and the gradient with it) instead of averaging",
        cell="softmax_cross_entropy",
        breaks=("softmax_cross_entropy_tests",),
        code='''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), y] -= 1
    return float(-np.sum(log_probs[np.arange(n), y])), dlogits
''',
    ),
    Mistake(
        name="softmax_float64_gradient",
        what="subtracts a float64 one-hot matrix, so float32 logits give a float64 dlogits",
        cell="softmax_cross_entropy",
        breaks=("softmax_cross_entropy_tests",),
        code='''
def softmax_cross_entropy(logits, y):
    n, c = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    one_hot = np.eye(c)[y]
    loss = float(-np.mean(np.sum(one_hot * log_probs, axis=1)))
    return loss, (np.exp(log_probs) - one_hot) / n
''',
    ),
    # ------------------------------------------------------------------------- TwoLayerNet
    Mistake(
        name="net_W2_instead_of_W2_T",
        what="backward sends dlogits @ W2 (not W2.T) to the hidden layer",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"]) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_shares_one_bias_array",
        what="slices both biases out of one zero array, so the layers share memory",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        zeros = np.zeros(max(n_hidden, n_out))
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": zeros[:n_hidden],
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": zeros[:n_out]}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_params_on_the_class",
        what="params = {} as a class attribute: every network shares (and overwrites) one dict of weights",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    params = {}
    grads = {}

    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params["W1"] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden))
        self.params["b1"] = np.zeros(n_hidden)
        self.params["W2"] = rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out))
        self.params["b2"] = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads.update({"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                           "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)})

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_unit_variance_init",
        what="draws the weights from N(0, 1) instead of He/Xavier",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(size=(n_hidden, n_out)), "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_step_skips_biases",
        what="step updates W1 and W2 but not the biases",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        self.params["W1"] -= lr * self.grads["W1"]
        self.params["W2"] -= lr * self.grads["W2"]
''',
    ),
    Mistake(
        name="net_divides_by_n_again",
        what="backward divides dlogits by the batch size, which the loss already did",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dlogits = dlogits / len(dlogits)
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_mask_from_hidden_output",
        what="the ReLU mask is hidden >= 0, taken from the output, so it never blocks anything",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.hidden = np.maximum(x @ self.params["W1"] + self.params["b1"], 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.hidden >= 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_global_random_state",
        what="draws the weights with np.random.randn (the global state), not with the generator rng",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": np.random.randn(n_in, n_hidden) * np.sqrt(2.0 / n_in), "b1": np.zeros(n_hidden),
                       "W2": np.random.randn(n_hidden, n_out) * np.sqrt(2.0 / (n_hidden + n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_own_fixed_generator",
        what="ignores rng and draws from a generator of its own with a fixed seed",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        fixed = np.random.default_rng(0)
        self.params = {"W1": fixed.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": fixed.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre > 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
    Mistake(
        name="net_relu_derivative_1_at_0",
        what="the ReLU mask is pre >= 0: gradient passes where a pre-activation is exactly 0",
        cell="TwoLayerNet",
        breaks=("TwoLayerNet_tests",),
        code='''
class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.params = {"W1": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
                       "W2": rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), size=(n_hidden, n_out)),
                       "b2": np.zeros(n_out)}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.pre = x @ self.params["W1"] + self.params["b1"]
        self.hidden = np.maximum(self.pre, 0)
        return self.hidden @ self.params["W2"] + self.params["b2"]

    def backward(self, dlogits):
        dpre = (dlogits @ self.params["W2"].T) * (self.pre >= 0)
        self.grads = {"W1": self.x.T @ dpre, "b1": dpre.sum(axis=0),
                      "W2": self.hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}

    def step(self, lr):
        for name in self.params:
            self.params[name] -= lr * self.grads[name]
''',
    ),
]
