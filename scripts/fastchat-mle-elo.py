"""FastChat's Bradley-Terry method (compute_mle_elo of lm-sys/FastChat's elo_analysis.py, the
Chatbot Arena notebook's method), re-implemented from its description for npm run bench:ratings.

The method: count the votes of every ordered model pair; a win counts twice and a tie (either
kind) once for each side, so a tie is half a win. Each pair of models gives two rows of a design
matrix, +ln(10) at model a and -ln(10) at model b: one labelled 1 with weight "a beat b", one
labelled 0 with weight "b beat a". An unpenalised logistic regression without intercept (sklearn,
tol 1e-6) on those rows with those sample weights gives each model's strength; the rating is
400 x strength + 1000. Bootstrap: resample the votes with replacement and refit, per round.

usage: python3 fastchat-mle-elo.py VOTES.jsonl ROUNDS
prints one JSON object: read_s, fit_s, round_s (mean seconds per bootstrap round), models, ratings.
"""

import json
import math
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

BASE, SCALE, INIT_RATING = 10, 400, 1000


def read_votes(path):
    """Model indices of each side and the winner code (2: a wins, 0: b wins, 1: tie) of blind votes."""
    index, side_a, side_b, outcome = {}, [], [], []
    code = {"model_a": 2, "model_b": 0, "tie": 1, "tie (bothbad)": 1}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row.get("anony", True) is False:
                continue
            side_a.append(index.setdefault(row["model_a"], len(index)))
            side_b.append(index.setdefault(row["model_b"], len(index)))
            outcome.append(code[row["winner"]])
    models = sorted(index, key=index.get)
    return models, np.array(side_a), np.array(side_b), np.array(outcome)


def fit_ratings(p, side_a, side_b, outcome):
    """compute_mle_elo on the votes given: ratings in the order of the model indices."""
    # win[i, j]: weight of "i beat j" = 2 x wins as a + 2 x wins as b + ties either way.
    win = np.zeros((p, p))
    np.add.at(win, (side_a, side_b), outcome)
    np.add.at(win, (side_b, side_a), 2 - outcome)
    pairs = [(i, j) for i in range(p) for j in range(p) if i != j and win[i, j] + win[j, i] > 0]
    X = np.zeros((2 * len(pairs), p))
    Y = np.zeros(2 * len(pairs))
    weights = np.zeros(2 * len(pairs))
    for row, (i, j) in enumerate(pairs):
        X[2 * row : 2 * row + 2, i] = math.log(BASE)
        X[2 * row : 2 * row + 2, j] = -math.log(BASE)
        Y[2 * row] = 1.0
        weights[2 * row] = win[i, j]
        weights[2 * row + 1] = win[j, i]
    model = LogisticRegression(fit_intercept=False, penalty=None, tol=1e-6)
    model.fit(X, Y, sample_weight=weights)
    return SCALE * model.coef_[0] + INIT_RATING


def main():
    path, rounds = sys.argv[1], int(sys.argv[2])
    started = time.perf_counter()
    models, side_a, side_b, outcome = read_votes(path)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    ratings = fit_ratings(len(models), side_a, side_b, outcome)
    fit_s = time.perf_counter() - started
    rng = np.random.default_rng(42)
    started = time.perf_counter()
    for _ in range(rounds):
        drawn = rng.integers(0, len(outcome), len(outcome))
        fit_ratings(len(models), side_a[drawn], side_b[drawn], outcome[drawn])
    round_s = (time.perf_counter() - started) / max(rounds, 1)
    print(json.dumps({"read_s": read_s, "fit_s": fit_s, "round_s": round_s, "models": models, "ratings": list(ratings)}))


if __name__ == "__main__":
    main()
