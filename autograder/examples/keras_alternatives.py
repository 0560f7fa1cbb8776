"""Alternative correct answers to chapter 6, written from the exercise text alone: each must keep full marks.

Three styles, each answering every exercise: ``tf_ops`` (explicit TensorFlow operations and
objects), ``numpy_minded`` (NumPy where the result leaves TensorFlow, loops and plain Python
arithmetic) and ``keras_objects`` (Keras classes instead of strings, keyword-heavy calls, the
lecture notes' older spellings such as ``input_shape=`` and ``tf.nn.relu``).
"""

from autograder.examples import Alternative

ALTERNATIVES = [
    # ------------------------------------------------------------------ tf_ops
    Alternative(
        style="tf_ops",
        cell="tape_derivative",
        what="a watched float32 constant, .numpy().item()",
        code=r'''
def tape_derivative(f, x):
    """The derivative of f at x, from one tf.GradientTape."""
    t = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(t)
        y = f(t)
    return tape.gradient(y, t).numpy().item()
''',
    ),
    Alternative(
        style="tf_ops",
        cell="tape_gradients",
        what="tf.nn.relu, the @ operator, tf.square, a dict of sources",
        code=r'''
def tape_gradients(x, y, w1, w2):
    """Loss of the two-layer ReLU network and its gradients with respect to w1 and w2."""
    with tf.GradientTape() as tape:
        y_pred = tf.nn.relu(x @ w1) @ w2
        loss = tf.reduce_mean(tf.reduce_sum(tf.square(y_pred - y), axis=1))
    grads = tape.gradient(loss, {"w1": w1, "w2": w2})
    return loss.numpy().item(), grads["w1"], grads["w2"]
''',
    ),
    Alternative(
        style="tf_ops",
        cell="manual_train_step",
        what="a loop over (variable, gradient) pairs",
        code=r'''
def manual_train_step(x, y, w1, w2, learning_rate):
    """One gradient-descent step on the two-layer ReLU network; updates w1 and w2 in place."""
    variables = [w1, w2]
    with tf.GradientTape() as tape:
        out = tf.matmul(tf.maximum(tf.matmul(x, w1), 0.0), w2)
        loss = tf.reduce_mean(tf.reduce_sum(tf.math.squared_difference(out, y), axis=1))
    for variable, gradient in zip(variables, tape.gradient(loss, variables)):
        variable.assign_sub(learning_rate * gradient)
    return float(loss.numpy())
''',
    ),
    Alternative(
        style="tf_ops",
        cell="make_train_step",
        what="tf.function applied to a nested function after its definition, trainable_weights",
        code=r'''
def make_train_step(model, loss_fn, optimizer):
    """A tf.function train_step(x, y) that updates model with optimizer and returns the loss."""
    def step(x, y):
        with tf.GradientTape() as tape:
            predictions = model(x, training=True)
            loss = loss_fn(y, predictions)
        variables = model.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss
    return tf.function(step)
''',
    ),
    Alternative(
        style="tf_ops",
        cell="to_one_hot",
        what="comparison of a column of labels with a row of class indices",
        code=r'''
def to_one_hot(labels, num_classes):
    """One-hot encode integer class labels."""
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        bad = labels[(labels < 0) | (labels >= num_classes)][0]
        raise ValueError(f"bad label {bad}: classes are 0 to {num_classes - 1}")
    return (labels.reshape(-1, 1) == np.arange(num_classes).reshape(1, -1)).astype(np.float32)
''',
    ),
    Alternative(
        style="tf_ops",
        cell="build_mnist_model",
        what="model.add with keras.Input, optimizer and loss objects",
        code=r'''
def build_mnist_model(integer_labels=False):
    """The book's MNIST network, compiled."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(28 * 28,)))
    model.add(keras.layers.Dense(512, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    if integer_labels:
        loss = keras.losses.SparseCategoricalCrossentropy()
    else:
        loss = keras.losses.CategoricalCrossentropy()
    model.compile(optimizer=keras.optimizers.RMSprop(), loss=loss, metrics=["accuracy"])
    return model
''',
    ),
    Alternative(
        style="tf_ops",
        cell="count_updates",
        what="math.ceil of a true division",
        code=r'''
import math


def count_updates(n_samples, batch_size, epochs):
    """Batches per epoch and total updates of mini-batch training."""
    for name, value in (("n_samples", n_samples), ("batch_size", batch_size), ("epochs", epochs)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    per_epoch = math.ceil(n_samples / batch_size)
    return per_epoch, per_epoch * epochs
''',
    ),
    Alternative(
        style="tf_ops",
        cell="fit_and_evaluate",
        what="evaluate with return_dict=True",
        code=r'''
def fit_and_evaluate(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split):
    """Train with a validation split, then evaluate on the test data."""
    history = model.fit(x=x_train, y=y_train, batch_size=batch_size, epochs=epochs, verbose=0,
                        validation_split=validation_split, shuffle=True)
    scores = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
    return history, float(scores["loss"]), float(scores["accuracy"])
''',
    ),
    Alternative(
        style="tf_ops",
        cell="best_epoch",
        what="min over enumerate(…, start=1) with a key",
        code=r'''
def best_epoch(history):
    """The epoch (numbered from 1) with the lowest validation loss."""
    values = history.history.get("val_loss", [])
    if len(values) == 0:
        raise ValueError("no val_loss recorded")
    epoch, _ = min(enumerate(values, start=1), key=lambda pair: pair[1])
    return epoch
''',
    ),
    Alternative(
        style="tf_ops",
        cell="fit_with_early_stopping",
        what="tf.keras.callbacks.EarlyStopping with mode='min', keyword arguments",
        code=r'''
def fit_with_early_stopping(model, x_train, y_train, x_val, y_val, max_epochs, patience):
    """Train with early stopping on the validation loss, keeping the best epoch's weights."""
    callback = tf.keras.callbacks.EarlyStopping(monitor="val_loss", mode="min", patience=patience,
                                                restore_best_weights=True, verbose=0)
    return model.fit(x=x_train, y=y_train, validation_data=(x_val, y_val), epochs=max_epochs,
                     verbose=0, callbacks=[callback])
''',
    ),
    # ------------------------------------------------------------------ numpy_minded
    Alternative(
        style="numpy_minded",
        cell="tape_derivative",
        what="a float64 Variable, np.float64 result converted with float()",
        code=r'''
def tape_derivative(f, x):
    """The derivative of f at x, from one tf.GradientTape."""
    v = tf.Variable(np.float64(x))
    with tf.GradientTape() as tape:
        out = f(v)
    return float(np.asarray(tape.gradient(out, v)))
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="tape_gradients",
        what="persistent tape, one gradient call per variable, mean of row sums by hand",
        code=r'''
def tape_gradients(x, y, w1, w2):
    """Loss of the two-layer ReLU network and its gradients with respect to w1 and w2."""
    with tf.GradientTape(persistent=True) as tape:
        hidden = tf.nn.relu(tf.matmul(x, w1))
        errors = tf.matmul(hidden, w2) - y
        per_sample = tf.reduce_sum(errors * errors, axis=1)
        loss = tf.reduce_sum(per_sample) / tf.cast(tf.shape(x)[0], per_sample.dtype)
    grad_w1 = tape.gradient(loss, w1)
    grad_w2 = tape.gradient(loss, w2)
    del tape
    return float(loss.numpy()), grad_w1, grad_w2
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="manual_train_step",
        what="gradients to NumPy, assign_sub with NumPy arrays",
        code=r'''
def manual_train_step(x, y, w1, w2, learning_rate):
    """One gradient-descent step on the two-layer ReLU network; updates w1 and w2 in place."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2, axis=1))
    g1, g2 = [g.numpy() for g in tape.gradient(loss, [w1, w2])]
    w1.assign_sub(learning_rate * g1)
    w2.assign_sub(learning_rate * g2)
    return loss.numpy().item()
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="make_train_step",
        what="@tf.function(reduce_retracing=True), loss kept in a local before returning",
        code=r'''
def make_train_step(model, loss_fn, optimizer):
    """A tf.function train_step(x, y) that updates model with optimizer and returns the loss."""
    @tf.function(reduce_retracing=True)
    def train_step(x, y):
        with tf.GradientTape() as tape:
            current = loss_fn(y, model(x, training=True))
        grads = tape.gradient(current, model.trainable_variables)
        optimizer.apply_gradients(list(zip(grads, model.trainable_variables)))
        return current
    return train_step
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="to_one_hot",
        what="a Python loop over the labels writing into zeros",
        code=r'''
def to_one_hot(labels, num_classes):
    """One-hot encode integer class labels."""
    out = np.zeros((len(labels), num_classes), dtype="float32")
    for row, label in enumerate(labels):
        label = int(label)
        if label < 0 or label >= num_classes:
            raise ValueError(f"label {label} is not in range(0, {num_classes})")
        out[row, label] = 1.0
    return out
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="build_mnist_model",
        what="a dict picks the loss name; tf.keras spelling",
        code=r'''
def build_mnist_model(integer_labels=False):
    """The book's MNIST network, compiled."""
    losses = {False: "categorical_crossentropy", True: "sparse_categorical_crossentropy"}
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(784,)),
        tf.keras.layers.Dense(units=512, activation="relu"),
        tf.keras.layers.Dense(units=10, activation="softmax"),
    ])
    model.compile(loss=losses[bool(integer_labels)], optimizer="rmsprop", metrics=["accuracy"])
    return model
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="count_updates",
        what="divmod, adding one batch for a remainder",
        code=r'''
def count_updates(n_samples, batch_size, epochs):
    """Batches per epoch and total updates of mini-batch training."""
    if n_samples < 1 or batch_size < 1 or epochs < 1:
        raise ValueError("n_samples, batch_size and epochs must be at least 1")
    full, rest = divmod(n_samples, batch_size)
    batches = full + (1 if rest else 0)
    return int(batches), int(batches * epochs)
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="fit_and_evaluate",
        what="evaluate's list of [loss, accuracy] indexed",
        code=r'''
