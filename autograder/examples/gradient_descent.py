"""Typical mistakes in chapter 3 (gradient descent); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    # --- numerical_gradient ------------------------------------------------------------------
    Mistake(
        name="gradient_forward_difference",
        what="uses the forward difference (f(x + h) - f(x)) / h",
        cell="numerical_gradient",
        breaks=("numerical_gradient_tests",),
        code='''
def numerical_gradient(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    grad = np.zeros(point.shape)
    base = f(point)
    for index in np.ndindex(*point.shape):
        moved = point.copy()
        moved[index] += h
        grad[index] = (f(moved) - base) / h
    return grad
''',
    ),
    Mistake(
        name="gradient_mutates_x",
        what="perturbs x in place and does not put the original value back",
        cell="numerical_gradient",
        breaks=("numerical_gradient_tests",),
        code='''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2 * h
        f_minus = f(x)
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ),
    Mistake(
        name="gradient_vectors_only",
        what="loops over range(len(x)), so it only works for 1-D x",
        cell="numerical_gradient",
        breaks=("numerical_gradient_tests",),
        code='''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(len(x))
    for i in range(len(x)):
        up, down = np.array(x, dtype=float), np.array(x, dtype=float)
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)
    return grad
''',
    ),
    Mistake(
        name="gradient_integer_copy",
        what="copies x without converting to float, so integer inputs get integer perturbations",
        cell="numerical_gradient",
        breaks=("numerical_gradient_tests",),
        code='''
def numerical_gradient(f, x, h=1e-5):
    point = x.copy()
    grad = np.zeros(point.shape)
    for index in np.ndindex(*point.shape):
        original = point[index]
        point[index] = original + h
        f_plus = f(point)
        point[index] = original - h
        f_minus = f(point)
        point[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ),
    Mistake(
        name="gradient_np_gradient",
        what="uses np.gradient on a grid of function values",
        cell="numerical_gradient",
        breaks=("numerical_gradient_tests",),
        code='''
def numerical_gradient(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    grad = np.zeros(point.shape)
    for index in np.ndindex(*point.shape):
        values = []
        for offset in (-h, 0.0, h):
            moved = point.copy()
            moved[index] += offset
            values.append(f(moved))
        grad[index] = np.gradient(np.array(values), h)[1]
    return grad
''',
    ),
    # --- jacobian ----------------------------------------------------------------------------
    Mistake(
        name="jacobian_transposed",
        what="stacks the columns as rows, returning an (n, m) array",
        cell="jacobian",
        breaks=("jacobian_tests",),
        code='''
def jacobian(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    rows = []
    for j in range(point.size):
        step = np.zeros(point.size)
        step[j] = h
        rows.append((np.asarray(f(point + step)) - np.asarray(f(point - step))) / (2 * h))
    return np.array(rows)
''',
    ),
    Mistake(
        name="jacobian_forward_difference",
        what="uses forward differences",
        cell="jacobian",
        breaks=("jacobian_tests",),
        code='''
def jacobian(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    base = np.asarray(f(point), dtype=float)
    columns = []
    for j in range(point.size):
        step = np.zeros(point.size)
        step[j] = h
        columns.append((np.asarray(f(point + step)) - base) / h)
    return np.stack(columns, axis=1)
''',
    ),
    # --- gradient_descent --------------------------------------------------------------------
    Mistake(
        name="descent_mutates_x0",
        what="updates x0 itself in place (x = x0; x -= ...)",
        cell="gradient_descent",
        breaks=("gradient_descent_tests",),
        code='''
def gradient_descent(grad, x0, lr, steps):
    x = x0
    path = [x.copy()]
    for _ in range(steps):
        x -= lr * grad(x)
        path.append(x.copy())
    return np.array(path)
''',
    ),
    Mistake(
        name="descent_without_start",
        what="returns only the points after each step, without x0",
        cell="gradient_descent",
        breaks=("gradient_descent_tests",),
        code='''
def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    path = []
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x)
    return np.array(path)
''',
    ),
    # --- mse_gradients -----------------------------------------------------------------------
    Mistake(
        name="mse_forgets_factor_two",
        what="drops the 2 from the derivative of the square",
        cell="mse_gradients",
        breaks=("mse_gradients_tests",),
        code='''
def mse_gradients(x, y, w, b):
    residual = x @ w + b - y
    return float(np.mean(residual**2)), x.T @ residual / len(y), float(np.mean(residual))
''',
    ),
    Mistake(
        name="mse_sum_not_mean",
        what="sums the per-sample gradients instead of averaging them",
        cell="mse_gradients",
        breaks=("mse_gradients_tests",),
        code='''
def mse_gradients(x, y, w, b):
    residual = x @ w + b - y
    return float(np.mean(residual**2)), 2 * x.T @ residual, 2 * float(np.sum(residual))
''',
    ),
    # --- minibatch_gd ------------------------------------------------------------------------
    Mistake(
        name="minibatch_no_shuffle",
        what="walks through the samples in their stored order every epoch",
        cell="minibatch_gd",
        breaks=("minibatch_gd_tests",),
        code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            idx = np.arange(start, min(start + batch_size, n))
            _, grad_w, grad_b = mse_gradients(x[idx], y[idx], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)
''',
    ),
    Mistake(
        name="minibatch_shuffles_once",
        what="draws one permutation before the first epoch and reuses it",
        cell="minibatch_gd",
        breaks=("minibatch_gd_tests",),
        code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    order = rng.permutation(n)
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            _, grad_w, grad_b = mse_gradients(x[idx], y[idx], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)
''',
    ),
    Mistake(
        name="minibatch_samples_with_replacement",
        what="draws each batch with rng.choice instead of one permutation per epoch",
        cell="minibatch_gd",
        breaks=("minibatch_gd_tests",),
        code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        for _ in range(0, n, batch_size):
            idx = rng.choice(n, size=min(batch_size, n))
            _, grad_w, grad_b = mse_gradients(x[idx], y[idx], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)
''',
    ),
    Mistake(
        name="minibatch_divides_by_n",
        what="averages each batch's gradient over all n samples instead of the batch",
        cell="minibatch_gd",
        breaks=("minibatch_gd_tests",),
        code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            residual = x[idx] @ w + b - y[idx]
            w = w - lr * 2 / n * (x[idx].T @ residual)
            b = b - lr * 2 / n * float(np.sum(residual))
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)
''',
    ),
    Mistake(
        name="minibatch_drops_last_batch",
        what="skips the last, smaller batch of each epoch",
        cell="minibatch_gd",
        breaks=("minibatch_gd_tests",),
        code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n - batch_size + 1, batch_size):
            idx = order[start:start + batch_size]
            _, grad_w, grad_b = mse_gradients(x[idx], y[idx], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(float(np.mean((x @ w + b - y) ** 2)))
    return w, b, np.array(losses)
''',
    ),
    # --- optimizers --------------------------------------------------------------------------
    Mistake(
        name="momentum_sign_error",
        what="subtracts the velocity from the parameters, climbing uphill",
        cell="Momentum",
        breaks=("Momentum_tests",),
        code='''
class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.velocity = lr, momentum, {}

    def step(self, params, grads):
        for name, p in params.items():
            v = self.momentum * self.velocity.get(name, 0.0) - self.lr * grads[name]
            self.velocity[name] = v
            p -= v
''',
    ),
    Mistake(
        name="momentum_shared_velocity",
        what="keeps one velocity for all parameters",
        cell="Momentum",
        breaks=("Momentum_tests",),
        code='''
class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.velocity = lr, momentum, 0.0

    def step(self, params, grads):
        for name, p in params.items():
            self.velocity = self.momentum * self.velocity - self.lr * grads[name]
            p += self.velocity
''',
    ),
    Mistake(
        name="momentum_class_level_state",
        what="stores the velocities in a class attribute, shared by every Momentum object",
        cell="Momentum",
        breaks=("Momentum_tests",),
        code='''
class Momentum:
    velocity = {}

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum

    def step(self, params, grads):
        for name, p in params.items():
            v = self.momentum * self.velocity.get(name, np.zeros_like(p)) - self.lr * grads[name]
            self.velocity[name] = v
            p += v
''',
    ),
    Mistake(
        name="nesterov_is_classical_momentum",
        what="implements classical momentum under the name Nesterov",
        cell="Nesterov",
        breaks=("Nesterov_tests",),
        code='''
class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.velocity = lr, momentum, {}

    def step(self, params, grads):
        for name, p in params.items():
            v = self.momentum * self.velocity.get(name, np.zeros_like(p)) - self.lr * grads[name]
            self.velocity[name] = v
            p += v
''',
    ),
    Mistake(
        name="nesterov_old_velocity",
        what="uses the previous velocity in the position update",
        cell="Nesterov",
        breaks=("Nesterov_tests",),
        code='''
class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.velocity = lr, momentum, {}

    def step(self, params, grads):
        for name, p in params.items():
            old = self.velocity.get(name, np.zeros_like(p))
            self.velocity[name] = self.momentum * old - self.lr * grads[name]
            p += self.momentum * old - self.lr * grads[name]
''',
    ),
    Mistake(
        name="adagrad_eps_inside_sqrt",
        what="puts epsilon inside the square root",
        cell="Adagrad",
        breaks=("Adagrad_tests",),
        code='''
class Adagrad:
    def __init__(self, lr=0.01, eps=1e-8):
        self.lr, self.eps, self.total = lr, eps, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.total[name] = self.total.get(name, np.zeros_like(p)) + g * g
            p -= self.lr * g / np.sqrt(self.total[name] + self.eps)
''',
    ),
    Mistake(
        name="adagrad_forgets_history",
        what="divides by the current gradient's size only, without accumulating",
        cell="Adagrad",
        breaks=("Adagrad_tests",),
        code='''
class Adagrad:
    def __init__(self, lr=0.01, eps=1e-8):
        self.lr, self.eps = lr, eps

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            p -= self.lr * g / (np.sqrt(g * g) + self.eps)
''',
    ),
    Mistake(
        name="rmsprop_decay_swapped",
        what="weighs the new squared gradient by rho and the old average by 1 - rho",
        cell="RMSProp",
        breaks=("RMSProp_tests",),
        code='''
class RMSProp:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.avg = lr, rho, eps, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.avg[name] = (1 - self.rho) * self.avg.get(name, np.zeros_like(p)) + self.rho * g * g
            p -= self.lr * g / (np.sqrt(self.avg[name]) + self.eps)
''',
    ),
    Mistake(
        name="rmsprop_not_in_place",
        what="puts a new array into params instead of updating the old one",
        cell="RMSProp",
        breaks=("RMSProp_tests",),
        code='''
class RMSProp:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.avg = lr, rho, eps, {}

    def step(self, params, grads):
        for name in params:
            g = grads[name]
            self.avg[name] = self.rho * self.avg.get(name, 0.0) + (1 - self.rho) * g * g
            params[name] = params[name] - self.lr * g / (np.sqrt(self.avg[name]) + self.eps)
''',
    ),
    Mistake(
        name="rmsprop_eps_inside_sqrt",
        what="puts epsilon inside the square root",
        cell="RMSProp",
        breaks=("RMSProp_tests",),
        code='''
class RMSProp:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.avg = lr, rho, eps, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.avg[name] = self.rho * self.avg.get(name, np.zeros_like(p)) + (1 - self.rho) * g * g
            p -= self.lr * g / np.sqrt(self.avg[name] + self.eps)
''',
    ),
    Mistake(
        name="adam_no_bias_correction",
        what="uses m and v without dividing by 1 - beta**t",
        cell="Adam",
        breaks=("Adam_tests",),
        code='''
class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v = {}, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.m[name] = self.beta1 * self.m.get(name, np.zeros_like(p)) + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v.get(name, np.zeros_like(p)) + (1 - self.beta2) * g * g
            p -= self.lr * self.m[name] / (np.sqrt(self.v[name]) + self.eps)
''',
    ),
    Mistake(
        name="adam_counts_steps_per_parameter_visit",
        what="increments one shared step counter for every parameter it visits",
        cell="Adam",
        breaks=("Adam_tests",),
        code='''
class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.t += 1
            self.m[name] = self.beta1 * self.m.get(name, np.zeros_like(p)) + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v.get(name, np.zeros_like(p)) + (1 - self.beta2) * g * g
            m_hat = self.m[name] / (1 - self.beta1**self.t)
            v_hat = self.v[name] / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    ),
    Mistake(
        name="adam_global_step_count",
        what="counts steps per call of step(), so a parameter that appears late gets the wrong t",
        cell="Adam",
        breaks=("Adam_tests",),
        code='''
class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        for name, p in params.items():
            g = grads[name]
            self.m[name] = self.beta1 * self.m.get(name, np.zeros_like(p)) + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v.get(name, np.zeros_like(p)) + (1 - self.beta2) * g * g
            m_hat = self.m[name] / (1 - self.beta1**self.t)
            v_hat = self.v[name] / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    ),
    Mistake(
        name="adadelta_eps_outside_sqrt",
        what="adds epsilon after the square roots, as in RMSProp",
        cell="Adadelta",
        breaks=("Adadelta_tests",),
        code='''
class Adadelta:
    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr, self.rho, self.eps, self.eg, self.ed = lr, rho, eps, {}, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.eg[name] = self.rho * self.eg.get(name, np.zeros_like(p)) + (1 - self.rho) * g * g
            ed = self.ed.get(name, np.zeros_like(p))
            delta = -(np.sqrt(ed) + self.eps) / (np.sqrt(self.eg[name]) + self.eps) * g
            self.ed[name] = self.rho * ed + (1 - self.rho) * delta * delta
            p += self.lr * delta
''',
    ),
    Mistake(
        name="adadelta_stale_gradient_average",
        what="computes the step with the old E_g and updates E_g afterwards",
        cell="Adadelta",
        breaks=("Adadelta_tests",),
        code='''
class Adadelta:
    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr, self.rho, self.eps, self.eg, self.ed = lr, rho, eps, {}, {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            eg = self.eg.get(name, np.zeros_like(p))
            ed = self.ed.get(name, np.zeros_like(p))
            delta = -np.sqrt(ed + self.eps) / np.sqrt(eg + self.eps) * g
            self.eg[name] = self.rho * eg + (1 - self.rho) * g * g
            self.ed[name] = self.rho * ed + (1 - self.rho) * delta * delta
            p += self.lr * delta
''',
    ),
]
