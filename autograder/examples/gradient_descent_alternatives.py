"""Alternative correct answers to chapter 3 (gradient descent), written from the exercise text alone: each style must keep full marks."""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ explicit_loops
    # for-loops everywhere, np.ndindex, preallocated arrays, optimizer state in plain dicts
    # filled with `if name not in ...`, element-by-element in-place updates.
    Alternative(style="explicit_loops", cell="numerical_gradient",
                what="np.ndindex over a single float copy, perturbed and restored in place; f values taken as float()",
                code='''
def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x (any shape)."""
    xf = x.astype(float)
    grad = np.zeros(xf.shape)
    for i in np.ndindex(*xf.shape):
        old = xf[i]
        xf[i] = old + h
        f_plus = float(f(xf))
        xf[i] = old - h
        f_minus = float(f(xf))
        xf[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
    Alternative(style="explicit_loops", cell="jacobian",
                what="m from an extra f(x) call, a fresh copy per perturbation, J filled entry by entry in a double loop",
                code='''
def jacobian(f, x, h=1e-5):
    """Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x."""
    x = np.array(x, dtype=float)  # a private float copy under the same name
    n = x.shape[0]
    m = np.asarray(f(x)).shape[0]
    J = np.zeros((m, n))
    for j in range(n):
        plus = x.copy()
        plus[j] += h
        minus = x.copy()
        minus[j] -= h
        f_plus = np.asarray(f(plus), dtype=float)
        f_minus = np.asarray(f(minus), dtype=float)
        for i in range(m):
            J[i, j] = (f_plus[i] - f_minus[i]) / (2 * h)
    return J
'''),
    Alternative(style="explicit_loops", cell="gradient_descent",
                what="preallocated path of zeros filled row by row in a for loop, x rebound each step",
                code='''
def gradient_descent(grad, x0, lr, steps):
    """The points x0, x1, ..., x_steps of gradient descent, stacked into one array."""
    x = np.array(x0, dtype=float)
    path = np.zeros((steps + 1,) + x.shape)
    path[0] = x
    for k in range(steps):
        x = x - lr * grad(x)
        path[k + 1] = x
    return path
'''),
    Alternative(style="explicit_loops", cell="mse_gradients",
                what="x.T @ r, np.mean and np.sum, n from x.shape[0]; returns numpy scalars",
                code='''
def mse_gradients(x, y, w, b):
    """Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b)."""
    n = x.shape[0]
    r = x @ w + b - y
    loss = np.mean(r ** 2)
    grad_w = 2 / n * (x.T @ r)
    grad_b = 2 / n * np.sum(r)
    return loss, grad_w, grad_b
'''),
    Alternative(style="explicit_loops", cell="minibatch_gd",
                what="nested for loops over epochs and range(0, n, batch_size), losses preallocated with np.zeros",
                code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch)."""
    n, d = x.shape
    w = np.zeros(d)
    b = 0.0
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            xb, yb = x[idx], y[idx]
            m = len(idx)
            r = xb @ w + b - yb
            grad_w = 2 / m * (xb.T @ r)
            grad_b = 2 / m * np.sum(r)
            w = w - lr * grad_w
            b = b - lr * grad_b
        losses[epoch] = np.mean((x @ w + b - y) ** 2)
    return w, b, losses
'''),
    Alternative(style="explicit_loops", cell="Momentum",
                what="element-by-element update over np.ndindex(p.shape), state dict filled with `if name not in`",
                code='''
class Momentum:
    """SGD with (classical) momentum."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.velocity:
                self.velocity[name] = np.zeros_like(p)
            v = self.velocity[name]
            for i in np.ndindex(*p.shape):
                v[i] = self.momentum * v[i] - self.lr * g[i]
                p[i] += v[i]
'''),
    Alternative(style="explicit_loops", cell="Nesterov",
                what="element-by-element look-ahead update over np.ndindex(p.shape)",
                code='''
class Nesterov:
    """SGD with Nesterov momentum (look-ahead form)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.velocity:
                self.velocity[name] = np.zeros_like(p)
            v = self.velocity[name]
            for i in np.ndindex(*p.shape):
                v[i] = self.momentum * v[i] - self.lr * g[i]
                p[i] += self.momentum * v[i] - self.lr * g[i]
'''),
    Alternative(style="explicit_loops", cell="Adagrad",
                what="element-by-element update with math.sqrt, accumulator dict",
                code='''
import math


class Adagrad:
    """Adaptive gradient: per-entry step sizes from the sum of squared gradients."""

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.sum_sq = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.sum_sq:
                self.sum_sq[name] = np.zeros_like(p)
            G = self.sum_sq[name]
            for i in np.ndindex(*p.shape):
                G[i] += g[i] ** 2
                p[i] -= self.lr * g[i] / (math.sqrt(G[i]) + self.eps)
'''),
    Alternative(style="explicit_loops", cell="RMSProp",
                what="element-by-element update with math.sqrt, running-average dict",
                code='''
import math


class RMSProp:
    """Divide the step by a running root-mean-square of recent gradients."""

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.avg_sq = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.avg_sq:
                self.avg_sq[name] = np.zeros_like(p)
            E = self.avg_sq[name]
            for i in np.ndindex(*p.shape):
                E[i] = self.rho * E[i] + (1 - self.rho) * g[i] ** 2
                p[i] -= self.lr * g[i] / (math.sqrt(E[i]) + self.eps)
'''),
    Alternative(style="explicit_loops", cell="Adam",
                what="three dicts m, v, t; t via dict.get; element-by-element update",
                code='''
import math


class Adam:
    """Adaptive moment estimation, with bias correction."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = {}
        self.v = {}
        self.t = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.m:
                self.m[name] = np.zeros_like(p)
                self.v[name] = np.zeros_like(p)
            self.t[name] = self.t.get(name, 0) + 1
            t = self.t[name]
            m, v = self.m[name], self.v[name]
            for i in np.ndindex(*p.shape):
                m[i] = self.beta1 * m[i] + (1 - self.beta1) * g[i]
                v[i] = self.beta2 * v[i] + (1 - self.beta2) * g[i] ** 2
                m_hat = m[i] / (1 - self.beta1 ** t)
                v_hat = v[i] / (1 - self.beta2 ** t)
                p[i] -= self.lr * m_hat / (math.sqrt(v_hat) + self.eps)
'''),
    Alternative(style="explicit_loops", cell="Adadelta",
                what="element-by-element update, two state dicts",
                code='''
import math


class Adadelta:
    """Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates."""

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.avg_sq_grad = {}
        self.avg_sq_update = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            if name not in self.avg_sq_grad:
                self.avg_sq_grad[name] = np.zeros_like(p)
                self.avg_sq_update[name] = np.zeros_like(p)
            Eg = self.avg_sq_grad[name]
            Ed = self.avg_sq_update[name]
            for i in np.ndindex(*p.shape):
                Eg[i] = self.rho * Eg[i] + (1 - self.rho) * g[i] ** 2
                delta = -math.sqrt(Ed[i] + self.eps) / math.sqrt(Eg[i] + self.eps) * g[i]
                Ed[i] = self.rho * Ed[i] + (1 - self.rho) * delta ** 2
                p[i] += self.lr * delta
'''),

    # ------------------------------------------------------------------ while_flat_views
    # while loops, flat views (reshape(-1) of a C-ordered copy, .flat), dict.setdefault state,
    # in-place updates written as p[...] = ..., explicit `return None`.
    Alternative(style="while_flat_views", cell="numerical_gradient",
                what="while loop over a reshape(-1) view of a C-ordered float64 copy, result written through a flat view",
                code='''
def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x (any shape)."""
    point = np.array(x, dtype=np.float64, order="C")  # always a fresh copy
    flat = point.reshape(-1)  # a view: writing flat[k] perturbs point
    out = np.empty(point.shape, dtype=np.float64)
    out_flat = out.reshape(-1)
    k = 0
    while k < flat.size:
        saved = flat[k]
        flat[k] = saved + h
        up = np.float64(f(point))
        flat[k] = saved - h
        down = np.float64(f(point))
        flat[k] = saved
        out_flat[k] = (up - down) / (2.0 * h)
        k += 1
    return out
'''),
    Alternative(style="while_flat_views", cell="jacobian",
                what="while loop, x ± h·e_j as new arrays, rows collected then transposed (returns a transposed view)",
                code='''
def jacobian(f, x, h=1e-5):
    """Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x."""
    base = np.array(x, dtype=float)
    n = base.size
    columns = []
    j = 0
    while j < n:
        e = np.zeros(n)
        e[j] = h
        columns.append((np.asarray(f(base + e)) - np.asarray(f(base - e))) / (2 * h))
        j += 1
    return np.array(columns).T
'''),
    Alternative(style="while_flat_views", cell="gradient_descent",
                what="while loop, a working copy updated in place (current -= ...), np.empty path",
                code='''
def gradient_descent(grad, x0, lr, steps):
    """The points x0, x1, ..., x_steps of gradient descent, stacked into one array."""
    current = np.array(x0, dtype=float)
    path = np.empty((steps + 1,) + current.shape)
    path[0] = current
    k = 0
    while k < steps:
        current -= lr * np.asarray(grad(current))
        k += 1
        path[k] = current
    return path
'''),
    Alternative(style="while_flat_views", cell="mse_gradients",
                what="np.dot throughout, r·r for the loss, n = len(y); returns Python floats",
                code='''
def mse_gradients(x, y, w, b):
    """Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b)."""
    n = len(y)
    residual = np.dot(x, w) + b - y
    loss = float(np.dot(residual, residual) / n)
    grad_w = (2.0 / n) * np.dot(residual, x)
    grad_b = float(2.0 * residual.sum() / n)
    return (loss, grad_w, grad_b)
'''),
    Alternative(style="while_flat_views", cell="minibatch_gd",
                what="nested while loops, rng.permutation(len(y)), w -= in place, losses from a list, b returned as float",
                code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch)."""
    n, d = x.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    epoch = 0
    while epoch < epochs:
        order = rng.permutation(len(y))
        start = 0
        while start < n:
            idx = order[start:start + batch_size]
            r = x[idx] @ w + b - y[idx]
            w -= lr * (2.0 / idx.size) * (r @ x[idx])
            b -= lr * (2.0 / idx.size) * r.sum()
            start += batch_size
        losses.append(np.mean((x @ w + b - y) ** 2))
        epoch += 1
    return w, float(b), np.array(losses)
'''),
    Alternative(style="while_flat_views", cell="Momentum",
                what="while over a list of names, setdefault state, v[...] and p[...] assignments, return None",
                code='''
class Momentum:
    """SGD with (classical) momentum."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def step(self, params, grads):
        names = list(params.keys())
        while names:
            name = names.pop(0)
            p, g = params[name], grads[name]
            v = self.velocity.setdefault(name, np.zeros_like(p))
            v[...] = self.momentum * v - self.lr * g
            p[...] = p + v
        return None
