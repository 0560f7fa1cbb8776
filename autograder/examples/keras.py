"""Typical mistakes in chapter 6 (TensorFlow / Keras); each must lose exactly its exercise's points."""

from autograder.examples import Mistake

MISTAKES = [
    Mistake(
        name="derivative_unwatched_constant",
        what="differentiates with respect to a constant the tape never watched (the gradient is None)",
        cell="tape_derivative",
        breaks=("tape_derivative_tests",),
        code='''
def tape_derivative(f, x):
    point = tf.constant(float(x))
    with tf.GradientTape() as tape:
        value = f(point)
    gradient = tape.gradient(value, point)
    return float(gradient) if gradient is not None else 0.0
''',
    ),
    Mistake(
        name="derivative_finite_difference",
        what="estimates the derivative by a central difference instead of the tape (calls f twice)",
        cell="tape_derivative",
        breaks=("tape_derivative_tests",),
        code='''
def tape_derivative(f, x):
    h = 1e-3
    return float((f(tf.constant(x + h)) - f(tf.constant(x - h))) / (2 * h))
''',
    ),
    Mistake(
        name="gradients_summed_loss",
        what="sums the squared errors over the samples too, instead of averaging over them",
        cell="tape_gradients",
        breaks=("tape_gradients_tests",),
        code='''
def tape_gradients(x, y, w1, w2):
    with tf.GradientTape() as tape:
        y_pred = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)
        loss = tf.reduce_sum((y_pred - y) ** 2)
    grad_w1, grad_w2 = tape.gradient(loss, [w1, w2])
    return float(loss), grad_w1, grad_w2
''',
    ),
    Mistake(
        name="gradients_forward_outside_tape",
        what="runs the hidden layer before opening the tape, so the gradient of w1 is None",
        cell="tape_gradients",
        breaks=("tape_gradients_tests",),
        code='''
def tape_gradients(x, y, w1, w2):
    hidden = tf.nn.relu(tf.matmul(x, w1))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.matmul(hidden, w2) - y) ** 2, axis=1))
    grad_w1, grad_w2 = tape.gradient(loss, [w1, w2])
    return float(loss), grad_w1, grad_w2
''',
    ),
    Mistake(
        name="step_forgets_second_gradient",
        what="asks the tape for the gradient of w1 only, so w2 is never updated",
        cell="manual_train_step",
        breaks=("manual_train_step_tests",),
        code='''
def manual_train_step(x, y, w1, w2, learning_rate):
    with tf.GradientTape() as tape:
        y_pred = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)
        loss = tf.reduce_mean(tf.reduce_sum((y_pred - y) ** 2, axis=1))
    grad_w1 = tape.gradient(loss, w1)
    w1.assign_sub(learning_rate * grad_w1)
    return float(loss)
''',
    ),
    Mistake(
        name="step_adds_gradient",
        what="updates with += the gradient (assign_add): a step uphill",
        cell="manual_train_step",
        breaks=("manual_train_step_tests",),
        code='''
def manual_train_step(x, y, w1, w2, learning_rate):
    with tf.GradientTape() as tape:
        y_pred = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)
        loss = tf.reduce_mean(tf.reduce_sum((y_pred - y) ** 2, axis=1))
    grad_w1, grad_w2 = tape.gradient(loss, [w1, w2])
    w1.assign_add(learning_rate * grad_w1)
    w2.assign_add(learning_rate * grad_w2)
    return float(loss)
''',
    ),
    Mistake(
        name="step_rebinds_names",
        what="writes w1 = w1 - lr * grad, which makes new tensors and leaves the variables unchanged",
        cell="manual_train_step",
        breaks=("manual_train_step_tests",),
        code='''
def manual_train_step(x, y, w1, w2, learning_rate):
    with tf.GradientTape() as tape:
        y_pred = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)
        loss = tf.reduce_mean(tf.reduce_sum((y_pred - y) ** 2, axis=1))
    grad_w1, grad_w2 = tape.gradient(loss, [w1, w2])
    w1 = w1 - learning_rate * grad_w1
    w2 = w2 - learning_rate * grad_w2
    return float(loss)
''',
    ),
    Mistake(
        name="train_step_not_compiled",
        what="returns the plain Python function, without @tf.function",
        cell="make_train_step",
        breaks=("make_train_step_tests",),
        code='''
def make_train_step(model, loss_fn, optimizer):
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss
    return train_step
''',
    ),
    Mistake(
        name="train_step_loss_after_update",
        what="returns the loss recomputed after the update instead of the one the gradients came from",
        cell="make_train_step",
        breaks=("make_train_step_tests",),
        code='''
def make_train_step(model, loss_fn, optimizer):
    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss_fn(y, model(x, training=False))
    return train_step
''',
    ),
    Mistake(
        name="train_step_loss_arguments_swapped",
        what="loss_fn(model(x, training=True), y): prediction and targets swapped (invisible with the symmetric MSE)",
        cell="make_train_step",
        breaks=("make_train_step_tests",),
        code='''
def make_train_step(model, loss_fn, optimizer):
    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(model(x, training=True), y)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss
    return train_step
''',
    ),
    Mistake(
        name="train_step_inference_mode",
        what="loss_fn(y, model(x)): the model runs in inference mode (training=True left out)",
        cell="make_train_step",
        breaks=("make_train_step_tests",),
        code='''
def make_train_step(model, loss_fn, optimizer):
    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss
    return train_step
''',
    ),
    Mistake(
        name="one_hot_float64",
        what="np.eye(num_classes)[labels]: right values, but float64",
        cell="to_one_hot",
        breaks=("to_one_hot_tests",),
        code='''
def to_one_hot(labels, num_classes):
    if np.any(labels < 0) or np.any(labels >= num_classes):
        raise ValueError(f"labels must lie in 0 ... {num_classes - 1}, got {labels.min()} ... {labels.max()}")
    return np.eye(num_classes)[labels]
''',
    ),
    Mistake(
        name="one_hot_wrong_axis",
        what="one column per sample: shape (num_classes, n) instead of (n, num_classes)",
        cell="to_one_hot",
        breaks=("to_one_hot_tests",),
        code='''
def to_one_hot(labels, num_classes):
    for label in labels:
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} is not a class of {num_classes}")
    return np.eye(num_classes, dtype=np.float32)[:, labels]
''',
    ),
    Mistake(
        name="one_hot_to_categorical",
        what="calls keras.utils.to_categorical",
        cell="to_one_hot",
        breaks=("to_one_hot_tests",),
        code='''
def to_one_hot(labels, num_classes):
    for label in labels:
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} is not a class of {num_classes}")
    return keras.utils.to_categorical(labels, num_classes).astype(np.float32)
''',
    ),
    Mistake(
        name="softmax_with_from_logits",
        what="softmax output layer and a loss with from_logits=True (softmax applied twice)",
        cell="build_mnist_model",
        breaks=("build_mnist_model_tests",),
        code='''
def build_mnist_model(integer_labels=False):
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    if integer_labels:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    else:
        loss = keras.losses.CategoricalCrossentropy(from_logits=True)
    model.compile(optimizer="rmsprop", loss=loss, metrics=["accuracy"])
    return model
''',
    ),
    Mistake(
        name="categorical_loss_for_integer_labels",
        what="always compiles with categorical_crossentropy, also for integer labels",
        cell="build_mnist_model",
        breaks=("build_mnist_model_tests",),
        code='''
def build_mnist_model(integer_labels=False):
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
    ),
    Mistake(
        name="mnist_model_relu_output",
        what="forgets the softmax: Dense(10) with ReLU like the hidden layer",
        cell="build_mnist_model",
        breaks=("build_mnist_model_tests",),
        code='''
def build_mnist_model(integer_labels=False):
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="relu"),
    ])
    loss = "sparse_categorical_crossentropy" if integer_labels else "categorical_crossentropy"
    model.compile(optimizer="rmsprop", loss=loss, metrics=["accuracy"])
    return model
