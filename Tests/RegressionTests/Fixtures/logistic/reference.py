"""Reference values for Tests/RegressionTests/LogisticRegressionTests.swift.

Run: .venv/bin/python Tests/RegressionTests/Fixtures/logistic/reference.py
(numpy, scipy and statsmodels 0.15 in the project's virtual environment). Prints the data set
(written to data.csv) and the estimates the Swift tests compare against:
  1. maximum likelihood: statsmodels Logit (Newton), the same as R's glm(family = binomial);
  2. a Gaussian prior per coefficient (posterior mode): scipy.optimize.minimize (BFGS) on
     −ℓ(β) + ½ Σ (βⱼ − μⱼ)²/sⱼ², an independent optimiser on the same objective.
"""
import csv, os
import numpy as np
import statsmodels.api as sm
from scipy.optimize import minimize

rng = np.random.default_rng(20261130)
n = 40
p_model = rng.uniform(0.02, 0.98, n)
x1 = np.log(p_model / (1 - p_model))
binding = (rng.uniform(size=n) < 0.4).astype(float)
trend = (rng.uniform(size=n) < 0.6).astype(float)
eta = 0.3 + 0.6 * x1 + 1.5 * binding + 0.8 * trend
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
X = np.column_stack([np.ones(n), x1, binding, trend])

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "data.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["x1", "binding", "trend", "y"])
    for r in range(n):
        w.writerow([repr(float(x1[r])), int(binding[r]), int(trend[r]), int(y[r])])

ml = sm.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
print("ml", ",".join(repr(float(v)) for v in ml.params), "llf", repr(float(ml.llf)))

mu = np.array([0.0, 1.0, 0.0, 0.0])
sd = np.array([1.5, 1.0, 1.0, 1.0])
def f(b):
    z = X @ b
    return -(y @ z - np.logaddexp(0, z).sum()) + 0.5 * (((b - mu) / sd) ** 2).sum()
def g(b):
    pr = 1 / (1 + np.exp(-(X @ b)))
    return -(X.T @ (y - pr)) + (b - mu) / sd**2
res = minimize(f, mu.copy(), jac=g, method="BFGS", options={"gtol": 1e-12})
print("map", ",".join(repr(float(v)) for v in res.x))

# Separated data with priors on every coefficient: finite estimates.
xs = np.array([-2, -1, 1, 2.0]); ys = np.array([0, 0, 1, 1.0])
Xs = np.column_stack([np.ones(4), xs])
mu2 = np.zeros(2); sd2 = np.array([2.5, 2.5])
f2 = lambda b: -(ys @ (Xs @ b) - np.logaddexp(0, Xs @ b).sum()) + 0.5 * (((b - mu2) / sd2) ** 2).sum()
res2 = minimize(f2, np.zeros(2), method="BFGS", options={"gtol": 1e-12})
print("separated", ",".join(repr(float(v)) for v in res2.x))

# A prior far from six observations: Newton's first step from the prior means overshoots, and
# the second moves back towards the prior, lowering the penalty more than it raises ℓ (the
# step-halving test must weigh the penalty as a cost).
xf = np.array([2, -3, 2, 0, 0, 1.0]); yf = np.array([1, 1, 1, 1, 1, 0.0])
Xf = np.column_stack([np.ones(6), xf])
mu3 = np.array([-1.0, -2.0]); sd3 = np.array([1.0, 1.0])
f3 = lambda b: -(yf @ (Xf @ b) - np.logaddexp(0, Xf @ b).sum()) + 0.5 * (((b - mu3) / sd3) ** 2).sum()
res3 = minimize(f3, np.zeros(2), method="BFGS", options={"gtol": 1e-12})
print("far prior", ",".join(repr(float(v)) for v in res3.x))
