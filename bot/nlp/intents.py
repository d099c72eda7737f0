"""The intent classifier: Rasa's logistic regression on the count features, with each message's
feature vector scaled to unit length (log counts) and the regularization strength configurable.

Rasa's own LogisticRegressionClassifier fits raw counts with C=1: a message of made-up words
("wibble wobble frmp") that shares a few character n-grams with one intent's examples got that
intent at 0.60, above the fallback threshold. Scaled vectors make the confidence follow how much
of the message looks like an intent, not how long it is, so such messages fall back.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ScaledLogisticRegressionClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

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
        counts = super()._create_X(messages)
        counts.data = np.log1p(counts.data)
        return normalize(counts)
