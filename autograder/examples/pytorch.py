"""Typical mistakes in chapter 5 (PyTorch); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    Mistake(
        name="from_numpy_shares_memory",
        what="torch.from_numpy keeps the array's memory (and refuses negative strides)",
        cell="array_to_tensor",
        breaks=("array_to_tensor_tests",),
        code='''
def array_to_tensor(a, device):
    return torch.from_numpy(a).to(device)
''',
    ),
    Mistake(
        name="tensor_always_float32",
        what="converts every array to float32, as .float() would",
        cell="array_to_tensor",
        breaks=("array_to_tensor_tests",),
        code='''
def array_to_tensor(a, device):
    return torch.tensor(a.copy(), dtype=torch.float32, device=device)
''',
    ),
    Mistake(
        name="numpy_without_detach",
        what="calls .numpy() without .detach(), which fails on a tensor that requires grad",
        cell="tensor_to_array",
        breaks=("tensor_to_array_tests",),
        code='''
def tensor_to_array(t):
    return t.cpu().numpy()
''',
    ),
    Mistake(
        name="finite_differences",
        what="central differences instead of autograd: two calls of f, less precise",
        cell="autograd_derivative",
        breaks=("autograd_derivative_tests",),
        code='''
def autograd_derivative(f, x0):
    h = 1e-6
    x = torch.tensor(float(x0), dtype=torch.float64)
    return ((f(x + h) - f(x - h)) / (2 * h)).item()
''',
    ),
    Mistake(
        name="derivative_in_float32",
        what="differentiates in float32 (torch.tensor(float) defaults to float32)",
        cell="autograd_derivative",
        breaks=("autograd_derivative_tests",),
        code='''
def autograd_derivative(f, x0):
    x = torch.tensor(float(x0), requires_grad=True)
    f(x).backward()
    return x.grad.item()
''',
    ),
    Mistake(
        name="update_makes_new_tensors",
        what="p = p - lr * p.grad: new tensors that are no longer the leaves the model owns",
        cell="sgd_update",
        breaks=("sgd_update_tests",),
        code='''
def sgd_update(params, lr):
    for i, p in enumerate(params):
        if p.grad is not None:
            params[i] = p - lr * p.grad
''',
    ),
    Mistake(
        name="update_keeps_gradients",
        what="updates in place but never resets .grad, so the next backward adds to it",
        cell="sgd_update",
        breaks=("sgd_update_tests",),
        code='''
def sgd_update(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad
''',
    ),
    Mistake(
        name="manual_step_uses_autograd",
        what="lets autograd compute the gradients in the exercise that asks for them by hand",
        cell="two_layer_manual_step",
        breaks=("two_layer_manual_step_tests",),
        code='''
def two_layer_manual_step(x, y, w1, w2, lr):
    a, b = w1.clone().requires_grad_(True), w2.clone().requires_grad_(True)
    loss = (x.mm(a).clamp(min=0).mm(b) - y).pow(2).sum()
    loss.backward()
    w1 -= lr * a.grad
    w2 -= lr * b.grad
    return loss.item()
''',
    ),
    Mistake(
        name="manual_step_no_relu_mask",
        what="forgets that ReLU passes no gradient where its input is negative",
        cell="two_layer_manual_step",
        breaks=("two_layer_manual_step_tests",),
        code='''
def two_layer_manual_step(x, y, w1, w2, lr):
    h = x.mm(w1)
    h_relu = h.clamp(min=0)
    y_pred = h_relu.mm(w2)
    loss = (y_pred - y).pow(2).sum()
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.t().mm(grad_y_pred)
    grad_w1 = x.t().mm(grad_y_pred.mm(w2.t()))
    w1 -= lr * grad_w1
    w2 -= lr * grad_w2
    return loss.item()
''',
    ),
    Mistake(
        name="autograd_step_no_zero",
        what="never zeroes w1.grad and w2.grad, so every call adds its gradient to the old ones",
        cell="two_layer_autograd_step",
        breaks=("two_layer_autograd_step_tests",),
        code='''
def two_layer_autograd_step(x, y, w1, w2, lr):
    loss = (x.mm(w1).clamp(min=0).mm(w2) - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        w1 -= lr * w1.grad
        w2 -= lr * w2.grad
    return loss.item()
''',
    ),
    Mistake(
        name="missing_zero_grad",
        what="no optimizer.zero_grad(): gradients accumulate across steps",
        cell="sgd_train",
        breaks=("sgd_train_tests",),
        code='''
def sgd_train(model, x, y, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
''',
    ),
    Mistake(
        name="loader_losses_averaged_over_batches",
        what="averages the batch losses although the last batch is smaller",
        cell="train_with_loader",
        breaks=("train_with_loader_tests",),
        code='''
def train_with_loader(model, x, y, batch_size, lr, epochs, seed):
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    out = []
    for _ in range(epochs):
        batch_losses = []
        for xb, yb in loader:
            loss = nn.functional.mse_loss(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        out.append(sum(batch_losses) / len(batch_losses))
    return out
''',
    ),
    Mistake(
        name="loader_rebuilt_every_epoch",
        what="builds a new DataLoader (with a freshly seeded generator) in every epoch: the same order each time",
        cell="train_with_loader",
        breaks=("train_with_loader_tests",),
        code='''
def train_with_loader(model, x, y, batch_size, lr, epochs, seed):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    out = []
    for _ in range(epochs):
        loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True,
                            generator=torch.Generator().manual_seed(seed))
        total = 0.0
        for xb, yb in loader:
            loss = nn.functional.mse_loss(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        out.append(total / len(x))
    return out
''',
    ),
    Mistake(
        name="standardize_fitted_on_test",
        what="scales the test split with its own mean and standard deviation",
        cell="standardize",
        breaks=("standardize_tests",),
        code='''
def standardize(x_train, x_test):
    def scale(x):
        std = x.std(dim=0, correction=0)
        return (x - x.mean(dim=0)) / torch.where(std == 0, torch.ones_like(std), std)
    return scale(x_train), scale(x_test)
''',
    ),
    Mistake(
        name="standardize_unbiased_std",
        what="uses torch.std's default correction=1 (divides by n - 1)",
        cell="standardize",
        breaks=("standardize_tests",),
        code='''
def standardize(x_train, x_test):
    mean, std = x_train.mean(dim=0), x_train.std(dim=0)
    std = torch.where(std == 0, torch.ones_like(std), std)
    return (x_train - mean) / std, (x_test - mean) / std
''',
    ),
    Mistake(
        name="logistic_returns_logits",
        what="forward returns w·x + b without the sigmoid",
        cell="LogisticRegression",
        breaks=("LogisticRegression_tests",),
        code='''
class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return self.linear(x)
''',
    ),
    Mistake(
        name="bce_with_logits_on_probabilities",
        what="feeds the model's probabilities to BCEWithLogitsLoss, which applies a second sigmoid",
        cell="train_logistic",
        breaks=("train_logistic_tests",),
        code='''
def train_logistic(model, x, y, epochs, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    losses = []
    for _ in range(epochs):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
''',
    ),
    Mistake(
        name="softmax_before_cross_entropy",
        what="forward ends with a softmax although CrossEntropyLoss applies log-softmax itself",
        cell="MLP",
        breaks=("MLP_tests",),
        code='''
class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.output = nn.Linear(n_hidden, n_out)
        for layer in (self.hidden, self.output):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        return torch.softmax(self.output(torch.relu(self.hidden(x))), dim=1)
''',
    ),
    Mistake(
        name="xavier_instead_of_he",
        what="Xavier (Glorot) initialisation, meant for tanh/sigmoid: too small for ReLU layers",
        cell="MLP",
        breaks=("MLP_tests",),
        code='''
class MLP(nn.Module):
    def __init__(self, n_in=784, n_hidden=256, n_out=10):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.output = nn.Linear(n_hidden, n_out)
        for layer in (self.hidden, self.output):
            nn.init.xavier_normal_(layer.weight)
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))
''',
    ),
    Mistake(
        name="labels_left_on_cpu",
        what="moves the inputs to the device but not the labels (fails on a GPU)",
        cell="train_one_epoch",
        breaks=("train_one_epoch_tests",),
        code='''
def train_one_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        xb = xb.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count
''',
    ),
    Mistake(
        name="loss_accumulated_with_graph",
        what="adds up the loss tensors themselves, keeping every batch's graph in memory",
        cell="train_one_epoch",
        breaks=("train_one_epoch_tests",),
        code='''
def train_one_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total = total + loss * len(xb)
        count += len(xb)
    return total.item() / count
''',
    ),
    Mistake(
        name="zero_grad_between_backward_and_step",
        what="calls optimizer.zero_grad() after backward, so every step sees zero gradients",
        cell="train_one_epoch",
        breaks=("train_one_epoch_tests",),
        code='''
def train_one_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count
''',
    ),
    Mistake(
        name="eval_mode_forgotten",
        what="evaluates in training mode: dropout stays active",
        cell="evaluate_accuracy",
        breaks=("evaluate_accuracy_tests",),
        code='''
def evaluate_accuracy(model, loader, device):
    correct, count = 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            correct += (model(xb).argmax(dim=1) == yb).sum().item()
            count += len(yb)
    return correct / count
''',
    ),
    Mistake(
        name="accuracy_averaged_over_batches",
        what="averages per-batch accuracies although the last batch is smaller",
        cell="evaluate_accuracy",
        breaks=("evaluate_accuracy_tests",),
        code='''
def evaluate_accuracy(model, loader, device):
    was_training = model.training
    model.eval()
    accuracies = []
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            accuracies.append((model(xb).argmax(dim=1) == yb).float().mean().item())
    model.train(was_training)
    return sum(accuracies) / len(accuracies)
''',
    ),
    Mistake(
        name="evaluate_with_the_library",
        what="hands the evaluation to helpers.training.evaluate instead of writing the loop",
        cell="evaluate_accuracy",
        breaks=("evaluate_accuracy_tests",),
        code='''
def evaluate_accuracy(model, loader, device):
    return float(training.evaluate(model, None, loader, device=device).accuracy)
''',
    ),
    Mistake(
        name="eval_mode_not_restored",
        what="leaves the model in eval mode after evaluating it",
        cell="evaluate_accuracy",
        breaks=("evaluate_accuracy_tests",),
        code='''
def evaluate_accuracy(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            correct += (model(xb).argmax(dim=1) == yb).sum().item()
            count += len(yb)
    return correct / count
''',
    ),
    Mistake(
        name="recipe_too_slow_to_learn",
        what="plain SGD with a tiny learning rate for one epoch: far below 95 %",
        cell="mnist_recipe",
        breaks=("mnist_recipe_tests",),
        code='''
def mnist_recipe():
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    return {"model": model, "optimizer": optimizer, "epochs": 1, "batch_size": 256}
''',
    ),
]