''',
    ),
    Mistake(
        name="partial_batch_not_counted",
        what="n_samples // batch_size: the last, partial batch is not counted",
        cell="count_updates",
        breaks=("count_updates_tests",),
        code='''
def count_updates(n_samples, batch_size, epochs):
    if min(n_samples, batch_size, epochs) < 1:
        raise ValueError("all arguments must be at least 1")
    batches = n_samples // batch_size
    return batches, batches * epochs
''',
    ),
    Mistake(
        name="always_one_extra_batch",
        what="n_samples // batch_size + 1: one batch too many when batch_size divides n_samples",
        cell="count_updates",
        breaks=("count_updates_tests",),
        code='''
def count_updates(n_samples, batch_size, epochs):
    if min(n_samples, batch_size, epochs) < 1:
        raise ValueError("all arguments must be at least 1")
    batches = n_samples // batch_size + 1
    return batches, batches * epochs
''',
    ),
    Mistake(
        name="validates_on_test_data",
        what="validates on the test data instead of holding out part of the training data",
        cell="fit_and_evaluate",
        breaks=("fit_and_evaluate_tests",),
        code='''
def fit_and_evaluate(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split):
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size,
                        validation_data=(x_test, y_test), verbose=0)
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    return history, float(test_loss), float(test_accuracy)
''',
    ),
    Mistake(
        name="fit_split_by_hand_rounded_down",
        what="holds out int(n * validation_split) samples by hand with validation_data=, one fewer than Keras's "
             "validation_split (11 of 37 at 0.3, not 12)",
        cell="fit_and_evaluate",
        breaks=("fit_and_evaluate_tests",),
        code='''