'''),
    Alternative(style="while_flat_views", cell="Nesterov",
                what="while over a list of names, v *= / v -= on the state, p[...] = ...",
                code='''
class Nesterov:
    """SGD with Nesterov momentum (look-ahead form)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def step(self, params, grads):
        names = list(params.keys())
        while names:
            name = names.pop(0)
            p, g = params[name], grads[name]
            v = self.velocity.setdefault(name, np.zeros_like(p))
            v *= self.momentum
            v -= self.lr * g
            p[...] = p + self.momentum * v - self.lr * g
        return None
'''),
    Alternative(style="while_flat_views", cell="Adagrad",
                what="while loop over p.flat / G.flat entries, p.flat[k] -= ...",
                code='''
class Adagrad:
    """Adaptive gradient: per-entry step sizes from the sum of squared gradients."""

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.accum = {}

    def step(self, params, grads):
        for name in params:
            p, g = params[name], grads[name]
            G = self.accum.setdefault(name, np.zeros_like(p))
            k = 0
            while k < p.size:
                gk = g.flat[k]
                G.flat[k] += gk * gk
                p.flat[k] -= self.lr * gk / (np.sqrt(G.flat[k]) + self.eps)
                k += 1
        return None
'''),
    Alternative(style="while_flat_views", cell="RMSProp",
                what="setdefault state, E[...] and p[...] assignments, (1 - rho)·g·g",
                code='''
class RMSProp:
    """Divide the step by a running root-mean-square of recent gradients."""

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.mean_square = {}

    def step(self, params, grads):
        names = list(params)
        k = 0
        while k < len(names):
            p, g = params[names[k]], grads[names[k]]
            E = self.mean_square.setdefault(names[k], np.zeros_like(p))
            E[...] = self.rho * E + (1 - self.rho) * g * g
            p[...] = p - self.lr * g / (np.sqrt(E) + self.eps)
            k += 1
        return None
'''),
    Alternative(style="while_flat_views", cell="Adam",
                what="three setdefault dicts, integer step counts, p[...] = ...",
                code='''
class Adam:
    """Adaptive moment estimation, with bias correction."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.first = {}
        self.second = {}
        self.steps = {}

    def step(self, params, grads):
        names = list(params)
        while names:
            name = names.pop()
            p, g = params[name], grads[name]
            m = self.first.setdefault(name, np.zeros_like(p))
            v = self.second.setdefault(name, np.zeros_like(p))
            t = self.steps[name] = self.steps.get(name, 0) + 1
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g ** 2
            m_hat = m / (1 - self.beta1 ** t)
            v_hat = v / (1 - self.beta2 ** t)
            p[...] = p - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return None
