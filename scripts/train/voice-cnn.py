#!/usr/bin/env python3
"""Trains Attune's voice-emotion CNN over log-mel spectrograms and exports it to ONNX.

Runs on the CPU with Debian's PyTorch (`apt-get install -y python3-torch python3-numpy`), one thread.
The inputs come from the engine's own TypeScript, so training and the app see identical numbers:

    npx tsx scripts/train/voice/export-logmel.ts    # RAVDESS actors 01-16 -> .cache/train/voice-logmel
    # leave-4-actors-out CV of one network, with the blend-weight table (add --oof FILE.npy to keep predictions)
    /usr/bin/python3 scripts/train/voice-cnn.py --cv --mixup 0.4 --epochs 200 --seed 1
    # the shipped model: two networks (seeds 1 and 2) trained on all of 01-16, averaged, exported
    /usr/bin/python3 scripts/train/voice-cnn.py --mixup 0.4 --epochs 200 --ensemble 2 --threads 2 \
        --out resources/models/voice-cnn.onnx

One network takes about 4 s per epoch on one free core (much longer while another job holds the machine).
After exporting, put the file's sha256 into VOICE_CNN_SHA256 (src/engine/voice/voice-models.ts) and
VOICE-MODELS.md; blend weights chosen from the CV table go into VOICE_CNN_WEIGHT.

Only actors 01-16 are in the cache; every choice is made by 4-fold leave-4-actors-out cross-validation
(folds 01-04, 05-08, 09-12, 13-16). The test actors 17-20 are scored once, through `attune eval voice`.

Units are the pipeline's own VAD segments. The file-level figures mirror `eval voice`: per-segment
probabilities (CNN, logistic, or their blend), duration-weighted mean per file, a file without segments
counts as predicted neutral.

Exported model: input `logmel` float32 [N, T, 40] (natural-log mel energies from src/engine/voice/log-mel.ts,
T >= 16 frames of 10 ms), output `probs` float32 [N, 7], softmax over Attune's labels in order neutral happy
sad angry fearful disgusted surprised (with --calm-class the networks learn RAVDESS calm as an 8th class, and the
graph adds its probability to neutral). The per-utterance normalisation (level floor FLOOR_NEPERS under the
loudest bin, then per-band mean and spread over time) is inside the graph.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LABELS = ["neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"]
FOUR = [0, 1, 2, 3]
BANDS = 40
FOLDS = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]


class Normalise(nn.Module):
    """Per-utterance normalisation: bins more than `floor` nepers under the loudest are raised to that floor
    (gain-invariant silence), then each band loses its mean over time and is divided by its spread."""

    def __init__(self, floor, per_band_scale):
        super().__init__()
        self.floor = floor
        self.per_band_scale = per_band_scale

    def forward(self, x):  # x [N, T, B]
        top = torch.amax(x, dim=(1, 2), keepdim=True)
        x = torch.maximum(x, top - self.floor)
        x = x - torch.mean(x, dim=1, keepdim=True)
        if self.per_band_scale:
            var = torch.mean(x * x, dim=1, keepdim=True)
        else:
            var = torch.mean(x * x, dim=(1, 2), keepdim=True)
        return x / torch.sqrt(var + 1e-3)


class Net(nn.Module):
    def __init__(self, widths, dropout, classes=len(LABELS)):
        super().__init__()
        layers = []
        c = 1
        for w in widths:
            layers += [nn.Conv2d(c, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True)]
            layers += [nn.MaxPool2d(2)]
            c = w
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(2 * c, classes)

    def forward(self, x):  # normalised [N, T, B] -> logits
        h = self.features(x.transpose(1, 2).unsqueeze(1))  # [N, C, B', T']
        h = torch.mean(h, dim=2)  # over frequency
        h = torch.cat([torch.mean(h, dim=2), torch.amax(h, dim=2)], dim=1)
        return self.head(self.drop(h))


def merge_calm(p):
    """Softmax outputs over 8 classes, RAVDESS calm last -> Attune's 7 labels: calm is added to neutral."""
    return torch.cat([p[:, :1] + p[:, len(LABELS) :], p[:, 1 : len(LABELS)]], dim=1)


