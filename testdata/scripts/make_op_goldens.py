"""Torch's own outputs for the operations the Java engine composes (testdata/ops/ops.npz).

The DJL engine has no transposed convolution, group norm or reflect padding; it composes them. This script records
what torch computes for each on fixed random inputs, so the Java tests can check both the composition and the plain
Java reference against torch itself. Run: .venv/bin/python testdata/scripts/make_op_goldens.py
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(7)
torch.set_num_threads(1)
out = {}


def put(name, **arrays):
    for k, v in arrays.items():
        out[f"{name}.{k}"] = v.detach().numpy().astype(np.float32) if torch.is_tensor(v) else np.asarray(v)


# Transposed convolutions: EnCodec's (kernel = 2 * stride) and two general shapes.
for i, (cin, cout, k, s, t) in enumerate([(4, 3, 4, 2, 9), (6, 5, 10, 5, 7), (3, 2, 16, 8, 4), (3, 4, 7, 3, 6)]):
    x = torch.randn(2, cin, t)
    w = torch.randn(cin, cout, k) * 0.3
    b = torch.randn(cout) * 0.1
    put(f"convtr{i}", x=x, w=w, b=b, stride=np.int64(s), y=F.conv_transpose1d(x, w, b, stride=s))

# GroupNorm(1, C), as the 48 kHz model uses it.
for i, (bsz, c, t) in enumerate([(1, 4, 9), (2, 3, 50), (1, 32, 301)]):
    x = torch.randn(bsz, c, t) * 2 + 0.5
    g = 1 + 0.1 * torch.randn(c)
    b = 0.05 * torch.randn(c)
    put(f"groupnorm{i}", x=x, gamma=g, beta=b, y=F.group_norm(x, 1, g, b, eps=1e-5))

# Reflect padding, including EnCodec's rule for inputs no longer than the padding (pad1d in the original code).
def pad1d(x, left, right):
    length = x.shape[-1]
    max_pad = max(left, right)
    if length <= max_pad:
        extra = max_pad - length + 1
        x = F.pad(x, (0, extra))
        padded = F.pad(x, (left, right), "reflect")
        return padded[..., : padded.shape[-1] - extra]
    return F.pad(x, (left, right), "reflect")


for i, (t, left, right) in enumerate([(10, 3, 3), (7, 6, 0), (2, 3, 3), (1, 2, 1), (5, 3, 2)]):
    x = torch.randn(1, 2, t)
    put(f"reflect{i}", x=x, left=np.int64(left), right=np.int64(right), y=pad1d(x, left, right))

np.savez("testdata/ops/ops.npz", **out)
print(f"wrote testdata/ops/ops.npz with {len(out)} arrays (torch {torch.__version__})")
