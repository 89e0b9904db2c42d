#!/usr/bin/env python3
"""Trains Attune's own facial-expression CNN (on FER2013 `Training`, or FER+'s votes) and exports it to ONNX.

Runs on the CPU with Debian's PyTorch (`apt-get install -y python3-torch python3-numpy python3-pil`);
no download. Deterministic for a given seed and thread count.

    /usr/bin/python3 scripts/train/face-cnn.py --data ../shared/datasets/fer2013 \
        --out resources/models/expression-attune.onnx [--epochs 30] [--width 32] [--threads 2]

The data folder is the shared FER2013 layout: `labels.csv` with `path,label,split` and 48x48 grey JPEGs.
Only `Training` is learnt from; `PublicTest` is printed after each epoch to watch the run (nothing is
selected on it: the last epoch is exported); `PrivateTest` is printed once at the end.

The shipped model (issue 14) is a fine-tune of the FER2013 one (commit 5a0607b's file) on FER+'s soft labels
(face_ferplus.py):

    git show 5a0607b:resources/models/expression-attune.onnx > /tmp/attune-fer2013.onnx
    /usr/bin/python3 scripts/train/face-cnn.py --ferplus ../shared/datasets/ferplus --data ../shared/datasets/fer2013 \
        --init /tmp/attune-fer2013.onnx --augment webcam --ckplus ../shared/datasets/ckplus48 \
        --epochs 6 --stop-after 3 --lr 0.01 --warmup 0.3 --threads 1 --out resources/models/expression-attune.onnx

With --ferplus, `PublicTest`/`PrivateTest` are FER2013Valid/FER2013Test scored on FER+ majority labels
(unclear and contempt not scored); --ckplus prints CK+48 after each epoch (watched, not chosen on).

Input of the exported model `input` [N, 1, 48, 48] float32: the face crop's grey level
g = 0.2989 R + 0.587 G + 0.114 B in 0..1, as (g - 0.5) * 2 (the same as human's expression model, at 48 px).
Output `probs` [N, 7]: softmax over angry, disgust, fear, happy, neutral, sad, surprise.
"""

import argparse
import csv
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

import face_ferplus

LABELS = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"]
SIDE = 48


def load_split(data_dir, cache_dir):
    """Returns {split: (images uint8 [N,48,48], labels int64 [N])}, decoding once into an .npz cache."""
    cache = os.path.join(cache_dir, "fer2013-48.npz") if cache_dir else None
    if cache and os.path.exists(cache):
        z = np.load(cache)
        return {s: (z[s + "_x"], z[s + "_y"]) for s in ("Training", "PublicTest", "PrivateTest")}
    rows = {"Training": [], "PublicTest": [], "PrivateTest": []}
    with open(os.path.join(data_dir, "labels.csv"), newline="") as f:
        for r in csv.DictReader(f):
            rows[r["split"]].append((r["path"], LABELS.index(r["label"])))
    out = {}
    for split, items in rows.items():
        xs = np.zeros((len(items), SIDE, SIDE), dtype=np.uint8)
        for i, (path, _) in enumerate(items):
            img = Image.open(os.path.join(data_dir, path)).convert("L")
            if img.size != (SIDE, SIDE):
                img = img.resize((SIDE, SIDE), Image.BILINEAR)
            xs[i] = np.asarray(img)
        out[split] = (xs, np.array([y for _, y in items], dtype=np.int64))
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        np.savez(cache, **{s + "_x": v[0] for s, v in out.items()}, **{s + "_y": v[1] for s, v in out.items()})
    return out


def to_input(x_uint8):
    """uint8 [N,48,48] -> float32 [N,1,48,48] as (g/255 - 0.5) * 2."""
    return (torch.from_numpy(x_uint8).float().unsqueeze(1) / 255.0 - 0.5) * 2.0


def block(cin, cout, dropout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
        nn.Dropout(dropout),
    )