'''),
    Alternative(style="while_flat_views", cell="Adadelta",
                what="setdefault state, sqrt of the ratio (E_delta + eps)/(E_g + eps), p[...] = ...",
                code='''
class Adadelta:
    """Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates."""

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.eg = {}
        self.ed = {}

    def step(self, params, grads):
        names = list(params)
        while names:
            name = names.pop(0)
            p, g = params[name], grads[name]
            Eg = self.eg.setdefault(name, np.zeros_like(p))
            Ed = self.ed.setdefault(name, np.zeros_like(p))
            Eg[...] = self.rho * Eg + (1 - self.rho) * g ** 2
            update = -np.sqrt((Ed + self.eps) / (Eg + self.eps)) * g
            Ed[...] = self.rho * Ed + (1 - self.rho) * update ** 2
            p[...] = p + self.lr * update
        return None
'''),

    # ------------------------------------------------------------------ vectorised
    # NumPy does the work: an identity basis for the perturbations, np.stack, itertools,
    # einsum, np.split, collections.defaultdict state, np.subtract/np.add with out=p.
    Alternative(style="vectorised", cell="numerical_gradient",
                what="all x ± h·e_i built at once from np.eye, f evaluated on views P[k, ...], reshaped back",
                code='''
def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x (any shape)."""
    base = x.astype(float)
    size = base.size
    basis = np.eye(size).reshape((size,) + base.shape)
    plus = base + h * basis  # plus[k] is x + h e_k
    minus = base - h * basis
    values = np.array([f(plus[k, ...]) - f(minus[k, ...]) for k in range(size)], dtype=float)
    return (values / (2 * h)).reshape(base.shape)
'''),
    Alternative(style="vectorised", cell="jacobian",
                what="rows of h·np.eye(n) as steps, columns stacked with np.stack(axis=1); x never copied",
                code='''
def jacobian(f, x, h=1e-5):
    """Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x."""
    x = np.asarray(x, dtype=float)  # never modified: x + e and x - e are new arrays
    steps = h * np.eye(x.size)
    columns = [np.asarray(f(x + e)) - np.asarray(f(x - e)) for e in steps]
    return np.stack(columns, axis=1) / (2 * h)
'''),
    Alternative(style="vectorised", cell="gradient_descent",
                what="itertools.accumulate over the steps, np.stack of the points",
                code='''
from itertools import accumulate


def gradient_descent(grad, x0, lr, steps):
    """The points x0, x1, ..., x_steps of gradient descent, stacked into one array."""
    start = np.array(x0, dtype=float)
    points = accumulate(range(steps), lambda x, _: x - lr * grad(x), initial=start)
    return np.stack(list(points))
'''),
    Alternative(style="vectorised", cell="mse_gradients",
                what="np.einsum for prediction and grad_w, np.square, one return expression",
                code='''
def mse_gradients(x, y, w, b):
    """Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b)."""
    r = np.einsum("nd,d->n", x, w) + b - y
    n = r.shape[0]
    return np.mean(np.square(r)), np.einsum("nd,n->d", x, r) * (2 / n), 2 * r.mean()
'''),
    Alternative(style="vectorised", cell="minibatch_gd",
                what="batches from np.split(order, np.arange(batch_size, n, batch_size))",
                code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch)."""
    n, d = x.shape
    w, b = np.zeros(d), 0.0
    losses = np.empty(epochs)
    cuts = np.arange(batch_size, n, batch_size)
    for epoch in range(epochs):
        for idx in np.split(rng.permutation(n), cuts):
            r = x[idx] @ w + b - y[idx]
            w = w - lr * 2 * x[idx].T @ r / len(idx)
            b = b - lr * 2 * r.mean()
        losses[epoch] = np.square(x @ w + b - y).mean()
    return w, b, losses
