#!/usr/bin/env python3
"""Groups the JFR samples (jfr print --json --events jdk.ExecutionSample,jdk.NativeMethodSample, on stdin) of the
thread that sampled most (the training thread: Java code and native calls alike) by the DL4J work they belong to: the
first frame, from the top of the stack, that a rule below knows (stacks as deep as `jfr print --stack-depth 64` gives;
its default of 5 frames cuts most samples off above the layer they belong to). Prints each group's share of that thread's samples,
largest first, then the other threads' sample counts (selfsup-batchnorm: the batch-norm helper's second core).
OpenMP threads inside native code are not Java threads and are not sampled."""
import json
import sys
from collections import Counter

# (class name contains, method name or None for any) -> group; the first match from the top of the stack wins
RULES = [
    ("FastBatchNormHelper", "preOutput", "batch norm forward (selfsup4j helper)"),
    ("FastBatchNormHelper", "backpropGradient", "batch norm backward (selfsup4j helper)"),
    ("FastBatchNormHelper", None, "batch norm, other (selfsup4j helper)"),
    ("MKLDNNBatchNormHelper", "preOutput", "batch norm forward (DL4J oneDNN helper)"),
    ("MKLDNNBatchNormHelper", "backpropGradient", "batch norm backward (DL4J oneDNN helper)"),
    ("FastConvolutionHelper", "backpropGradient", "convolution backward (selfsup4j, oneDNN 2.5)"),
    ("MKLDNNConvHelper", "preOutput", "convolution forward (oneDNN)"),
    ("MKLDNNConvHelper", "backpropGradient", "convolution backward (oneDNN)"),
    ("ConvolutionLayer", "preOutput", "convolution forward (DL4J)"),
    ("ConvolutionLayer", "backpropGradient", "convolution backward (DL4J)"),
    ("MKLDNNSubsampling", None, "pooling (oneDNN)"),
    ("SubsamplingLayer", None, "pooling (DL4J)"),
    ("GlobalPoolingLayer", None, "global pooling"),
    ("FastReluLayer", "backpropGradient", "ReLU backward (selfsup4j)"),
    ("FastReluLayer", None, "ReLU forward (selfsup4j)"),
    ("ActivationReLU", None, "ReLU"),
    ("ActivationLayer", None, "activation layer"),
    ("BatchNormalization", "preOutput", "batch norm forward (DL4J, no helper)"),
    ("BatchNormalization", "backpropGradient", "batch norm backward (DL4J, no helper)"),
    ("updater", None, "updater (Nesterov momentum, weight decay)"),
    ("LossMCXENT", None, "loss"),
    ("OutputLayer", None, "output layer"),
    ("DenseLayer", None, "dense layer"),
    ("Nd4jWorkspace", None, "workspace bookkeeping"),
    ("CpuWorkspace", None, "workspace bookkeeping"),
    ("ComputationGraph", "calcBackpropGradients", "graph backward bookkeeping"),
    ("ComputationGraph", None, "graph bookkeeping"),
]


def group(frames):
    for f in frames:
        cls = f["method"]["type"]["name"]
        name = f["method"]["name"]
        for part, method, label in RULES:
            if part in cls and (method is None or method == name):
                return label
    top = frames[0]["method"] if frames else None
    return "other: " + (top["type"]["name"].split(".")[-1] + "." + top["name"] if top else "?")


events = json.load(sys.stdin)["recording"]["events"]
by_thread = Counter(e["values"]["sampledThread"]["javaName"] for e in events)
thread, total = by_thread.most_common(1)[0]
groups = Counter(group(e["values"]["stackTrace"]["frames"]) for e in events
                 if e["values"]["sampledThread"]["javaName"] == thread)
print(f"thread {thread}: {total} samples (Java code and native calls)")
for label, n in groups.most_common():
    print(f"{100.0 * n / total:5.1f} %  {n:5d}  {label}")
others = [(t, n) for t, n in by_thread.most_common() if t != thread]
print("other threads: " + ", ".join(f"{t} {n}" for t, n in others[:6]))