def fit_and_evaluate(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split):
    """Train with a validation split, then evaluate on the test data."""
    hist = model.fit(x_train, y_train, batch_size, epochs, verbose=0, validation_split=validation_split)
    results = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)
    return hist, float(results[0]), float(results[1])
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="best_epoch",
        what="a loop keeping the first strictly smaller value",
        code=r'''
def best_epoch(history):
    """The epoch (numbered from 1) with the lowest validation loss."""
    if "val_loss" not in history.history or not history.history["val_loss"]:
        raise ValueError("history.history has no 'val_loss'")
    best, best_value = 1, history.history["val_loss"][0]
    for number, value in enumerate(history.history["val_loss"], start=1):
        if value < best_value:
            best, best_value = number, value
    return best
''',
    ),
    Alternative(
        style="numpy_minded",
        cell="fit_with_early_stopping",
        what="positional monitor argument, explicit batch size",
        code=r'''
def fit_with_early_stopping(model, x_train, y_train, x_val, y_val, max_epochs, patience):
    """Train with early stopping on the validation loss, keeping the best epoch's weights."""
    early = keras.callbacks.EarlyStopping("val_loss", patience=patience, restore_best_weights=True)
    history = model.fit(x_train, y_train, batch_size=16, epochs=max_epochs, verbose=0,
                        validation_data=(x_val, y_val), callbacks=[early])
    return history
''',
    ),
    # ------------------------------------------------------------------ keras_objects
    Alternative(
        style="keras_objects",
        cell="tape_derivative",
        what="tf.convert_to_tensor of float(x), gradient list",
        code=r'''
def tape_derivative(f, x):
    """The derivative of f at x, from one tf.GradientTape."""
    point = tf.convert_to_tensor(float(x))
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(point)
        value = f(point)
    (slope,) = tape.gradient(value, [point])
    return float(slope)
''',
    ),
    Alternative(
        style="keras_objects",
        cell="tape_gradients",
        what="keras.ops for the forward pass",
        code=r'''
def tape_gradients(x, y, w1, w2):
    """Loss of the two-layer ReLU network and its gradients with respect to w1 and w2."""
    with tf.GradientTape() as tape:
        hidden = keras.ops.relu(keras.ops.matmul(x, w1))
        diff = keras.ops.matmul(hidden, w2) - y
        loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
    gradients = tape.gradient(loss, [w1, w2])
    return float(loss), gradients[0], gradients[1]
''',
    ),
    Alternative(
        style="keras_objects",
        cell="manual_train_step",
        what="the lecture notes' tf.maximum and diff**2, assign_sub per variable",
        code=r'''
def manual_train_step(x, y, w1, w2, learning_rate):
    """One gradient-descent step on the two-layer ReLU network; updates w1 and w2 in place."""
    with tf.GradientTape() as tape:
        h = tf.maximum(tf.matmul(x, w1), 0)
        y_pred = tf.matmul(h, w2)
        diff = y_pred - y
        loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
    gradients = tape.gradient(loss, [w1, w2])
    loss_value = float(loss)
    w1.assign_sub(gradients[0] * learning_rate)
    w2.assign_sub(gradients[1] * learning_rate)
    return loss_value
''',
    ),
    Alternative(
        style="keras_objects",
        cell="make_train_step",
        what="@tf.function on a closure that names the outputs y_pred first",
        code=r'''
def make_train_step(model, loss_fn, optimizer):
    """A tf.function train_step(x, y) that updates model with optimizer and returns the loss."""
    weights = model.trainable_variables

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            y_pred = model(x, training=True)
            loss_value = loss_fn(y, y_pred)
        optimizer.apply_gradients(zip(tape.gradient(loss_value, weights), weights))
        return loss_value

    return train_step
''',
    ),
    Alternative(
        style="keras_objects",
        cell="to_one_hot",
        what="np.eye(…, dtype=float32) rows picked by the labels, after a range check",
        code=r'''
def to_one_hot(labels, num_classes):
    """One-hot encode integer class labels."""
    too_small, too_large = labels < 0, labels >= num_classes
    if np.any(too_small | too_large):
        raise ValueError(f"label {labels[too_small | too_large][0]} does not name one of {num_classes} classes")
    return np.eye(num_classes, dtype=np.float32)[labels.astype(np.intp)]
''',
    ),
    Alternative(
        style="keras_objects",
        cell="build_mnist_model",
        what="the book's spelling: input_shape= on the first Dense, tf.nn activations, RMSprop object",
        code=r'''
def build_mnist_model(integer_labels=False):
    """The book's MNIST network, compiled."""
    network = keras.models.Sequential()
    network.add(keras.layers.Dense(512, activation=tf.nn.relu, input_shape=(28 * 28,)))
    network.add(keras.layers.Dense(10, activation=tf.nn.softmax))
    network.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
                    loss="sparse_categorical_crossentropy" if integer_labels else "categorical_crossentropy",
                    metrics=["accuracy"])
    return network
''',
    ),
    Alternative(
        style="keras_objects",
        cell="count_updates",
        what="ceiling by negated floor division",
        code=r'''
def count_updates(n_samples, batch_size, epochs):
    """Batches per epoch and total updates of mini-batch training."""
    if not (n_samples >= 1 and batch_size >= 1 and epochs >= 1):
        raise ValueError(f"need n_samples, batch_size, epochs at least 1, got {(n_samples, batch_size, epochs)}")
    batches = -(-n_samples // batch_size)
    return batches, epochs * batches
''',
    ),
    Alternative(
        style="keras_objects",
        cell="fit_and_evaluate",
        what="a dict of fit arguments, unpacked evaluate",
        code=r'''
def fit_and_evaluate(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split):
    """Train with a validation split, then evaluate on the test data."""
    settings = dict(epochs=epochs, batch_size=batch_size, validation_split=validation_split, verbose=0)
    history = model.fit(x_train, y_train, **settings)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    return (history, float(loss), float(accuracy))
''',
    ),
    Alternative(
        style="keras_objects",
        cell="best_epoch",
        what="list.index of the minimum",
        code=r'''
def best_epoch(history):
    """The epoch (numbered from 1) with the lowest validation loss."""
    try:
        losses = list(history.history["val_loss"])
    except KeyError:
        raise ValueError("cannot find val_loss: was the model trained with validation data?") from None
    if not losses:
        raise ValueError("val_loss is empty")
    return losses.index(min(losses)) + 1
''',
    ),
    Alternative(
        style="keras_objects",
        cell="fit_with_early_stopping",
        what="callback built inline in the fit call",
        code=r'''
def fit_with_early_stopping(model, x_train, y_train, x_val, y_val, max_epochs, patience):
    """Train with early stopping on the validation loss, keeping the best epoch's weights."""
    return model.fit(
        x_train, y_train,
        epochs=max_epochs,
        validation_data=(x_val, y_val),
        verbose=0,
        callbacks=[keras.callbacks.EarlyStopping(patience=patience, monitor="val_loss", restore_best_weights=True)],
    )
''',
    ),
]