'''),
    Alternative(style="vectorised", cell="Momentum",
                what="collections.defaultdict(float) velocity (zero state 0.0), np.add(p, v, out=p)",
                code='''
from collections import defaultdict


class Momentum:
    """SGD with (classical) momentum."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.velocity = defaultdict(float)  # a new name starts from zero velocity

    def step(self, params, grads):
        for name in params:
            self.velocity[name] = self.momentum * self.velocity[name] - self.lr * grads[name]
            np.add(params[name], self.velocity[name], out=params[name])
'''),
    Alternative(style="vectorised", cell="Nesterov",
                what="defaultdict(float) velocity, np.add(p, mu·v - lr·g, out=p)",
                code='''
from collections import defaultdict


class Nesterov:
    """SGD with Nesterov momentum (look-ahead form)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.velocity = defaultdict(float)

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.velocity[name] = self.momentum * self.velocity[name] - self.lr * g
            np.add(p, self.momentum * self.velocity[name] - self.lr * g, out=p)
'''),
    Alternative(style="vectorised", cell="Adagrad",
                what="defaultdict(float) accumulator, np.subtract(p, ..., out=p)",
                code='''
from collections import defaultdict


class Adagrad:
    """Adaptive gradient: per-entry step sizes from the sum of squared gradients."""

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr, self.eps = lr, eps
        self.G = defaultdict(float)

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.G[name] = self.G[name] + np.square(g)
            np.subtract(p, self.lr * g / (np.sqrt(self.G[name]) + self.eps), out=p)
'''),
    Alternative(style="vectorised", cell="RMSProp",
                what="defaultdict(float) running average, np.subtract(p, ..., out=p)",
                code='''
from collections import defaultdict


class RMSProp:
    """Divide the step by a running root-mean-square of recent gradients."""

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.E = defaultdict(float)

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.E[name] = self.rho * self.E[name] + (1 - self.rho) * np.square(g)
            np.subtract(p, self.lr * g / (np.sqrt(self.E[name]) + self.eps), out=p)
'''),
    Alternative(style="vectorised", cell="Adam",
                what="defaultdict(float) moments and defaultdict(int) step counts, np.subtract(out=p)",
                code='''
from collections import defaultdict


class Adam:
    """Adaptive moment estimation, with bias correction."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = defaultdict(float)
        self.v = defaultdict(float)
        self.t = defaultdict(int)

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.t[name] += 1
            t = self.t[name]
            self.m[name] = self.beta1 * self.m[name] + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v[name] + (1 - self.beta2) * np.square(g)
            m_hat = self.m[name] / (1 - self.beta1 ** t)
            v_hat = self.v[name] / (1 - self.beta2 ** t)
            np.subtract(p, self.lr * m_hat / (np.sqrt(v_hat) + self.eps), out=p)
'''),
    Alternative(style="vectorised", cell="Adadelta",
                what="defaultdict(float) running averages, np.add(p, lr·Δ, out=p)",
                code='''
from collections import defaultdict


class Adadelta:
    """Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates."""

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.Eg = defaultdict(float)
        self.Edelta = defaultdict(float)

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.Eg[name] = self.rho * self.Eg[name] + (1 - self.rho) * np.square(g)
            step = -np.sqrt(self.Edelta[name] + self.eps) / np.sqrt(self.Eg[name] + self.eps) * g
            self.Edelta[name] = self.rho * self.Edelta[name] + (1 - self.rho) * np.square(step)
            np.add(p, self.lr * step, out=p)
'''),

    # ------------------------------------------------------------------ shadowing_names
    # Local names that coincide with library/function names used as plain variables
    # (gradient, grad, diff, jacobian, delta), np.nditer, state kept in a dict of small
    # objects (SimpleNamespace, a dataclass), loops over grads.items().
    Alternative(style="shadowing_names", cell="numerical_gradient",
                what="np.nditer with multi_index writing into a local called `gradient`; locals `diff`, `point`",
                code='''
def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x (any shape)."""
    point = x.astype(np.float64)
    gradient = np.zeros(point.shape)
    with np.nditer(gradient, flags=["multi_index"], op_flags=[["writeonly"]]) as it:
        for slot in it:
            i = it.multi_index
            original = point[i]
            point[i] = original + h
            f_plus = float(f(point))
            point[i] = original - h
            diff = f_plus - float(f(point))
            point[i] = original
            slot[...] = diff / (2 * h)
    return gradient
'''),
    Alternative(style="shadowing_names", cell="jacobian",
                what="a local called `jacobian` inside jacobian, x rebound to its float copy, f outputs copied with np.array",
                code='''