def fit_and_evaluate(model, x_train, y_train, x_test, y_test, epochs, batch_size, validation_split):
    n_fit = len(x_train) - int(len(x_train) * validation_split)
    history = model.fit(x_train[:n_fit], y_train[:n_fit], epochs=epochs, batch_size=batch_size,
                        validation_data=(x_train[n_fit:], y_train[n_fit:]), verbose=0)
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    return history, float(test_loss), float(test_accuracy)
''',
    ),
    Mistake(
        name="best_epoch_off_by_one",
        what="returns the 0-based index of the lowest val_loss",
        cell="best_epoch",
        breaks=("best_epoch_tests",),
        code='''
def best_epoch(history):
    if "val_loss" not in history.history:
        raise ValueError("no val_loss in the history")
    return int(np.argmin(history.history["val_loss"]))
''',
    ),
    Mistake(
        name="best_epoch_training_loss",
        what="looks for the lowest training loss instead of the validation loss",
        cell="best_epoch",
        breaks=("best_epoch_tests",),
        code='''
def best_epoch(history):
    if "val_loss" not in history.history:
        raise ValueError("no val_loss in the history")
    return int(np.argmin(history.history["loss"])) + 1
''',
    ),
    Mistake(
        name="early_stopping_keeps_last_weights",
        what="EarlyStopping without restore_best_weights: the model keeps the last epoch's weights",
        cell="fit_with_early_stopping",
        breaks=("fit_with_early_stopping_tests",),
        code='''
def fit_with_early_stopping(model, x_train, y_train, x_val, y_val, max_epochs, patience):
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience)
    return model.fit(x_train, y_train, epochs=max_epochs, validation_data=(x_val, y_val),
                     callbacks=[stop], verbose=0)
''',
    ),
    Mistake(
        name="early_stopping_on_training_loss",
        what="monitors the training loss, which keeps falling, so training never stops early",
        cell="fit_with_early_stopping",
        breaks=("fit_with_early_stopping_tests",),
        code='''
def fit_with_early_stopping(model, x_train, y_train, x_val, y_val, max_epochs, patience):
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=patience, restore_best_weights=True)
    return model.fit(x_train, y_train, epochs=max_epochs, validation_data=(x_val, y_val),
                     callbacks=[stop], verbose=0)
''',
    ),
]
