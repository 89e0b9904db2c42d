"""FER+ soft labels, a start from the shipped ONNX weights and webcam-style augmentation for face-cnn.py.

Kept apart from face-cnn.py so that the FER2013 recipe there stays readable; face-cnn.py imports this module
(it sits beside it, so `python3 scripts/train/face-cnn.py` finds it).
"""

import csv
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

# The CNN's output order (FER2013's folder names), and the FER+ vote column for each.
LABELS = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"]
VOTE_COLUMNS = ["anger", "disgust", "fear", "happiness", "neutral", "sadness", "surprise"]
# FER+'s `label` column uses the canonical names; majority labels outside these (contempt, unclear) are not scored.
MAJORITY = {"angry": 0, "disgusted": 1, "fearful": 2, "happy": 3, "neutral": 4, "sad": 5, "surprised": 6}
SIDE = 48


def _decode(path):
    img = Image.open(path).convert("L")
    if img.size != (SIDE, SIDE):
        img = img.resize((SIDE, SIDE), Image.BILINEAR)
    return np.asarray(img)


def load_ferplus(data_dir, cache_dir):
    """Returns {split: (images uint8 [N,48,48], votes float32 [N,7], majority int64 [N] with -1 = not scored)}.

    Training rows keep only faces with at least one vote among the seven labels and fewer than half their votes
    on `NF` (not a face). Contempt votes are dropped: contempt is outside Attune's labels (the app has no such
    reading, and eval skips it), and folding it into disgust or neutral would teach a mapping no tagger made.
    """
    cache = os.path.join(cache_dir, "ferplus-48.npz") if cache_dir else None
    splits = ("Training", "PublicTest", "PrivateTest")
    if cache and os.path.exists(cache):
        z = np.load(cache)
        return {s: (z[s + "_x"], z[s + "_v"], z[s + "_y"]) for s in splits}
    rows = {s: [] for s in splits}
    with open(os.path.join(data_dir, "labels.csv"), newline="") as f:
        for r in csv.DictReader(f):
            votes = [float(r[c]) for c in VOTE_COLUMNS]
            total = sum(float(r[c]) for c in VOTE_COLUMNS + ["contempt", "unknown", "NF"])
            if r["split"] == "Training" and (sum(votes) == 0 or float(r["NF"]) * 2 >= total):
                continue
            rows[r["split"]].append((r["path"], votes, MAJORITY.get(r["label"], -1)))
    out = {}
    for split, items in rows.items():
        xs = np.stack([_decode(os.path.join(data_dir, p)) for p, _, _ in items])
        vs = np.array([v for _, v, _ in items], dtype=np.float32)
        ys = np.array([y for _, _, y in items], dtype=np.int64)
        out[split] = (xs, vs, ys)
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        np.savez(cache, **{f"{s}_{k}": v[i] for s, v in out.items() for i, k in enumerate("xvy")})
    return out