class Exported(nn.Module):
    """Normalisation, then the mean of the members' softmax outputs (over Attune's 7 labels)."""

    def __init__(self, norm, nets):
        super().__init__()
        self.norm = norm
        self.nets = nn.ModuleList(nets)
        self.calm = nets[0].head.out_features > len(LABELS)  # trained with --calm-class

    def forward(self, logmel):
        x = self.norm(logmel)
        probs = [F.softmax(net(x), dim=1) for net in self.nets]
        return sum(merge_calm(p) if self.calm else p for p in probs) / len(probs)


def load(cache):
    with open(os.path.join(cache, "index.json")) as f:
        index = json.load(f)
    mel = np.fromfile(os.path.join(cache, "logmel.f32"), dtype=np.float32).reshape(-1, BANDS)
    clips = index["clips"]
    segs = []
    for ci, c in enumerate(clips):
        for s in c["segments"]:
            segs.append(
                {
                    "clip": ci,
                    "actor": c["actor"],
                    "y": LABELS.index(c["label"]),
                    # RAVDESS calm as a class of its own (index 7), for --calm-class
                    "y8": len(LABELS) if c["path"].startswith("calm/") else LABELS.index(c["label"]),
                    "x": mel[s["offset"] : s["offset"] + s["frames"]],
                    "w": max(1e-3, s["end"] - s["start"]),
                    "lrGlobal": np.array(s["lrGlobal"], dtype=np.float64),
                    "lrRunning": np.array(s["lrRunning"], dtype=np.float64),
                }
            )
    return clips, segs


def crop(x, length, rng):
    t = x.shape[0]
    if t < length:
        reps = int(math.ceil(length / t))
        x = np.concatenate([x] * reps, axis=0)
        t = x.shape[0]
    start = rng.integers(0, t - length + 1)
    return x[start : start + length]


def stretch(x, length, rate, rng):
    """A crop of round(length * rate) frames resampled to `length` (linear): speaking rate x 1/rate."""
    src = crop(x, max(2, int(round(length * rate))), rng)
    pos = np.linspace(0, src.shape[0] - 1, length)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, src.shape[0] - 1)
    f = (pos - lo)[:, None]
    return src[lo] * (1 - f) + src[hi] * f


def warp_bands(x, alpha):
    """Band b reads the source at b / alpha (linear, edges clamped): alpha > 1 moves formants and harmonics up,
    as a shorter vocal tract or higher voice would (vocal-tract-length perturbation on the mel axis)."""
    pos = np.clip(np.arange(BANDS) / alpha, 0, BANDS - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, BANDS - 1)
    f = pos - lo
    return x[..., lo] * (1 - f) + x[..., hi] * f


def spec_augment(x, rng, time_masks, time_width, freq_masks, freq_width):
    # x normalised [N, T, B]; masked cells become 0 (the band mean after normalisation)
    n, t, b = x.shape
    for i in range(n):
        for _ in range(time_masks):
            w = int(rng.integers(0, time_width + 1))
            s = int(rng.integers(0, max(1, t - w)))
            x[i, s : s + w, :] = 0
        for _ in range(freq_masks):
            w = int(rng.integers(0, freq_width + 1))
            s = int(rng.integers(0, max(1, b - w)))
            x[i, :, s : s + w] = 0
    return x


def build(a):
    widths = [int(v) for v in a.widths.split(",")]
    classes = len(LABELS) + 1 if a.calm_class else len(LABELS)
    return Normalise(a.floor, a.per_band_scale), Net(widths, a.dropout, classes)


def class_weights(spec, ys, classes):
    """Per-class loss weights from `--class-weights`: "" -> None (plain loss), "inverse" -> inverse frequency of
    the training segments (mean 1 over the classes), "inverse,LABEL=F,..." or "LABEL=F,..." -> those times F."""
    if not spec:
        return None
    w = np.ones(classes)
    for part in spec.split(","):
        if part == "inverse":
            counts = np.bincount(ys, minlength=classes).astype(np.float64)
            inv = 1.0 / np.maximum(counts, 1)
            w = w * inv / inv.mean()
        else:
            name, factor = part.split("=")
            w[LABELS.index(name)] *= float(factor)
    return torch.tensor(w, dtype=torch.float32)