def jacobian(f, x, h=1e-5):
    """Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x."""
    x = x.astype(float)  # shadow the argument with a private float copy
    columns = []
    for j in range(x.size):
        saved = x[j]
        x[j] = saved + h
        f_plus = np.array(f(x), dtype=float)  # a copy, in case f returns a view of its input
        x[j] = saved - h
        f_minus = np.array(f(x), dtype=float)
        x[j] = saved
        columns.append((f_plus - f_minus) / (2 * h))
    jacobian = np.column_stack(columns)
    return jacobian
'''),
    Alternative(style="shadowing_names", cell="gradient_descent",
                what="a local called `gradient` (the grad value), points collected in a list, np.array at the end",
                code='''
def gradient_descent(grad, x0, lr, steps):
    """The points x0, x1, ..., x_steps of gradient descent, stacked into one array."""
    x = np.asarray(x0, dtype=float)  # never modified in place
    path = [x]
    for _ in range(steps):
        gradient = grad(x)
        x = x - lr * gradient
        path.append(x)
    return np.array(path)
'''),
    Alternative(style="shadowing_names", cell="mse_gradients",
                what="locals `diff` and `grad` (d loss / d prediction), grad_w as x.T @ grad",
                code='''
def mse_gradients(x, y, w, b):
    """Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b)."""
    diff = x @ w + b - y
    n = diff.size
    loss = (diff ** 2).sum() / n
    grad = 2.0 * diff / n  # gradient of the loss with respect to each prediction
    return loss, x.T @ grad, grad.sum()
