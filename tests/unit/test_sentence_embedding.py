"""The sentence embeddings the intent classifier reads (bot.nlp.embedding): the packaged model,
loaded offline, computing what sentence-transformers computes."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlp import embedding


@pytest.fixture(scope="module")
def encoder() -> embedding.Encoder:
    return embedding.encoder()


def test_each_text_gets_a_unit_vector_in_order_whatever_is_encoded_beside_it(encoder):
    texts = ["ok", *(f"owner text number {n}, a longer one than the first" for n in range(5))]
    vectors = encoder.encode(texts)
    assert vectors.shape == (len(texts), embedding.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # training encodes thousands of examples at once, a reply one message: the same vector for both
    assert np.array_equal(encoder.encode([texts[-1]])[0], vectors[-1])
    assert np.array_equal(encoder.encode([texts[0]])[0], vectors[0])
    assert encoder.encode([]).shape == (0, embedding.DIMENSIONS)


def test_texts_that_mean_the_same_are_closer_than_texts_that_share_words(encoder):
    stop, paraphrase, same_word, unrelated = encoder.encode(
        [
            "please stop texting me",
            "take me off your list, no more messages",
            "can i stop by saturday",
            "how much does it cost",
        ]
    )
    assert stop @ paraphrase > stop @ same_word > stop @ unrelated


def test_a_file_other_than_the_one_measured_is_refused(tmp_path):
    changed = tmp_path / "tokenizer.json"
    changed.write_bytes(embedding.TOKENIZER.read_bytes() + b" ")
    with pytest.raises(RuntimeError, match="sha256"):
        embedding._checked(changed, embedding.TOKENIZER_SHA256)