def train(segs, a, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    norm, net = build(a)
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    steps_per_epoch = int(math.ceil(len(segs) / a.batch))
    total = a.epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=total, pct_start=0.15)
    ys = np.array([s["y8" if a.calm_class else "y"] for s in segs])
    cw = class_weights(a.class_weights, ys, net.head.out_features)
    for epoch in range(a.epochs):
        net.train()
        order = rng.permutation(len(segs))
        loss_sum = 0.0
        for k in range(steps_per_epoch):
            idx = order[k * a.batch : (k + 1) * a.batch]
            length = int(rng.integers(a.crop_min, a.crop_max + 1))
            if a.stretch > 0:
                rates = rng.uniform(1 - a.stretch, 1 + a.stretch, size=len(idx))
                xb = np.stack([stretch(segs[i]["x"], length, r, rng) for i, r in zip(idx, rates)])
            else:
                xb = np.stack([crop(segs[i]["x"], length, rng) for i in idx])
            if a.warp > 0:
                alphas = rng.uniform(1 - a.warp, 1 + a.warp, size=len(idx))
                xb = np.stack([warp_bands(xi, al) for xi, al in zip(xb, alphas)])
            if a.shift_db > 0:  # a spectral tilt/colour change: microphones differ
                tilt = rng.uniform(-1, 1, size=(len(idx), 1, 1)) * a.shift_db / 10 * math.log(10)
                xb = xb + tilt * np.linspace(-0.5, 0.5, BANDS)[None, None, :]
            with torch.no_grad():
                x = norm(torch.from_numpy(xb.astype(np.float32)))
            x = torch.from_numpy(spec_augment(x.numpy().copy(), rng, 2, a.time_mask, 2, a.freq_mask))
            y = torch.from_numpy(ys[idx])
            if a.mixup > 0:
                lam = float(rng.beta(a.mixup, a.mixup))
                perm = torch.from_numpy(rng.permutation(len(idx)))
                x = lam * x + (1 - lam) * x[perm]
                logits = net(x)
                loss = lam * F.cross_entropy(logits, y, weight=cw, label_smoothing=a.smooth) + (
                    1 - lam
                ) * F.cross_entropy(logits, y[perm], weight=cw, label_smoothing=a.smooth)
            else:
                loss = F.cross_entropy(net(x), y, weight=cw, label_smoothing=a.smooth)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += float(loss) * len(idx)
        if a.verbose:
            print(f"    epoch {epoch + 1}: loss {loss_sum / len(segs):.3f}", flush=True)
    net.eval()
    return norm, net


def train_members(segs, a):
    """`--ensemble` networks with seeds seed, seed + 1, ...; one shared normalisation (it has no weights)."""
    members = [train(segs, a, a.seed + k) for k in range(a.ensemble)]
    return Exported(members[0][0], [net for _, net in members]).eval()


def predict(model, segs):
    out = []
    with torch.no_grad():
        for s in segs:
            x = torch.from_numpy(s["x"][None].copy())
            out.append(model(x)[0].numpy().astype(np.float64))
    return out


def blend(lr, cnn, w):
    z = (1 - w) * np.log(np.maximum(lr, 1e-9)) + w * np.log(np.maximum(cnn, 1e-9))
    z = np.exp(z - z.max())
    return z / z.sum()