'''),
    Alternative(style="shadowing_names", cell="minibatch_gd",
                what="locals `batch`, `diff`, `gradient`; w -= and b -= updates; loss as diff @ diff / n",
                code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch)."""
    n = x.shape[0]
    w = np.zeros(x.shape[1])
    b = 0.0
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            diff = x[batch] @ w + b - y[batch]
            gradient = 2.0 * diff / len(batch)
            grad_w = gradient @ x[batch]
            grad_b = gradient.sum()
            w -= lr * grad_w
            b -= lr * grad_b
        diff = x @ w + b - y
        losses[epoch] = diff @ diff / n
    return w, b, losses
'''),
    Alternative(style="shadowing_names", cell="Momentum",
                what="state dict of types.SimpleNamespace objects, loop `for name, grad in grads.items()`, p += v",
                code='''
from types import SimpleNamespace


class Momentum:
    """SGD with (classical) momentum."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            if name not in self.state:
                self.state[name] = SimpleNamespace(velocity=np.zeros_like(p))
            s = self.state[name]
            s.velocity = self.momentum * s.velocity - self.lr * grad
            p += s.velocity
'''),
    Alternative(style="shadowing_names", cell="Nesterov",
                what="state dict of SimpleNamespace objects, locals `grad` and `gradient`",
                code='''
from types import SimpleNamespace


class Nesterov:
    """SGD with Nesterov momentum (look-ahead form)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            s = self.state.setdefault(name, SimpleNamespace(velocity=np.zeros_like(p)))
            gradient = self.lr * grad
            s.velocity = self.momentum * s.velocity - gradient
            p += self.momentum * s.velocity - gradient
'''),
    Alternative(style="shadowing_names", cell="Adagrad",
                what="state dict of SimpleNamespace objects, local `grad`, p -= ...",
                code='''
from types import SimpleNamespace


class Adagrad:
    """Adaptive gradient: per-entry step sizes from the sum of squared gradients."""

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            s = self.state.setdefault(name, SimpleNamespace(sum_sq=np.zeros_like(p)))
            s.sum_sq = s.sum_sq + grad ** 2
            p -= self.lr * grad / (np.sqrt(s.sum_sq) + self.eps)
'''),
    Alternative(style="shadowing_names", cell="RMSProp",
                what="state dict of SimpleNamespace objects, local `grad`, p -= ...",
                code='''
from types import SimpleNamespace


class RMSProp:
    """Divide the step by a running root-mean-square of recent gradients."""

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            if name not in self.state:
                self.state[name] = SimpleNamespace(avg=np.zeros_like(p))
            s = self.state[name]
            s.avg = self.rho * s.avg + (1 - self.rho) * grad ** 2
            p -= self.lr * grad / (np.sqrt(s.avg) + self.eps)
'''),
    Alternative(style="shadowing_names", cell="Adam",
                what="state dict of small dataclass objects holding m, v and t; local `grad`",
                code='''
from dataclasses import dataclass


@dataclass
class _Moments:
    m: np.ndarray
    v: np.ndarray
    t: int = 0


class Adam:
    """Adaptive moment estimation, with bias correction."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            if name not in self.state:
                self.state[name] = _Moments(np.zeros_like(p), np.zeros_like(p))
            s = self.state[name]
            s.t += 1
            s.m = self.beta1 * s.m + (1 - self.beta1) * grad
            s.v = self.beta2 * s.v + (1 - self.beta2) * grad ** 2
            m_hat = s.m / (1 - self.beta1 ** s.t)
            v_hat = s.v / (1 - self.beta2 ** s.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
'''),
    Alternative(style="shadowing_names", cell="Adadelta",
                what="state dict of SimpleNamespace objects, locals `grad`, `delta`, `diff`",
                code='''
from types import SimpleNamespace


class Adadelta:
    """Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates."""

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.state = {}

    def step(self, params, grads):
        for name, grad in grads.items():
            p = params[name]
            if name not in self.state:
                self.state[name] = SimpleNamespace(eg=np.zeros_like(p), edelta=np.zeros_like(p))
            s = self.state[name]
            s.eg = self.rho * s.eg + (1 - self.rho) * grad ** 2
            delta = -np.sqrt(s.edelta + self.eps) / np.sqrt(s.eg + self.eps) * grad
            s.edelta = self.rho * s.edelta + (1 - self.rho) * delta ** 2
            diff = self.lr * delta
            p += diff
'''),

    # ------------------------------------------------------------------ helper_functions
    # Module-level helpers in the answer cells, early returns, calls to earlier exercises
    # (numerical_gradient in jacobian, mse_gradients in minibatch_gd), a subclass, state in
    # a dict of dicts and a dict of tuples.
    Alternative(style="helper_functions", cell="numerical_gradient",
                what="a helper builds each perturbed copy with .flat; early return for an empty x; values reshaped",
                code='''
def _perturbed(point, index, delta):
    """A copy of point with delta added to its entry number index (in C order)."""
    moved = point.copy()
    moved.flat[index] += delta
    return moved


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x (any shape)."""
    point = np.asarray(x, dtype=np.float64).copy()
    if point.size == 0:
        return np.zeros(point.shape)  # nothing to differentiate
    values = np.empty(point.size)
    for k in range(point.size):
        values[k] = (f(_perturbed(point, k, h)) - f(_perturbed(point, k, -h))) / (2 * h)
    return values.reshape(point.shape)
'''),
    Alternative(style="helper_functions", cell="jacobian",
                what="row i is numerical_gradient (Exercise 1) of output i; more calls to f, same differences",
                code='''
def jacobian(f, x, h=1e-5):
    """Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x."""
    x = np.asarray(x, dtype=float)
    m = np.shape(f(x))[0]
    rows = [numerical_gradient(lambda v, i=i: f(v)[i], x, h) for i in range(m)]
    return np.array(rows, dtype=float).reshape(m, x.size)
'''),
    Alternative(style="helper_functions", cell="gradient_descent",
                what="a one-step helper, early return for steps == 0, path rows passed to grad",
                code='''
def _descent_step(grad, point, lr):
    """One gradient-descent step from point."""
    return point - lr * np.asarray(grad(point), dtype=float)


def gradient_descent(grad, x0, lr, steps):
    """The points x0, x1, ..., x_steps of gradient descent, stacked into one array."""
    start = np.array(x0, dtype=float)
    if steps == 0:
        return start[np.newaxis].copy()  # the path is just x0
    path = np.empty((steps + 1,) + start.shape)
    path[0] = start
    for k in range(steps):
        path[k + 1] = _descent_step(grad, path[k], lr)
    return path
'''),
    Alternative(style="helper_functions", cell="mse_gradients",
                what="a residual helper, r @ x and r * r; loss and grad_b as Python floats",
                code='''
def _residuals(x, y, w, b):
    """Prediction minus target for every sample."""
    return x @ w + b - y


def mse_gradients(x, y, w, b):
    """Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b)."""
    r = _residuals(x, y, w, b)
    n = len(r)
    return float(np.mean(r * r)), (2 / n) * (r @ x), float((2 / n) * r.sum())
'''),
    Alternative(style="helper_functions", cell="minibatch_gd",
                what="a batch generator, gradients from mse_gradients (Exercise 4) on each batch, early return for 0 epochs",
                code='''
def _batches(order, size):
    """Consecutive slices of order, the last one possibly shorter."""
    for start in range(0, len(order), size):
        yield order[start:start + size]


def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch)."""
    n, d = x.shape
    w = np.zeros(d)
    b = 0.0
    if epochs == 0:
        return w, b, np.zeros(0)
    losses = []
    for _ in range(epochs):
        for idx in _batches(rng.permutation(n), batch_size):
            _, grad_w, grad_b = mse_gradients(x[idx], y[idx], w, b)
            w = w - lr * grad_w
            b = b - lr * grad_b
        losses.append(mse_gradients(x, y, w, b)[0])
    return w, b, np.asarray(losses)
'''),
    Alternative(style="helper_functions", cell="Momentum",
                what="a module-level zero-state helper and an _update method; v *= mu, v -= lr·g, p += v",
                code='''
def _zero_state(store, name, like):
    """The state array of name, created as zeros the first time name is seen."""
    if name not in store:
        store[name] = np.zeros_like(like)
    return store[name]


class Momentum:
    """SGD with (classical) momentum."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def _update(self, p, g, v):
        v *= self.momentum
        v -= self.lr * g
        p += v

    def step(self, params, grads):
        for name in params:
            p = params[name]
            self._update(p, grads[name], _zero_state(self.velocity, name, p))
'''),
    Alternative(style="helper_functions", cell="Nesterov",
                what="subclass of the Momentum answer, overriding only _update (own __init__ with the stub signature)",
                code='''
class Nesterov(Momentum):
    """SGD with Nesterov momentum (look-ahead form)."""

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr=lr, momentum=momentum)

    def _update(self, p, g, v):
        v *= self.momentum
        v -= self.lr * g
        p += self.momentum * v - self.lr * g

    def step(self, params, grads):
        super().step(params, grads)
'''),
    Alternative(style="helper_functions", cell="Adagrad",
                what="a shared helper for the divide-by-root step, early return on no parameters",
                code='''
def _scaled_step(p, g, scale, lr, eps):
    """p <- p - lr * g / (sqrt(scale) + eps), in place."""
    p -= lr * g / (np.sqrt(scale) + eps)


class Adagrad:
    """Adaptive gradient: per-entry step sizes from the sum of squared gradients."""

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = {}

    def step(self, params, grads):
        if not params:
            return
        for name, p in params.items():
            g = grads[name]
            self.G[name] = self.G.get(name, np.zeros_like(p)) + g ** 2
            _scaled_step(p, g, self.G[name], self.lr, self.eps)
'''),
    Alternative(style="helper_functions", cell="RMSProp",
                what="a helper for the running average and one for the step, state via dict.get",
                code='''
def _running_average(old, new, rho):
    return rho * old + (1 - rho) * new


def _rms_step(p, g, mean_square, lr, eps):
    p -= lr * g / (np.sqrt(mean_square) + eps)


class RMSProp:
    """Divide the step by a running root-mean-square of recent gradients."""

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.E = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            self.E[name] = _running_average(self.E.get(name, np.zeros_like(p)), g ** 2, self.rho)
            _rms_step(p, g, self.E[name], self.lr, self.eps)
'''),
    Alternative(style="helper_functions", cell="Adam",
                what="state as a dict of dicts {'m', 'v', 't'} per name, a bias-correction helper",
                code='''
def _unbiased(moment, beta, t):
    """Bias-corrected running average after t updates."""
    return moment / (1 - beta ** t)


class Adam:
    """Adaptive moment estimation, with bias correction."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.state = {}

    def step(self, params, grads):
        for name, p in params.items():
            g = grads[name]
            s = self.state.setdefault(name, {"m": np.zeros_like(p), "v": np.zeros_like(p), "t": 0})
            s["t"] += 1
            s["m"] = self.beta1 * s["m"] + (1 - self.beta1) * g
            s["v"] = self.beta2 * s["v"] + (1 - self.beta2) * g ** 2
            m_hat = _unbiased(s["m"], self.beta1, s["t"])
            v_hat = _unbiased(s["v"], self.beta2, s["t"])
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return None
'''),
    Alternative(style="helper_functions", cell="Adadelta",
                what="state as a dict of (E_g, E_delta) tuples replaced each step, a helper computing the update",
                code='''
def _adadelta_update(g, eg, edelta, rho, eps):
    """New E_g, the update Delta and new E_delta for one parameter."""
    eg = rho * eg + (1 - rho) * g ** 2
    delta = -np.sqrt(edelta + eps) / np.sqrt(eg + eps) * g
    edelta = rho * edelta + (1 - rho) * delta ** 2
    return eg, delta, edelta


class Adadelta:
    """Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates."""

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.averages = {}

    def step(self, params, grads):
        for name, p in params.items():
            eg, edelta = self.averages.get(name, (np.zeros_like(p), np.zeros_like(p)))
            eg, delta, edelta = _adadelta_update(grads[name], eg, edelta, self.rho, self.eps)
            self.averages[name] = (eg, edelta)
            p += self.lr * delta
'''),
    # ------------------------------------------------------------------ unravel_and_copyto
    # np.unravel_index over range(x.size), a helper called central_diff, comments that name the
    # forbidden tools, np.apply_along_axis, dtype-preserving paths, state in dicts of lists,
    # in-place updates with np.copyto, an algebraically rearranged Nesterov update.
    Alternative(style="unravel_and_copyto", cell="numerical_gradient",
                what="range(x.size) + np.unravel_index, a helper named central_diff, a comment naming np.gradient",
                code='''
def central_diff(f, point, index, h):
    \"\"\"(f(point + h e_index) - f(point - h e_index)) / 2h, restoring point afterwards.\"\"\"
    saved = point[index]
    point[index] = saved + h
    f_plus = float(f(point))
    point[index] = saved - h
    f_minus = float(f(point))
    point[index] = saved
    return (f_plus - f_minus) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    \"\"\"Central-difference estimate of the gradient of the scalar function f at x (any shape).\"\"\"
    # np.gradient would not do anyway: it differentiates sampled data, not the function f.
    point = x.astype(np.float64, copy=True)
    result = np.zeros_like(point)
    for k in range(point.size):
        index = np.unravel_index(k, point.shape)
        result[index] = central_diff(f, point, index, h)
    return result
'''),
    Alternative(style="unravel_and_copyto", cell="jacobian",
                what="np.apply_along_axis over the rows of h·np.eye(n), then transposed",
                code='''
def jacobian(f, x, h=1e-5):
    \"\"\"Central-difference Jacobian (shape (m, n)) of f: R^n -> R^m at the 1-D point x.\"\"\"
    point = np.array(x, dtype=float)
    column = lambda e: (np.asarray(f(point + e), dtype=float) - np.asarray(f(point - e), dtype=float)) / (2 * h)
    return np.apply_along_axis(column, 1, h * np.eye(point.size)).T
'''),
    Alternative(style="unravel_and_copyto", cell="gradient_descent",
                what="path keeps x0's float dtype (float32 stays float32), rows written with np.copyto",
                code='''
def gradient_descent(grad, x0, lr, steps):
    \"\"\"The points x0, x1, ..., x_steps of gradient descent, stacked into one array.\"\"\"
    dtype = x0.dtype if np.issubdtype(x0.dtype, np.floating) else np.float64
    path = np.empty((steps + 1,) + np.shape(x0), dtype=dtype)
    np.copyto(path[0, ...], x0, casting="unsafe")
    for k in range(1, steps + 1):
        previous = path[k - 1, ...].copy()  # [k, ...] keeps 0-d rows as arrays
        np.copyto(path[k, ...], previous - lr * np.asarray(grad(previous)), casting="unsafe")
    return path
'''),
    Alternative(style="unravel_and_copyto", cell="mse_gradients",
                what="loss from np.linalg.norm(r)**2 / n, grad_w as a mean over broadcast rows",
                code='''
def mse_gradients(x, y, w, b):
    \"\"\"Mean squared error of the linear model x @ w + b and its gradients (loss, grad_w, grad_b).\"\"\"
    r = x @ w + b - y
    loss = np.linalg.norm(r) ** 2 / len(r)
    grad_w = 2 * np.mean(r[:, np.newaxis] * x, axis=0)
    grad_b = 2 * np.mean(r)
    return loss, grad_w, grad_b
'''),
    Alternative(style="unravel_and_copyto", cell="minibatch_gd",
                what="an inner epoch function (nonlocal b), batch means over broadcast rows, np.subtract(out=w), losses from np.fromiter",
                code='''
def minibatch_gd(x, y, lr, epochs, batch_size, rng):
    \"\"\"Mini-batch gradient descent for linear regression; returns (w, b, losses per epoch).\"\"\"
    n = len(x)
    w = np.zeros(x.shape[1])
    b = 0.0

    def run_epoch():
        nonlocal b
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            r = x[idx] @ w + b - y[idx]
            np.subtract(w, lr * 2 * np.mean(r[:, None] * x[idx], axis=0), out=w)
            b = b - lr * 2 * np.mean(r)
        return np.mean((x @ w + b - y) ** 2)

    losses = np.fromiter((run_epoch() for _ in range(epochs)), dtype=float, count=epochs)
    return w, b, losses
'''),
    Alternative(style="unravel_and_copyto", cell="Momentum",
                what="state as a dict of one-element lists, names in sorted order, np.copyto(p, p + v)",
                code='''
class Momentum:
    \"\"\"SGD with (classical) momentum.\"\"\"

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p = params[name]
            buf = self.buffers.setdefault(name, [np.zeros_like(p)])
            buf[0] = self.momentum * buf[0] - self.lr * grads[name]
            np.copyto(p, p + buf[0])
'''),
    Alternative(style="unravel_and_copyto", cell="Nesterov",
                what="the update rearranged as p += (1 + mu)·v_new - mu·v_old (equal to mu·v_new - lr·g), np.copyto",
                code='''
class Nesterov:
    \"\"\"SGD with Nesterov momentum (look-ahead form).\"\"\"

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p = params[name]
            buf = self.buffers.setdefault(name, [np.zeros_like(p)])
            old = buf[0]
            new = self.momentum * old - self.lr * grads[name]
            buf[0] = new
            # mu·v_new - lr·g = mu·v_new + (v_new - mu·v_old)
            np.copyto(p, p + (1 + self.momentum) * new - self.momentum * old)
'''),
    Alternative(style="unravel_and_copyto", cell="Adagrad",
                what="state list mutated in place (G += g*g), np.copyto for the parameter",
                code='''
class Adagrad:
    \"\"\"Adaptive gradient: per-entry step sizes from the sum of squared gradients.\"\"\"

    def __init__(self, lr=0.01, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p, g = params[name], grads[name]
            (G,) = self.buffers.setdefault(name, [np.zeros_like(p)])
            G += g * g
            np.copyto(p, p - self.lr * g / (np.sqrt(G) + self.eps))
'''),
    Alternative(style="unravel_and_copyto", cell="RMSProp",
                what="running average updated with E *= rho; E += (1 - rho)·g², np.copyto",
                code='''
class RMSProp:
    \"\"\"Divide the step by a running root-mean-square of recent gradients.\"\"\"

    def __init__(self, lr=0.001, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p, g = params[name], grads[name]
            (E,) = self.buffers.setdefault(name, [np.zeros_like(p)])
            E *= self.rho
            E += (1 - self.rho) * g ** 2
            np.copyto(p, p - self.lr * g / (np.sqrt(E) + self.eps))
'''),
    Alternative(style="unravel_and_copyto", cell="Adam",
                what="state as a dict of [m, v, t] lists, np.copyto",
                code='''
class Adam:
    \"\"\"Adaptive moment estimation, with bias correction.\"\"\"

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p, g = params[name], grads[name]
            state = self.buffers.setdefault(name, [np.zeros_like(p), np.zeros_like(p), 0])
            state[2] += 1
            state[0] = self.beta1 * state[0] + (1 - self.beta1) * g
            state[1] = self.beta2 * state[1] + (1 - self.beta2) * g * g
            m_hat = state[0] / (1 - self.beta1 ** state[2])
            v_hat = state[1] / (1 - self.beta2 ** state[2])
            np.copyto(p, p - self.lr * m_hat / (np.sqrt(v_hat) + self.eps))
'''),
    Alternative(style="unravel_and_copyto", cell="Adadelta",
                what="named RMS terms, state as a dict of [E_g, E_delta] lists, np.copyto",
                code='''
class Adadelta:
    \"\"\"Adadelta: RMSProp with the learning rate replaced by a running RMS of the updates.\"\"\"

    def __init__(self, lr=1.0, rho=0.95, eps=1e-6):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.buffers = {}

    def step(self, params, grads):
        for name in sorted(params):
            p, g = params[name], grads[name]
            state = self.buffers.setdefault(name, [np.zeros_like(p), np.zeros_like(p)])
            state[0] = self.rho * state[0] + (1 - self.rho) * g ** 2
            rms_update = np.sqrt(state[1] + self.eps)  # the old E_delta
            rms_grad = np.sqrt(state[0] + self.eps)    # the new E_g
            update = -(rms_update / rms_grad) * g
            state[1] = self.rho * state[1] + (1 - self.rho) * update ** 2
            np.copyto(p, p + self.lr * update)
'''),
]
