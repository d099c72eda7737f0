"""A Rasa featurizer that adds each message's sentence embedding (bot.nlp.embedding) as a dense
sentence feature, for the intent classifier to read beside the word and character counts.

Only sentence features: the logistic regression (bot.nlp.intents) reads no sequence. Training
embeds every example, one at a time (about 20 s for 6,000 examples).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp import embedding


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "threads": 1}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self.encoder = embedding.encoder(int(self._config["threads"]))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, execution_context.node_name)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Rasa caches a component's training output by its config and inputs; the model's files
        are neither, so a rebuilt model would otherwise train the classifier on the old vectors."""
        return f"{embedding.MODEL_SHA256}:{embedding.TOKENIZER_SHA256}"

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    def process(self, messages: list[Message]) -> list[Message]:
        texts = [m for m in messages if m.get(TEXT)]
        for message, vector in zip(texts, self.encoder.encode([m.get(TEXT) for m in texts]), strict=True):
            features = Features(vector[None, :], FEATURE_TYPE_SENTENCE, TEXT, self._identifier)
            message.add_features(features)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