def file_scores(clips, segs, probs_of):
    """7-class and 4-class accuracy of files, as `eval voice` scores them (no segment -> neutral)."""
    by_clip = {}
    for s in segs:
        by_clip.setdefault(s["clip"], []).append(s)
    right7 = n7 = right4 = n4 = 0
    for ci, c in enumerate(clips):
        y = LABELS.index(c["label"])
        own = by_clip.get(ci, [])
        if own:
            p = sum(s["w"] * probs_of(s) for s in own) / sum(s["w"] for s in own)
            p7 = int(np.argmax(p))
            p4 = FOUR[int(np.argmax(p[FOUR]))]
        else:
            p7 = p4 = 0
        n7 += 1
        right7 += p7 == y
        if y in FOUR:
            n4 += 1
            right4 += p4 == y
    return right7 / n7, right4 / n4


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", default=".cache/train/voice-logmel")
    p.add_argument("--cv", action="store_true", help="cross-validate on actors 01-16 instead of exporting")
    p.add_argument("--out", default="resources/models/voice-cnn.onnx")
    p.add_argument("--oof", default="", help="with --cv: save out-of-fold CNN probabilities here (.npy)")
    p.add_argument("--widths", default="16,32,48,64", help="channels of the conv blocks")
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=1e-2)
    p.add_argument("--crop-min", type=int, default=100, help="training crop length, frames (10 ms)")
    p.add_argument("--crop-max", type=int, default=200)
    p.add_argument("--time-mask", type=int, default=20, help="widest SpecAugment time mask, frames")
    p.add_argument("--freq-mask", type=int, default=6, help="widest SpecAugment frequency mask, bands")
    p.add_argument("--warp", type=float, default=0.0, help="mel-axis warp factor range 1 +- warp; 0 = off")
    p.add_argument("--stretch", type=float, default=0.0, help="time-stretch rate range 1 +- stretch; 0 = off")
    p.add_argument("--shift-db", type=float, default=0.0, help="random spectral tilt, dB across the bands")
    p.add_argument("--mixup", type=float, default=0.0, help="mixup Beta(a, a); 0 = off")
    p.add_argument(
        "--class-weights",
        default="",
        help='loss weight per class: "" = none, "inverse" = inverse frequency, "sad=1.5" etc. multiply (default "")',
    )
    p.add_argument(
        "--calm-class", type=int, default=0, help="1: learn RAVDESS calm as an 8th class, added to neutral on output"
    )
    p.add_argument("--smooth", type=float, default=0.05, help="label smoothing")
    p.add_argument("--floor", type=float, default=16.1, help="level floor under the loudest bin, nepers (70 dB)")
    p.add_argument("--per-band-scale", type=int, default=1, help="1: divide each band by its spread; 0: one spread")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--ensemble", type=int, default=1, help="networks averaged (seeds seed, seed + 1, ...)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    clips, segs = load(a.cache)
    print(f"{len(clips)} clips, {len(segs)} segments; config {vars(a)}", flush=True)

    if a.cv:
        cnn = [None] * len(segs)
        t0 = time.time()
        for held in FOLDS:
            tr = [s for s in segs if s["actor"] not in held]
            te = [i for i, s in enumerate(segs) if s["actor"] in held]
            model = train_members(tr, a)
            for i, pr in zip(te, predict(model, [segs[i] for i in te])):
                cnn[i] = pr
            print(f"  fold {held}: {time.time() - t0:.0f} s", flush=True)
        for s, pr in zip(segs, cnn):
            s["cnn"] = pr
        if a.oof:
            np.save(a.oof, np.stack(cnn))
        s7, s4 = file_scores(clips, segs, lambda s: s["cnn"])
        print(f"CV files, CNN alone: 7-class {s7:.3f}  4-class {s4:.3f}")
        for mode in ["lrGlobal", "lrRunning"]:
            for w in [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0]:
                s7, s4 = file_scores(clips, segs, lambda s: blend(s[mode], s["cnn"], w))
                print(f"CV files, {mode} blend w_cnn {w:.1f}: 7-class {s7:.3f}  4-class {s4:.3f}")
        return 0

    model = train_members([s for s in segs if s["actor"] <= 16], a)
    torch.onnx.export(
        model,
        torch.zeros(1, 200, BANDS),
        a.out,
        input_names=["logmel"],
        output_names=["probs"],
        dynamic_axes={"logmel": {0: "n", 1: "frames"}, "probs": {0: "n"}},
        opset_version=13,
        do_constant_folding=True,
    )
    print(f"wrote {a.out} ({os.path.getsize(a.out)} bytes)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
