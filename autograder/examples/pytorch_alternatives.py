"""Alternative correct answers to chapter 5, written from the exercise text alone: each must keep full marks."""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ functional
    # torch.nn.functional and torch.autograd.grad wherever they fit; parameters as nn.Parameter.
    Alternative(
        style="functional",
        cell="array_to_tensor",
        what="torch.as_tensor of a fresh NumPy copy (shares memory with the copy only)",
        code=r'''
def array_to_tensor(a, device):
    """Copy the NumPy array a into a new tensor on device, keeping its dtype."""
    return torch.as_tensor(np.array(a, copy=True), device=device)
''',
    ),
    Alternative(
        style="functional",
        cell="tensor_to_array",
        what="detach, .to('cpu'), then a copy of the NumPy view",
        code=r'''
def tensor_to_array(t):
    """The values of the tensor t as a NumPy array."""
    return t.detach().to("cpu").numpy().copy()
''',
    ),
    Alternative(
        style="functional",
        cell="autograd_derivative",
        what="torch.autograd.grad instead of backward()",
        code=r'''
def autograd_derivative(f, x0):
    """f'(x0) by autograd."""
    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    (slope,) = torch.autograd.grad(f(x), x)
    return float(slope)
''',
    ),
    Alternative(
        style="functional",
        cell="sgd_update",
        what="p.add_(p.grad, alpha=-lr) under no_grad, then p.grad = None",
        code=r'''
def sgd_update(params, lr):
    """One in-place gradient-descent update of every parameter that has a gradient."""
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p.add_(p.grad, alpha=-lr)
            p.grad = None
''',
    ),
    Alternative(
        style="functional",
        cell="two_layer_manual_step",
        what="@ and torch.relu, the ReLU mask as a multiplication by (h > 0), sub_ for the update",
        code=r'''
def two_layer_manual_step(x, y, w1, w2, lr):
    """One gradient-descent step of the two-layer ReLU net on the summed squared error, by hand."""
    h = x @ w1
    a = torch.relu(h)
    err = a @ w2 - y
    loss = float((err * err).sum())
    g_out = 2 * err
    g_w2 = a.T @ g_out
    g_h = (g_out @ w2.T) * (h > 0).to(h.dtype)
    g_w1 = x.T @ g_h
    w1.sub_(lr * g_w1)
    w2.sub_(lr * g_w2)
    return loss
''',
    ),
    Alternative(
        style="functional",
        cell="two_layer_autograd_step",
        what="torch.autograd.grad: the gradients never land in .grad, so nothing accumulates",
        code=r'''
def two_layer_autograd_step(x, y, w1, w2, lr):
    """The same step as two_layer_manual_step, with gradients from autograd."""
    loss = F.relu(x @ w1).matmul(w2).sub(y).square().sum()
    g1, g2 = torch.autograd.grad(loss, [w1, w2])
    with torch.no_grad():
        w1.sub_(lr * g1)
        w2.sub_(lr * g2)
    return loss.item()
''',
    ),
    Alternative(
        style="functional",
        cell="sgd_train",
        what="F.mse_loss; zero_grad(set_to_none=True) before the forward pass",
        code=r'''
def sgd_train(model, x, y, lr, steps):
    """Full-batch training with torch.optim.SGD and nn.MSELoss."""
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        history.append(float(loss))
    return history
''',
    ),
    Alternative(
        style="functional",
        cell="train_with_loader",
        what="F.mse_loss, sample count from loader.dataset, batch size from xb.shape[0]",
        code=r'''
def train_with_loader(model, x, y, batch_size, lr, epochs, seed):
    """Mini-batch SGD on the mean squared error, batches from a seeded, shuffling DataLoader."""
    gen = torch.Generator().manual_seed(seed)
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True, generator=gen)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    n = len(loader.dataset)
    means = []
    for _ in range(epochs):
        weighted = 0.0
        for xb, yb in loader:
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(model(xb), yb)
            loss.backward()
            opt.step()
            weighted += float(loss) * xb.shape[0]
        means.append(weighted / n)
    return means
''',
    ),
    Alternative(
        style="functional",
        cell="standardize",
        what="torch.std_mean with correction=0 and masked_fill for constant features",
        code=r'''
def standardize(x_train, x_test):
    """Scale both splits with the training split's per-feature mean and standard deviation."""
    std, mean = torch.std_mean(x_train, dim=0, correction=0)
    std = std.masked_fill(std == 0, 1.0)
    return tuple((x - mean) / std for x in (x_train, x_test))
''',
    ),
    Alternative(
        style="functional",
        cell="LogisticRegression",
        what="a weight vector and a bias as nn.Parameter, x @ w + b, unsqueeze to (n, 1)",
        code=r'''
class LogisticRegression(nn.Module):
    """p(class 1 | x) = sigmoid(w · x + b), for inputs of shape (n, n_features); output (n, 1)."""

    def __init__(self, n_features):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_features) * 0.01)
        self.b = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return torch.sigmoid(x @ self.w + self.b).unsqueeze(1)
''',
    ),
    Alternative(
        style="functional",
        cell="train_logistic",
        what="F.binary_cross_entropy (what nn.BCELoss calls)",
        code=r'''
def train_logistic(model, x, y, epochs, lr):
    """Full-batch SGD on the binary cross-entropy of a model that outputs probabilities."""
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        opt.zero_grad()
        loss = F.binary_cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        history.append(loss.item())
    return history
''',
    ),
    Alternative(
        style="functional",
        cell="MLP",
        what="kaiming_uniform_ (same standard deviation as the normal variant), F.relu in forward; the output "
             "layer is defined before the hidden one",
        code=r'''
class MLP(nn.Module):
    """784-256-10 multilayer perceptron with He initialisation; returns logits."""

    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.fc2 = nn.Linear(n_hidden, n_out)
        self.fc1 = nn.Linear(n_in, n_hidden)
        for fc in (self.fc1, self.fc2):
            nn.init.kaiming_uniform_(fc.weight, nonlinearity="relu")
            nn.init.constant_(fc.bias, 0.0)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))
''',
    ),
    Alternative(
        style="functional",
        cell="train_one_epoch",
        what="helpers.device.to_device moves the (inputs, labels) pair; zero_grad(set_to_none=True)",
        code=r'''
from helpers.device import to_device


def train_one_epoch(model, loader, optimizer, loss_fn, device):
    """One training epoch over loader; returns the mean loss per sample."""
    model.train()
    summed, seen = 0.0, 0
    for batch in loader:
        inputs, labels = to_device(batch, device)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(inputs), labels)
        loss.backward()
        optimizer.step()
        summed += loss.item() * labels.shape[0]
        seen += labels.shape[0]
    return summed / seen
''',
    ),
    Alternative(
        style="functional",
        cell="evaluate_accuracy",
        what="torch.inference_mode and torch.eq, mode restored with model.train(mode)",
        code=r'''
def evaluate_accuracy(model, loader, device):
    """Accuracy of a classifier over all batches of loader."""
    mode = model.training
    model.eval()
    hits = total = 0
    with torch.inference_mode():
        for inputs, labels in loader:
            inputs, labels = inputs.to(device), labels.to(device)
            hits += int(torch.eq(model(inputs).argmax(1), labels).sum())
            total += labels.numel()
    model.train(mode)
    return hits / total
''',
    ),
    Alternative(
        style="functional",
        cell="mnist_recipe",
        what="the lecture's 784-256-10 MLP with SGD and Nesterov momentum",
        code=r'''
def mnist_recipe():
    """A model and its training settings for MNIST, within the budget of the exercise."""
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True)
    return {"model": net, "optimizer": opt, "epochs": 3, "batch_size": 32}
''',
    ),
    # ------------------------------------------------------------------ explicit
    # Every step spelled out: while loops, intermediate names, try/finally, manual formulas.
    Alternative(
        style="explicit",
        cell="array_to_tensor",
        what="torch.from_numpy of a C-ordered copy, then .to(device)",
        code=r'''
def array_to_tensor(a, device):
    """Copy the NumPy array a into a new tensor on device, keeping its dtype."""
    private_copy = a.copy(order="C")
    tensor = torch.from_numpy(private_copy)
    return tensor.to(device)
''',
    ),
    Alternative(
        style="explicit",
        cell="tensor_to_array",
        what="detach, move only when not on the CPU, np.array copy",
        code=r'''
def tensor_to_array(t):
    """The values of the tensor t as a NumPy array."""
    plain = t.detach()
    if plain.device.type != "cpu":
        plain = plain.cpu()
    return np.array(plain.numpy())
''',
    ),
    Alternative(
        style="explicit",
        cell="autograd_derivative",
        what="torch.full((), x0) in float64, requires_grad_ afterwards",
        code=r'''
def autograd_derivative(f, x0):
    """f'(x0) by autograd."""
    point = torch.full((), x0, dtype=torch.float64)
    point.requires_grad_()
    value = f(point)
    value.backward()
    slope = point.grad
    return slope.item()
''',
    ),
    Alternative(
        style="explicit",
        cell="sgd_update",
        what="a no_grad block per parameter, sub_, then grad.zero_() outside it",
        code=r'''
def sgd_update(params, lr):
    """One in-place gradient-descent update of every parameter that has a gradient."""
    index = 0
    while index < len(params):
        p = params[index]
        if p.grad is not None:
            with torch.no_grad():
                p.sub_(lr * p.grad)
            p.grad.zero_()
        index += 1
    return None
''',
    ),
    Alternative(
        style="explicit",
        cell="two_layer_manual_step",
        what="torch.matmul and torch.where for the ReLU's gradient, copy_ for the update",
        code=r'''
def two_layer_manual_step(x, y, w1, w2, lr):
    """One gradient-descent step of the two-layer ReLU net on the summed squared error, by hand."""
    pre_activation = torch.matmul(x, w1)
    hidden = torch.where(pre_activation > 0, pre_activation, torch.zeros_like(pre_activation))
    prediction = torch.matmul(hidden, w2)
    difference = prediction - y
    loss_value = torch.sum(difference ** 2).item()
    d_prediction = 2 * difference
    d_w2 = torch.matmul(hidden.transpose(0, 1), d_prediction)
    d_hidden = torch.matmul(d_prediction, w2.transpose(0, 1))
    d_pre = torch.where(pre_activation > 0, d_hidden, torch.zeros_like(d_hidden))
    d_w1 = torch.matmul(x.transpose(0, 1), d_pre)
    w1.copy_(w1 - lr * d_w1)
    w2.copy_(w2 - lr * d_w2)
    return loss_value
''',
    ),
    Alternative(
        style="explicit",
        cell="two_layer_autograd_step",
        what="zeroes any old gradient before backward() instead of after the update",
        code=r'''
def two_layer_autograd_step(x, y, w1, w2, lr):
    """The same step as two_layer_manual_step, with gradients from autograd."""
    for w in (w1, w2):
        if w.grad is not None:
            w.grad.zero_()
    hidden = torch.clamp(torch.matmul(x, w1), min=0.0)
    loss = torch.sum((torch.matmul(hidden, w2) - y) ** 2)
    loss.backward()
    with torch.no_grad():
        w1.sub_(lr * w1.grad)
        w2.sub_(lr * w2.grad)
    return loss.item()
''',
    ),
    Alternative(
        style="explicit",
        cell="sgd_train",
        what="a while loop, model.zero_grad(), nn.MSELoss(reduction='mean')",
        code=r'''
def sgd_train(model, x, y, lr, steps):
    """Full-batch training with torch.optim.SGD and nn.MSELoss."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.MSELoss(reduction="mean")
    recorded = []
    step = 0
    while step < steps:
        model.zero_grad()
        prediction = model(x)
        loss = criterion(prediction, y)
        recorded.append(loss.item())
        loss.backward()
        optimizer.step()
        step += 1
    return recorded
''',
    ),
    Alternative(
        style="explicit",
        cell="train_with_loader",
        what="a generator seeded in two lines, counters for samples and summed loss",
        code=r'''
def train_with_loader(model, x, y, batch_size, lr, epochs, seed):
    """Mini-batch SGD on the mean squared error, batches from a seeded, shuffling DataLoader."""
    generator = torch.Generator()
    generator.manual_seed(seed)
    dataset = TensorDataset(x, y)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=generator)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    per_epoch = []
    for epoch in range(epochs):
        summed = 0.0
        samples = 0
        for inputs, targets in loader:
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
            summed += loss.item() * inputs.size(0)
            samples += inputs.size(0)
        per_epoch.append(summed / samples)
    return per_epoch
''',
    ),
    Alternative(
        style="explicit",
        cell="standardize",
        what="mean and variance written out as sums over n; zero std replaced by index assignment",
        code=r'''
def standardize(x_train, x_test):
    """Scale both splits with the training split's per-feature mean and standard deviation."""
    n = x_train.shape[0]
    mean = x_train.sum(dim=0) / n
    variance = ((x_train - mean) ** 2).sum(dim=0) / n
    std = torch.sqrt(variance)
    std[std == 0] = 1.0
    train_std = (x_train - mean) / std
    test_std = (x_test - mean) / std
    return (train_std, test_std)
''',
    ),
    Alternative(
        style="explicit",
        cell="LogisticRegression",
        what="nn.Sequential(nn.Linear, nn.Sigmoid) kept as an attribute",
        code=r'''
class LogisticRegression(nn.Module):
    """p(class 1 | x) = sigmoid(w · x + b), for inputs of shape (n, n_features); output (n, 1)."""

    def __init__(self, n_features):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())

    def forward(self, x):
        probabilities = self.net(x)
        return probabilities
''',
    ),
    Alternative(
        style="explicit",
        cell="train_logistic",
        what="a while loop, model.zero_grad(), nn.BCELoss(reduction='mean')",
        code=r'''
def train_logistic(model, x, y, epochs, lr):
    """Full-batch SGD on the binary cross-entropy of a model that outputs probabilities."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.BCELoss(reduction="mean")
    recorded = []
    epoch = 0
    while epoch < epochs:
        model.zero_grad()
        probabilities = model(x)
        loss = criterion(probabilities, y)
        recorded.append(loss.item())
        loss.backward()
        optimizer.step()
        epoch += 1
    return recorded
''',
    ),
    Alternative(
        style="explicit",
        cell="MLP",
        what="He initialisation written out: normal_ with std sqrt(2 / fan_in), an inner nn.Sequential",
        code=r'''
import math


class MLP(nn.Module):
    """784-256-10 multilayer perceptron with He initialisation; returns logits."""

    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
        for module in self.layers:
            if isinstance(module, nn.Linear):
                fan_in = module.weight.shape[1]
                with torch.no_grad():
                    module.weight.normal_(0.0, math.sqrt(2.0 / fan_in))
                    module.bias.zero_()

    def forward(self, x):
        logits = self.layers(x)
        return logits
''',
    ),
    Alternative(
        style="explicit",
        cell="train_one_epoch",
        what="loss.detach().item(), the number of samples from len(loader.dataset)",
        code=r'''
def train_one_epoch(model, loader, optimizer, loss_fn, device):
    """One training epoch over loader; returns the mean loss per sample."""
    model.train()
    running = 0.0
    for inputs, labels in loader:
        inputs = inputs.to(device)
        labels = labels.to(device)
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = loss_fn(outputs, labels)
        loss.backward()
        optimizer.step()
        running += loss.detach().item() * inputs.size(0)
    return running / len(loader.dataset)
''',
    ),
    Alternative(
        style="explicit",
        cell="evaluate_accuracy",
        what="try/finally restores the mode even if the model raises",
        code=r'''
def evaluate_accuracy(model, loader, device):
    """Accuracy of a classifier over all batches of loader."""
    was_training = model.training
    model.eval()
    try:
        correct = 0
        seen = 0
        with torch.no_grad():
            for inputs, labels in loader:
                inputs = inputs.to(device)
                labels = labels.to(device)
                logits = model(inputs)
                predicted = torch.argmax(logits, dim=1)
                correct += (predicted == labels).sum().item()
                seen += labels.size(0)
    finally:
        if was_training:
            model.train()
    return float(correct) / seen
''',
    ),
    Alternative(
        style="explicit",
        cell="mnist_recipe",
        what="a module class with two hidden layers (256, 128), Adam, batches of 64; the output layer is "
             "defined first",
        code=r'''
class Digits(nn.Module):
    def __init__(self):
        super().__init__()
        self.out = nn.Linear(128, 10)
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        for layer in (self.fc1, self.fc2, self.out):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.out(x)


def mnist_recipe():
    """A model and its training settings for MNIST, within the budget of the exercise."""
    model = Digits()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.002)
    return {"model": model, "optimizer": optimizer, "epochs": 3, "batch_size": 64}
''',
    ),
    # ------------------------------------------------------------------ compact
    # Short answers: comprehensions, library shortcuts, nn.Sequential subclasses.
    Alternative(
        style="compact",
        cell="array_to_tensor",
        what="np.copy then torch.tensor in one line",
        code=r'''
def array_to_tensor(a, device):
    return torch.tensor(np.copy(a), device=device)
''',
    ),
    Alternative(
        style="compact",
        cell="tensor_to_array",
        what="Tensor.numpy(force=True), which detaches and copies to the CPU itself",
        code=r'''
def tensor_to_array(t):
    return t.numpy(force=True)
''',
    ),
    Alternative(
        style="compact",
        cell="autograd_derivative",
        what="torch.as_tensor(x0, dtype=float64).requires_grad_()",
        code=r'''
def autograd_derivative(f, x0):
    x = torch.as_tensor(x0, dtype=torch.float64).requires_grad_()
    f(x).backward()
    return float(x.grad)
''',
    ),
    Alternative(
        style="compact",
        cell="sgd_update",
        what="lets torch.optim.SGD do the update, and its zero_grad clear the gradients",
        code=r'''
def sgd_update(params, lr):
    optimizer = torch.optim.SGD(params, lr=lr)
    optimizer.step()
    optimizer.zero_grad()
''',
    ),
    Alternative(
        style="compact",
        cell="two_layer_manual_step",
        what="einsum for the products, the mask folded into one expression",
        code=r'''
def two_layer_manual_step(x, y, w1, w2, lr):
    h = torch.einsum("nd,dh->nh", x, w1)
    r = h.clamp(min=0)
    g = 2 * (r @ w2 - y)
    loss = (g * g).sum().item() / 4
    w1 -= lr * torch.einsum("nd,nh->dh", x, (g @ w2.T) * (h > 0))
    w2 -= lr * torch.einsum("nh,no->ho", r, g)
    return loss
''',
    ),
    Alternative(
        style="compact",
        cell="two_layer_autograd_step",
        what="sets both gradients to None after the update",
        code=r'''
def two_layer_autograd_step(x, y, w1, w2, lr):
    loss = ((x @ w1).relu() @ w2 - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        for w in (w1, w2):
            w -= lr * w.grad
            w.grad = None
    return loss.item()
''',
    ),
    Alternative(
        style="compact",
        cell="sgd_train",
        what="one step as an inner function, the losses as a list comprehension",
        code=r'''
def sgd_train(model, x, y, lr, steps):
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        opt.zero_grad()
        loss = nn.MSELoss()(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return [step() for _ in range(steps)]
''',
    ),
    Alternative(
        style="compact",
        cell="train_with_loader",
        what="a batch step returning loss × batch size, summed per epoch in a comprehension",
        code=r'''
def train_with_loader(model, x, y, batch_size, lr, epochs, seed):
    loader = DataLoader(TensorDataset(x, y), batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
    opt = torch.optim.SGD(model.parameters(), lr)

    def step(xb, yb):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        opt.step()
        return (loss * len(xb)).item()

    return [sum(step(xb, yb) for xb, yb in loader) / len(x) for _ in range(epochs)]
''',
    ),
    Alternative(
        style="compact",
        cell="standardize",
        what="var(correction=0).sqrt() and torch.where with a Python scalar",
        code=r'''
def standardize(x_train, x_test):
    m, s = x_train.mean(0), x_train.var(0, correction=0).sqrt()
    s = torch.where(s > 0, s, 1.0)
    return (x_train - m) / s, (x_test - m) / s
''',
    ),
    Alternative(
        style="compact",
        cell="LogisticRegression",
        what="an nn.Sequential subclass: Linear then Sigmoid",
        code=r'''
class LogisticRegression(nn.Sequential):
    def __init__(self, n_features):
        super().__init__(nn.Linear(n_features, 1), nn.Sigmoid())
''',
    ),
    Alternative(
        style="compact",
        cell="train_logistic",
        what="an inner step function and a list comprehension",
        code=r'''
def train_logistic(model, x, y, epochs, lr):
    opt, bce = torch.optim.SGD(model.parameters(), lr), nn.BCELoss()

    def step():
        opt.zero_grad()
        loss = bce(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return [step() for _ in range(epochs)]
''',
    ),
    Alternative(
        style="compact",
        cell="MLP",
        what="an nn.Sequential subclass initialised with a loop over its Linear layers",
        code=r'''
class MLP(nn.Sequential):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
        for layer in (self[0], self[2]):
            nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            layer.bias.data.zero_()
''',
    ),
    Alternative(
        style="compact",
        cell="train_one_epoch",
        what="moves the batches in a generator expression; (loss * n).item() per batch",
        code=r'''
def train_one_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total = n = 0
    for xb, yb in ((a.to(device), b.to(device)) for a, b in loader):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total, n = total + (loss * len(yb)).item(), n + len(yb)
    return total / n
''',
    ),
    Alternative(
        style="compact",
        cell="evaluate_accuracy",
        what="compares on the CPU: predictions brought back with .cpu() meet the labels where they are",
        code=r'''
def evaluate_accuracy(model, loader, device):
    mode, _ = model.training, model.eval()
    with torch.no_grad():
        hits = [(model(xb.to(device)).argmax(1).cpu() == yb).sum().item() for xb, yb in loader]
    model.train(mode)
    return sum(hits) / len(loader.dataset)
''',
    ),
    Alternative(
        style="compact",
        cell="mnist_recipe",
        what="nn.Sequential with a small dropout between 300 and 100 hidden units, Adam",
        code=r'''
def mnist_recipe():
    net = nn.Sequential(nn.Linear(784, 300), nn.ReLU(), nn.Dropout(0.1), nn.Linear(300, 100), nn.ReLU(),
                        nn.Linear(100, 10))
    return {"model": net, "optimizer": torch.optim.Adam(net.parameters(), lr=1e-3), "epochs": 3, "batch_size": 32}
''',
    ),
]
