"""The quantitative claims each chapter's text makes hold at full size, not only in fast mode.

Each solution notebook runs once with COURSE_FAST_MODE=0 (as a student runs it). A claim names
the code cell that prints the evidence (by a snippet of its source) and a regular expression
its printed output must match; the claims restate what the prose next to that cell says.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import nbformat
import pytest
from autograder.awake import awake_notebook_client

from conftest import CHAPTERS, REPO, require_mnist_for

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Claim:
    what: str
    cell: str      # a snippet of the source of the cell that prints the evidence
    output: str    # a regular expression its output must match


CLAIMS: dict[str, list[Claim]] = {
    "01_linear_algebra": [
        Claim("MNIST's test split is a rank-3 uint8 tensor of shape (10000, 28, 28)", "print(\"shape:\", digits.shape)",
              r"ndim:\s+3\s+shape: \(10000, 28, 28\)\s+dtype: uint8"),
        Claim("the vector dot product is commutative", "x·y =", r"x·y = 12\.0\s+y·x = 12\.0"),
        Claim("the matrix product is not", "A @ B equal to B @ A?", r"equal to B @ A\? False"),
        Claim("the image of the unit square has area |det A|", "polygon_area(square",
              r"shear\s*: area of image 1\.000, \|det\| 1\.000[\s\S]*singular\s*: area of image 0\.000"),
        Claim("AᵀA of a (3, 5) matrix has two zero eigenvalues and matrix rank 3", "eigvalsh(gram)",
              r"A \(3, 5\).*zero up to rounding: 2, matrix rank 3"),
        Claim("the loops are much slower than NumPy", "timeit.repeat", r"NumPy is \d{2,}x faster"),
        Claim("the loops give NumPy's result", "timeit.repeat", r"same result: True"),
        Claim("a scalar, a vector and a matrix are tensors of rank 0, 1 and 2", "for name, t in [(\"scalar\"",
              r"scalar: ndim=0  shape=\(\)[\s\S]*vector: ndim=1  shape=\(4,\)[\s\S]*matrix: ndim=2  shape=\(3, 3\)"),
        Claim("AᵀA is symmetric; of full matrix rank (definite) for (5, 3) and (4, 4) shapes", "eigvalsh(gram)",
              r"A \(5, 3\).*symmetric: True, smallest eigenvalue \+[1-9][^\n]*zero up to rounding: 0, matrix rank 3"
              r"[\s\S]*A \(4, 4\).*symmetric: True, smallest eigenvalue \+[1-9][^\n]*zero up to rounding: 0, "
              r"matrix rank 4"),
        Claim("eigen-decomposition and SVD both rebuild A", "np.linalg.svd(rect",
              r"eigen: V Λ Vᵀ == A\? True[\s\S]*SVD: U Σ Vᵀ == A\? True"),
        Claim("(AB)C costs far fewer multiplications than A(BC) for (10, 1000), (1000, 10), (10, 1000)",
              "matmul_cost(10, 1000, 10)", r"\(AB\)C: 200,000 multiplications; A\(BC\): 20,000,000 \(100x more\)"),
    ],
    "02_probability": [
        Claim("after a white ball, bottle 2 has posterior probability 0.6", "print(\"P(bottle | white):\"",
              r"P\(bottle \| white\): \[0\.4 0\.6\]"),
        Claim("simulation agrees with Bayes' rule", "from bottle 2:", r"from bottle 2: 0\.(59\d|60\d) \(Bayes: 0\.600\)"),
        Claim("the 1/n variance averages 4·4/5 = 3.2, the 1/(n-1) one 4", "ddof=0).mean()",
              r"1/n variance:\s+3\.(19|20|21)\d[\s\S]*1/\(n-1\) variance:\s+(3\.9[89]|4\.0[0-2])\d"),
        Claim("petal length has by far the largest variance (3.10 cm²); sepal width covaries negatively",
              "cov_iris[1, [0, 2, 3]]",
              r"sepal length : .*variance 0\.68 cm²\nsepal width  : .*variance 0\.19 cm²\n"
              r"petal length : .*variance 3\.10 cm²\npetal width  : .*variance 0\.58 cm²\n"
              r".*petal width: -0\.04, -0\.33, -0\.12 cm²"),
        Claim("at the same variance the Laplace has more mass near the centre and in the tails", "special.erfc(k",
              r"near the centre:\s+0\.3829\s+0\.5069\n.*3σ.*2\.70e-03\s+1\.44e-02\s+\(5\.3 times"
              r"[\s\S]*5σ.*5\.73e-07\s+8\.49e-04\s+\(1,48\d\.\d times"),
        Claim("narrowing Gaussians keep area 1 while the peak grows (Dirac limit)", "peak height",
              r"σ = 1\.0  : peak height\s+0\.40, area 1\.0000[\s\S]*σ = 0\.05 : peak height\s+7\.98, area 1\.0000"),
        Claim("the naive softplus overflows to inf at 1000 and warns", "naive_softplus =",
              r"naive softplus at -1000, 0, 1000: \[0\.\s+0\.6931\s+inf\][\s\S]*overflow encountered in exp"),
        Claim("ζ'(x) = σ(x) numerically", "slope = ", r"max \|ζ'\(x\) - σ\(x\)\| on the grid: \d\.\d+e-(09|1\d)"),
        Claim("a coin toss carries 1 bit, a die face 2.58 bits", "die_face = ",
              r"I = -log2\(1/2\) = 1 bit\n.*I = -log2\(1/6\) = 2\.58 bits"),
        Claim("H(yut) = 1.99 bits < H(die) = log2 6 = 2.585 bits; fair sticks give 2.03 bits", "yut = binomial_pmf(4, 0.6)",
              r"gae   P = 0\.3456\ngeol  P = 0\.3456[\s\S]*entropy of yut: 1\.992 bits; entropy of a die: 2\.585 bits"
              r"[\s\S]*more uncertain than yut: True\nwith fair sticks .* 2\.031 bits"),
        Claim("a Huffman code for yut needs 2.12 questions (H = 1.99), 2.00 per throw for pairs; "
              "the die 2.67 and 2.61 (H = 2.585); never below H", "def huffman_lengths",
              r"'gae': 1[\s\S]*yut, .* 1 throw.*: 2\.118 questions .*H = 1\.992[\s\S]*yut, .* 2 throw.*: 2\.004"
              r"[\s\S]*die, .* 1 throw.*: 2\.667 questions .*H = 2\.585[\s\S]*die, .* 2 throw.*: 2\.611"),
        Claim("H(P, Q) = H(P) + KL(P‖Q)", "h_pq = ",
              r"H\(P, Q\) = (\d\.\d{6}) bits;  H\(P\) \+ KL\(P‖Q\) = \d\.\d{6} \+ \d\.\d{6} = \1\n"
              r"with your functions: .*equal: True"),
        Claim("cross-entropy with a one-hot label is -ln Q(true class)", "predictions = {",
              r"confident, right: .* 0\.105 nats[\s\S]*unsure .* 0\.916 nats[\s\S]*confident, wrong: .* 2\.996 nats"),
    ],
    "03_gradient_descent": [
        Claim("the forward difference is a few times 1e-9 at best, near h = 1e-8; central is far better",
              "best forward step", r"best forward step: h = [1-9]e-09 \(error [1-9]\.\de-09\)\s+"
              r"best central step: h = \de-06 \(error \d\.\de-1[3-9]\)"),
        Claim("the gradient check's relative error is around 1e-10 or below; a wrong gradient's is far larger",
              "relative error", r"relative error \d\.\d\de-1[0-3]\n.*jumps to \d\.\d\de-01"),
        Claim("the least-squares loss is about 0.080", "best possible loss", r"least-squares fit\): 0\.080\d"),
        Claim("batch GD: 11.5 after epoch 1, within 5 % only from epoch 39, final 0.0829", "best possible loss",
              r"batch \(batch_size = 200\)\s+after epoch 1: 11\.5\d* \| within 5 % from epoch 39 \|"
              r" last 20 epochs: [\d.]+ to [\d.]+ \| final 0\.0829"),
        Claim("mini-batch: within 5 % from epoch 4, then 0.0800 to 0.0808, final 0.0803", "best possible loss",
              r"mini-batch \(batch_size = 16\)\s+after epoch 1:\s+0\.9\d* \| within 5 % from epoch 4 \|"
              r" last 20 epochs: 0\.0800 to 0\.0808 \| final 0\.0803"),
        Claim("SGD: 0.100 after epoch 1, jumping between 0.081 and 0.115, final 0.0855", "best possible loss",
              r"stochastic \(batch_size = 1\)\s+after epoch 1:\s+0\.100\d \| within 5 % from epoch \d+ \|"
              r" last 20 epochs: 0\.081\d to 0\.11[45]\d \| final 0\.0855"),
        Claim("the straight line: gradient descent and least squares both give a = 0.251, b = 0.748",
              "np.polyfit(x_line", r"gradient descent: a = 0\.251, b = 0\.748\s+least squares:\s+a = 0\.251, b = 0\.748"),
        Claim("the quadratic lab recovers a = 0.250, b = 0.746 at the noise level 0.01", "quad_losses[-1]",
              r"fitted: a = 0\.250, b = 0\.746 .*final loss 0\.01\d\d"),
        Claim("the book's loop is Nesterov, not classical momentum", "book loop vs Nesterov",
              r"look-ahead points\): max difference \d\.\de-1[5-7]\s+.*Exercise 7 form\):\s+max difference "
              r"(0\.0e\+00|\d\.\de-1[5-7])\s+.*classical momentum:\s+max difference 0\.[1-9]"),
        Claim("on the valley y changes sign 21 times with momentum, once with Nesterov, which ends closer",
              "book loop vs Nesterov", r"classical momentum: sign changes of y in 60 steps: 21, f at the end: 2\.\de-05"
              r"\s+Nesterov\s+: sign changes of y in 60 steps:  1, f at the end: 1\.\de-07"),
        Claim("valley: SGD zig-zags at every step, first step 0.405, 1.8", "path_steps = 60",
              r"SGD +lr=0\.09 +first step \|Δx\|, \|Δy\| = 0\.405, 1\.8000 \| sign changes of y: 60 \| "
              r"f - f_min = 1\.2e-04"),
        Claim("valley: first steps lr (Adagrad, Adam), 3.16·lr (RMSProp), 0.316 (Adadelta)", "path_steps = 60",
              r"Adagrad +lr=1 +first step \|Δx\|, \|Δy\| = 1\.000, 1\.0000[\s\S]*"
              r"RMSProp +lr=0\.15 +first step \|Δx\|, \|Δy\| = 0\.474, 0\.4743[\s\S]*"
              r"Adadelta +lr=1, rho=0\.9, eps=0\.01 +first step \|Δx\|, \|Δy\| = 0\.31\d, 0\.316\d[\s\S]*"
              r"Adam +lr=0\.3 +first step \|Δx\|, \|Δy\| = 0\.300, 0\.3000"),
        Claim("valley: Adam ends farthest from the minimum (0.011), the others at most 1.3e-4", "path_steps = 60",
              r"(?s)ill-conditioned.*?SGD [^\n]*f - f_min = 1\.2e-04.*?Momentum [^\n]*f - f_min = \d\.\de-0[5-9]"
              r".*?Nesterov [^\n]*f - f_min = \d\.\de-0[5-9].*?Adagrad [^\n]*f - f_min = \d\.\de-(0[5-9]|1\d)"
              r".*?RMSProp [^\n]*f - f_min = \d\.\de-0[5-9].*?Adadelta [^\n]*f - f_min = \d\.\de-(0[5-9]|1\d)"
              r".*?Adam [^\n]*f - f_min = 1\.1e-02"),
        Claim("saddle: SGD leaves the ridge at step 47, momentum 29, Nesterov 26, Adagrad 1, RMSProp 2, Adadelta 6, "
              "Adam 2; momentum methods end closer than SGD", "path_steps = 60",
              r"(?s)saddle point.*?SGD [^\n]*\|Δy\| = [\d.]+, 0\.0009 \| \|y\| > 0\.5 from step 47 \| f - f_min = "
              r"1\.1e-02.*?Momentum [^\n]*from step 29 \| f - f_min = 1\.3e-04.*?Nesterov [^\n]*from step 26 \| "
              r"f - f_min = 2\.3e-06.*?Adagrad [^\n]*from step 1 \|.*?RMSProp [^\n]*from step 2 \|"
              r".*?Adadelta [^\n]*\|Δy\| = [\d.]+, 0\.0100 \| \|y\| > 0\.5 from step 6 \|.*?Adam [^\n]*from step 2 \|"),
        Claim("Adadelta with its defaults: first step 0.0045, only from f = 20.1 to 14.4 in 60 steps",
              "path_steps = 60", r"Adadelta with its defaults .*first step \|Δx\| = 0\.0045; .*f = 14\.4 "
                                 r"\(it started at 20\.1\)"),
    ],
}


def _stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c in CLAIMS])
def test_the_texts_claims_hold_in_full_mode(chapter, monkeypatch):
    require_mnist_for(chapter)
    (path,) = (REPO / "solutions" / chapter).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("COURSE_FAST_MODE", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    awake_notebook_client()(nb, timeout=1200, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = {i: [o.evalue for o in c.outputs if o.output_type == "error"]
              for i, c in enumerate(nb.cells) if c.cell_type == "code" and
              any(o.output_type == "error" for o in c.get("outputs", []))}
    assert not errors, f"cells failed in full mode: {errors}"
    wrong = []
    for claim in CLAIMS[chapter]:
        cells = [c for c in nb.cells if c.cell_type == "code" and claim.cell in c.source]
        assert len(cells) == 1, f"{claim.what}: {len(cells)} cells contain {claim.cell!r}"
        if not re.search(claim.output, _stdout(cells[0])):
            wrong.append(f"{claim.what}: printed {_stdout(cells[0])[-400:]!r}")
    assert not wrong, "\n".join(wrong)
    assert os.environ.get("COURSE_FAST_MODE") == "0"