def load_ckplus(data_dir):
    """CK+48 as (images uint8 [N,48,48], labels int64 [N], subjects [N]); contempt is skipped."""
    names = {"angry": 0, "disgust": 1, "fear": 2, "happy": 3, "sad": 5, "surprise": 6}
    xs, ys, subjects = [], [], []
    with open(os.path.join(data_dir, "labels.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["label"] not in names:
                continue
            xs.append(_decode(os.path.join(data_dir, r["path"])))
            ys.append(names[r["label"]])
            subjects.append(r["subject"])
    return np.stack(xs), np.array(ys, dtype=np.int64), subjects


def init_from_onnx(net, onnx_path, x_sample):
    """Loads the shipped model's weights into `net` (same width), un-folding the batch norms.

    The export folds each batch norm into its convolution (W, b). To fine-tune with batch norm again, the
    convolution takes W without bias and the batch norm is set to its own output's statistics on `x_sample`
    (mean m, variance v): gamma = sqrt(v + eps), beta = m + b, so in eval mode the net computes exactly the
    shipped function, and in training mode batch statistics start close to these.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(onnx_path)
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    convs = [(n.input[1], n.input[2]) for n in model.graph.node if n.op_type == "Conv"]
    layers = [m for block in net.features for m in block]
    conv_layers = [m for m in layers if isinstance(m, nn.Conv2d)]
    if len(convs) != len(conv_layers):
        raise SystemExit(f"{onnx_path} has {len(convs)} convolutions, the net {len(conv_layers)}: another width?")
    biases = {}
    for (w_name, b_name), conv in zip(convs, conv_layers):
        conv.weight.data.copy_(torch.from_numpy(init[w_name]))
        biases[conv] = torch.from_numpy(init[b_name])
    net.head[3].weight.data.copy_(torch.from_numpy(init["net.head.3.weight"]))
    net.head[3].bias.data.copy_(torch.from_numpy(init["net.head.3.bias"]))
    net.eval()
    with torch.no_grad():
        h = x_sample
        pending = None
        for m in layers:
            if isinstance(m, nn.BatchNorm2d):
                mean = pending[0].mean(dim=(0, 2, 3))
                var = pending[0].var(dim=(0, 2, 3), unbiased=False)
                m.running_mean.copy_(mean)
                m.running_var.copy_(var)
                m.weight.data.copy_(torch.sqrt(var + m.eps))
                m.bias.data.copy_(mean + pending[1])
            h = m(h)
            pending = (h, biases[m]) if isinstance(m, nn.Conv2d) else None


def _blur(x, sigma):
    """Gaussian blur of each image [N,1,H,W] with its own sigma [N] (5x5 separable kernel)."""
    n = x.shape[0]
    taps = torch.arange(-2, 3, dtype=torch.float32)
    k = torch.exp(-(taps[None, :] ** 2) / (2 * sigma[:, None].clamp(min=1e-3) ** 2))
    k = k / k.sum(1, keepdim=True)
    xs = x.transpose(0, 1)  # [1,N,H,W]: one group per image
    xs = F.conv2d(F.pad(xs, (2, 2, 0, 0), mode="replicate"), k.view(n, 1, 1, 5), groups=n)
    xs = F.conv2d(F.pad(xs, (0, 0, 2, 2), mode="replicate"), k.view(n, 1, 5, 1), groups=n)
    return xs.transpose(0, 1)


def augment_webcam(x, gen):
    """Toward webcam frames: mirror, rotation (+-15 deg), scale (0.85-1.2), shift (+-5 px), then per image
    gamma (0.6-1.6, lighting), brightness (+-0.25), contrast (+-35%), a side-lit gradient (half the images),
    blur (sigma 0.3-1.3, 30%: focus and motion), sensor noise (30%) and a grey rectangle over part of the face
    (25%: a hand, glasses, hair). x in [-1, 1]."""
    n = x.shape[0]

    def u(*shape):
        return torch.rand(*shape, generator=gen)

    flip = torch.where(u(n) < 0.5, -1.0, 1.0)
    angle = (u(n) * 2 - 1) * math.radians(15)
    scale = 0.85 + u(n) * 0.35
    shift = (u(n, 2) * 2 - 1) * (5.0 / (SIDE / 2))
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    g = (out + 1) / 2
    gamma = torch.exp((u(n, 1, 1, 1) * 2 - 1) * math.log(1.6))
    g = g.clamp(min=1e-4) ** gamma
    ramp = torch.linspace(-1, 1, SIDE)
    direction = u(n) * 2 * math.pi
    side = torch.cos(direction)[:, None, None] * ramp[None, None, :] + torch.sin(direction)[:, None, None] * ramp[None, :, None]
    strength = torch.where(u(n) < 0.5, u(n) * 0.25, torch.zeros(n))
    g = g + (strength[:, None, None] * side).unsqueeze(1)
    out = g * 2 - 1
    contrast = 1.0 + (u(n, 1, 1, 1) * 2 - 1) * 0.35
    bright = (u(n, 1, 1, 1) * 2 - 1) * 0.25
    out = out * contrast + bright

    blur = u(n) < 0.3
    if blur.any():
        idx = blur.nonzero().squeeze(1)
        out[idx] = _blur(out[idx], 0.3 + u(len(idx)))
    noisy = (u(n, 1, 1, 1) < 0.3).float()
    out = out + noisy * torch.randn(out.shape, generator=gen) * (u(n, 1, 1, 1) * 0.08)

    occlude = u(n) < 0.25
    for i in occlude.nonzero().squeeze(1).tolist():
        h, w = int(8 + u(1).item() * 14), int(8 + u(1).item() * 18)
        top, left = int(u(1).item() * (SIDE - h)), int(u(1).item() * (SIDE - w))
        out[i, :, top : top + h, left : left + w] = u(1).item() * 2 - 1
    return out.clamp(-1.0, 1.0)
