"""The intent classifier: Rasa's logistic regression on the count features, with each message's
feature vector scaled to unit length (log counts) and the regularization strength configurable.

Rasa's own LogisticRegressionClassifier fits raw counts with C=1: a message of made-up words
("wibble wobble frmp") that shares a few character n-grams with one intent's examples got that
intent at 0.60, above the fallback threshold. Scaled vectors make the confidence follow how much
of the message looks like an intent, not how long it is, so such messages fall back.

Beside the counts, each message's sentence embedding (bot.nlp.sentence_features): a dense vector of
unit length, weighted by `dense_weight` (1.0: on 680 blind-written texts 0.5 gave 88.1%, 1.0
89.6%, 1.5 89.0%, 2.0 88.5%, the embedding alone 86.6%, the counts alone 81.5%).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ScaledLogisticRegressionClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "dense_weight": 1.0}

    def __init__(self, config: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.clf = LogisticRegression(
            C=self.config["C"],
            solver=self.config["solver"],
            max_iter=self.config["max_iter"],
            class_weight="balanced",
            tol=self.config["tol"],
            random_state=self.config["random_state"],
        )

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        """Each message's counts (log, unit length) beside its sentence embedding (unit length,
        times `dense_weight`, so that neither kind of feature drowns the other)."""
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            counts = csr_matrix(sparse.features if sparse else [], dtype=np.float64)
            counts.data = np.log1p(counts.data)
            parts = [normalize(counts)]
            if dense is not None:
                parts.append(csr_matrix(dense.features * self.config["dense_weight"]))
            rows.append(hstack(parts))
        return vstack(rows).tocsr()