class FaceNet(nn.Module):
    """Four VGG-style blocks (w, 2w, 4w, 8w channels) at 48, 24, 12 and 6 px, global average, one linear layer."""

    def __init__(self, width):
        super().__init__()
        w = width
        self.features = nn.Sequential(
            block(1, w, 0.05), block(w, 2 * w, 0.1), block(2 * w, 4 * w, 0.15), block(4 * w, 8 * w, 0.2)
        )
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.4), nn.Linear(8 * w, len(LABELS)))

    def forward(self, x):
        return self.head(self.features(x))


class WithSoftmax(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return F.softmax(self.net(x), dim=1)


def augment(x, gen):
    """Random mirror, rotation (+-12 deg), scale (0.88-1.12), shift (+-4 px) and brightness/contrast, on the batch."""
    n = x.shape[0]
    flip = torch.where(torch.rand(n, generator=gen) < 0.5, -1.0, 1.0)
    angle = (torch.rand(n, generator=gen) * 2 - 1) * math.radians(12)
    scale = 1.0 + (torch.rand(n, generator=gen) * 2 - 1) * 0.12
    shift = (torch.rand(n, 2, generator=gen) * 2 - 1) * (4.0 / (SIDE / 2))
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    contrast = 1.0 + (torch.rand(n, 1, 1, 1, generator=gen) * 2 - 1) * 0.25
    bright = (torch.rand(n, 1, 1, 1, generator=gen) * 2 - 1) * 0.2
    return (out * contrast + bright).clamp(-1.0, 1.0)


@torch.no_grad()
def predict(net, x, flip=False, batch=512):
    net.eval()
    probs = []
    for i in range(0, x.shape[0], batch):
        xb = x[i : i + batch].contiguous(memory_format=torch.channels_last)
        p = F.softmax(net(xb), dim=1)
        if flip:
            p = (p + F.softmax(net(torch.flip(xb, dims=[3])), dim=1)) / 2
        probs.append(p)
    return torch.cat(probs)


def report(name, probs, y):
    keep = y >= 0  # FER+ rows whose majority label is not scored (unclear, contempt) are -1
    probs, y = probs[keep], y[keep]
    pred = probs.argmax(1)
    acc = (pred == y).float().mean().item()
    recalls = {LABELS[c]: ((pred == c) & (y == c)).sum().item() / max(1, (y == c).sum().item()) for c in range(7)}
    parts = " ".join(f"{k} {v:.3f}" for k, v in recalls.items())
    print(f"  {name}: accuracy {acc:.4f} | recall {parts}", flush=True)
    return acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True, help="ONNX file to write")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", default=".cache/train", help="where decoded images and checkpoints are kept")
    ap.add_argument("--ferplus", help="FER+ folder: learn its vote counts (soft labels) instead of FER2013's labels")
    ap.add_argument("--init", help="start from this exported model's weights (a fine-tune) instead of at random")
    ap.add_argument("--augment", choices=["fer", "webcam"], default="fer", help="fer: the FER2013 recipe")
    ap.add_argument("--ckplus", help="CK+48 folder, printed after each epoch to watch the run (not chosen on)")
    ap.add_argument("--warmup", type=float, default=1.0, help="epochs of linear learning-rate warm-up")
    ap.add_argument("--export-now", action="store_true", help="export the last checkpoint without training on")
    ap.add_argument("--stop-after", type=int, help="end after this epoch of the --epochs schedule (default: all)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    if args.ferplus:
        fp = face_ferplus.load_ferplus(args.ferplus, args.cache)
        xtr = to_input(fp["Training"][0])
        ttr = torch.from_numpy(fp["Training"][1] / fp["Training"][1].sum(1, keepdims=True))
        xpub, ypub = to_input(fp["PublicTest"][0]), torch.from_numpy(fp["PublicTest"][2])
        xpri, ypri = to_input(fp["PrivateTest"][0]), torch.from_numpy(fp["PrivateTest"][2])
    else:
        data = load_split(args.data, args.cache)
        xtr = to_input(data["Training"][0])
        ttr = F.one_hot(torch.from_numpy(data["Training"][1]), len(LABELS)).float()
        xpub, ypub = to_input(data["PublicTest"][0]), torch.from_numpy(data["PublicTest"][1])
        xpri, ypri = to_input(data["PrivateTest"][0]), torch.from_numpy(data["PrivateTest"][1])
    ck = None
    if args.ckplus:
        ckx, cky, _ = face_ferplus.load_ckplus(args.ckplus)
        ck = (to_input(ckx), torch.from_numpy(cky))
    print(f"Training {len(ttr)}, PublicTest {len(ypub)}, PrivateTest {len(ypri)}", flush=True)
    augment_batch = face_ferplus.augment_webcam if args.augment == "webcam" else augment
    # FER2013's one-hot labels are smoothed by 0.1 (their noise); FER+'s votes are already soft.
    smoothing = 0.0 if args.ferplus else 0.1

    net = FaceNet(args.width).to(memory_format=torch.channels_last)
    print(f"parameters: {sum(p.numel() for p in net.parameters())}", flush=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    steps_per_epoch = math.ceil(len(ttr) / args.batch)
    total = args.epochs * steps_per_epoch
    warm = max(1, int(args.warmup * steps_per_epoch))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm)))
    )
    tag = "-ferplus" if args.ferplus else ""
    ckpt = os.path.join(args.cache, f"face-cnn{tag}-w{args.width}-s{args.seed}.pt")
    start_epoch = 0
    if args.init and not os.path.exists(ckpt):
        face_ferplus.init_from_onnx(net, args.init, xtr[:2048].contiguous())
        report("start, PublicTest", predict(net, xpub), ypub)
    if os.path.exists(ckpt):
        state = torch.load(ckpt)
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        gen.set_state(state["gen"])
        start_epoch = state["epoch"]
        print(f"resumed after epoch {start_epoch}", flush=True)

    last = start_epoch if args.export_now else min(args.epochs, args.stop_after or args.epochs)
    for epoch in range(start_epoch, last):
        net.train()
        began = time.time()
        order = torch.randperm(len(ttr), generator=gen)
        seen, correct, loss_sum = 0, 0, 0.0
        for i in range(0, len(ttr), args.batch):
            idx = order[i : i + args.batch]
            xb = augment_batch(xtr[idx], gen).contiguous(memory_format=torch.channels_last)
            tb = ttr[idx]
            if smoothing:
                tb = tb * (1 - smoothing) + smoothing / len(LABELS)
            logits = net(xb)
            loss = -(tb * F.log_softmax(logits, dim=1)).sum(1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            seen += len(tb)
            correct += (logits.argmax(1) == tb.argmax(1)).sum().item()
            loss_sum += loss.item() * len(tb)
        print(
            f"epoch {epoch + 1}/{args.epochs}: loss {loss_sum / seen:.4f}, train accuracy {correct / seen:.4f}, "
            f"lr {sched.get_last_lr()[0]:.4f}, {time.time() - began:.0f} s",
            flush=True,
        )
        report("PublicTest", predict(net, xpub), ypub)
        if ck:
            report("CK+48", predict(net, ck[0]), ck[1])
        torch.save(
            {"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "gen": gen.get_state(),
             "epoch": epoch + 1},
            ckpt,
        )

    print("final:", flush=True)
    for name, x, y in [] if args.export_now else [("PublicTest", xpub, ypub), ("PrivateTest", xpri, ypri)]:
        report(name, predict(net, x), y)
        report(f"{name}, flip-averaged", predict(net, x, flip=True), y)
    if ck and not args.export_now:
        report("CK+48, flip-averaged", predict(net, ck[0], flip=True), ck[1])

    net.eval()
    export = WithSoftmax(net).to(memory_format=torch.contiguous_format)
    export.net = export.net.to(memory_format=torch.contiguous_format)
    torch.onnx.export(
        export,
        torch.zeros(1, 1, SIDE, SIDE),
        args.out,
        input_names=["input"],
        output_names=["probs"],
        dynamic_axes={"input": {0: "n"}, "probs": {0: "n"}},
        opset_version=13,
        do_constant_folding=True,
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
