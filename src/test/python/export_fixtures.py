#!/usr/bin/python3
"""Exports the small TorchScript and ONNX models the tests audit.

Run with Debian's torch (apt-get install python3-torch python3-onnx):

    /usr/bin/python3 src/test/python/export_fixtures.py

The files land in src/test/resources/fixtures/ and are committed, so the build needs no Python.
Layered modules export `intermediates` (the activation after each top-level child, for the layer-wise
audit) and `layer_names` (their names, the children's attribute names, so that the auditor can read each
layer's type from the archive and run it alone).

Several modules are TorchScript twins of DJL test models in src/test/java/dev/equivariance/models (the
same architecture, not the same weights): the auditor must name the same cause for both.
"""
import math
import os
from typing import List

import torch
import torch.nn.functional as F
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")


class Gate(nn.Module):
    """Scales each 3-vector by a function of its norm: rotation-equivariant."""

    def __init__(self):
        super().__init__()
        self.radial = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))

    def forward(self, x):
        norm = torch.linalg.norm(x, dim=-1, keepdim=True)
        return x * torch.sigmoid(self.radial(norm))


class Mix(nn.Module):
    """Moves each point along its differences to the others, weighted by distances: equivariant."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))

    def forward(self, x):
        diff = x.unsqueeze(2) - x.unsqueeze(1)
        dist = torch.linalg.norm(diff, dim=-1, keepdim=True)
        return x + (self.weight(dist) * diff).mean(dim=2)


class BiasedMix(nn.Module):
    """Mix plus a constant vector: a fixed direction breaks rotation equivariance."""

    def __init__(self):
        super().__init__()
        self.inner = Mix()
        self.bias = nn.Parameter(torch.tensor([0.3, -0.2, 0.1]))

    def forward(self, x):
        return self.inner(x) + self.bias


class VectorNet(nn.Module):
    """Point clouds (B, N, 3) -> moved points (B, N, 3) through gate, mix, gate."""

    def __init__(self, broken: bool):
        super().__init__()
        self.gate1 = Gate()
        self.mix = BiasedMix() if broken else Mix()
        self.gate2 = Gate()

    def forward(self, x):
        return self.gate2(self.mix(self.gate1(x)))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.gate1(x)
        b = self.mix(a)
        c = self.gate2(b)
        return [a, b, c]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["gate1", "mix", "gate2"]


class StraightThrough(nn.Module):
    """Permutation-invariant set model whose forward pass adds h(x) - h(x).detach() (zero) with a
    non-invariant h: the forward pass is invariant, the gradients are not."""

    def __init__(self, points: int):
        super().__init__()
        self.phi = nn.Linear(3, 8)
        self.rho = nn.Linear(8, 1)
        self.h = nn.Linear(3 * points, 1)

    def forward(self, x):
        pooled = torch.tanh(self.phi(x)).sum(dim=1)
        hx = self.h(x.flatten(1))
        return self.rho(pooled) + (hx - hx.detach())

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        pooled = torch.tanh(self.phi(x)).sum(dim=1)
        return [pooled, self.forward(x)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["pool", "readout"]


class DeepSets(nn.Module):
    """rho(sum_i phi(x_i)): invariant to the order of the points."""

    def __init__(self):
        super().__init__()
        self.phi = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 16))
        self.rho = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, x):
        return self.rho(self.phi(x).sum(dim=1))


class PositionalDeepSets(nn.Module):
    """DeepSets with an index ramp added to the points: the order matters."""

    def __init__(self):
        super().__init__()
        self.inner = DeepSets()

    def forward(self, x):
        ramp = torch.arange(x.shape[1], dtype=x.dtype).reshape(1, -1, 1) / x.shape[1]
        return self.inner(x + ramp)


def rotation_grid(angle: float, size: int):
    """The sampling grid of a rotation by `angle` about the centre of a size x size image, in grid_sample's
    normalised coordinates (align_corners=False): the auditor's rotate action samples output pixel (i, j) at the
    pre-image of p = (j - c, c - i), c = (size - 1) / 2, so a positive angle turns the image counter-clockwise as
    displayed (row 0 on top) and a quarter turn is torch.rot90(x, 1, dims=(2, 3)). This is
    F.affine_grid([[cos, -sin, 0], [sin, cos, 0]]) in torch's y-down normalised coordinates."""
    theta = torch.tensor([[[math.cos(angle), -math.sin(angle), 0.0],
                           [math.sin(angle), math.cos(angle), 0.0]]], dtype=torch.float64)
    grid = F.affine_grid(theta, [1, 1, size, size], align_corners=False)
    # the same grid from the pixel formula the auditor uses
    c = (size - 1) / 2
    i, j = torch.meshgrid(torch.arange(size, dtype=torch.float64), torch.arange(size, dtype=torch.float64),
                          indexing="ij")
    px, py = j - c, c - i
    u = math.cos(angle) * px + math.sin(angle) * py + c          # column of the pre-image M^T p
    v = c - (-math.sin(angle) * px + math.cos(angle) * py)       # row of the pre-image
    explicit = torch.stack([(2 * u + 1) / size - 1, (2 * v + 1) / size - 1], dim=-1).unsqueeze(0)
    assert torch.allclose(grid, explicit, atol=1e-12), "affine_grid and the pixel formula disagree"
    return grid


def rotate(x: torch.Tensor, angle: float, mode: str = "bilinear") -> torch.Tensor:
    """Rotates (B, C, S, S) images by `angle` with grid_sample, zeros outside, align_corners=False."""
    grid = rotation_grid(angle, x.shape[-1]).to(x.dtype).expand(x.shape[0], -1, -1, -1)
    return F.grid_sample(x, grid, mode=mode, padding_mode="zeros", align_corners=False)


def save_rotation_reference(name: str):
    """Images rotated by torch's grid_sample in float64, for the auditor's rotate action to match: for each size, a
    seeded image, then one line per (mode, angle) with the rotated values in row-major order."""
    lines = ["# torch " + torch.__version__ + " grid_sample(padding_mode='zeros', align_corners=False), float64",
             "# size S / image values / mode angle values"]
    gen = torch.Generator().manual_seed(0)
    for size in (5, 6, 9):
        x = torch.randn(1, 1, size, size, dtype=torch.float64, generator=gen)
        lines.append("size " + str(size))
        lines.append("image " + " ".join(repr(v) for v in x.flatten().tolist()))
        for mode in ("nearest", "bilinear", "bicubic"):
            for angle in (0.3, math.pi / 4, 1.0, -2.0, 2 * math.pi * 3 / 7, math.pi / 8, -2.5):
                y = rotate(x, angle, mode)
                lines.append(mode + " " + repr(angle) + " " + " ".join(repr(v) for v in y.flatten().tolist()))
        for k in (1, 2, 3):
            y = rotate(x, k * math.pi / 2, "bilinear")
            assert torch.allclose(y, torch.rot90(x, k, dims=(2, 3)), atol=1e-12), "quarter turns are rot90"
    with open(os.path.join(OUT, name), "w") as f:
        f.write("\n".join(lines) + "\n")


def filter_smoothing(k: int) -> torch.Tensor:
    """(k*k, k*k): a Gaussian blur (sigma 1 pixel, rows normalised), then the disk inscribed in the filter; the same
    matrix as the DJL model's (C8SteerableCnn.smoothing)."""
    c = (k - 1) / 2
    idx = torch.arange(k, dtype=torch.float64)
    i, j = torch.meshgrid(idx, idx, indexing="ij")
    pts = torch.stack([i.flatten(), j.flatten()], 1)
    blur = torch.exp(-((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1) / 2)
    blur = blur / blur.sum(1, keepdim=True)
    inside = (((i - c) ** 2 + (j - c) ** 2).flatten() <= c * c + 1e-9).to(torch.float64)
    return inside[:, None] * blur


def filter_rotation(k: int, angle: float) -> torch.Tensor:
    """(k*k, k*k): the rotation of a k x k filter by `angle` with grid_sample (bilinear, zeros outside), as a matrix
    acting on row-major filters (y = M x)."""
    basis = torch.eye(k * k, dtype=torch.float64).reshape(k * k, 1, k, k)
    return rotate(basis, angle).reshape(k * k, k * k).T


def rot90(w: torch.Tensor, times: int) -> torch.Tensor:
    """numpy's rot90 on the last two axes (transpose and flip, which ONNX exports)."""
    for _ in range(times):
        w = w.transpose(-2, -1).flip(-2)
    return w


class C8Conv(nn.Module):
    """A convolution with C8 regular fields on its output: one smooth learned filter per (field, input channel),
    rotated by r * 45 degrees for output orientation r (rot90 of the filter or of its bilinear 45-degree rotation).
    The lifting layer takes plain images; the group convolution takes regular fields and, for orientation r, also
    shifts the input orientation channels by r (unless `shift` is off: the planted bug)."""

    def __init__(self, cin: int, fields: int, k: int, lifting: bool, shift: bool = True):
        super().__init__()
        self.k = k
        self.fields = fields
        self.lifting = lifting
        self.shift = shift
        shape = (fields, cin, k, k) if lifting else (fields, cin // 8, 8, k, k)
        self.weight = nn.Parameter(torch.randn(shape) / math.sqrt(cin * k * k / 8))
        self.bias = nn.Parameter(torch.zeros(fields))
        self.register_buffer("smooth", filter_smoothing(k).to(torch.float32))
        self.register_buffer("rot45", filter_rotation(k, math.pi / 4).to(torch.float32))

    def forward(self, x):
        k = self.k
        w = (self.weight.reshape(-1, k * k) @ self.smooth.T).reshape(self.weight.shape)
        w45 = (w.reshape(-1, k * k) @ self.rot45.T).reshape(self.weight.shape)
        turned: List[torch.Tensor] = []
        for r in range(8):
            t = rot90(w if r % 2 == 0 else w45, r // 2)
            if not self.lifting and self.shift:
                t = torch.roll(t, r, dims=2)   # t[:, :, s] = v[:, :, s - r]
            turned.append(t)
        kernel = torch.stack(turned, 1)
        s = self.weight.shape
        if self.lifting:
            kernel = kernel.reshape(s[0] * 8, s[1], k, k)
        else:
            kernel = kernel.reshape(s[0] * 8, s[1] * 8, k, k)
        bias = self.bias.repeat_interleave(8)
        return F.conv2d(x, kernel, bias, padding=k // 2)


class GroupPool(nn.Module):
    """The mean over the 8 orientations of each C8 regular field."""

    def forward(self, x):
        return x.reshape(x.shape[0], x.shape[1] // 8, 8, x.shape[2], x.shape[3]).mean(2)


class GlobalMean(nn.Module):
    def forward(self, x):
        return x.mean(3).mean(2)


class C8SteerableCnn(nn.Module):
    """The DJL test model's architecture (dev.equivariance.models.C8SteerableCnn): images (B, 1, 29, 29) -> lifting
    to 2 C8 regular fields (9 x 9 filters) -> ReLU -> group convolution to 2 fields -> ReLU -> group pooling -> global
    mean: 2 invariant features. Approximately invariant under C8, exactly under C4."""

    def __init__(self, shift: bool = True):
        super().__init__()
        self.lifting = C8Conv(1, 2, 9, lifting=True)
        self.relu1 = nn.ReLU()
        self.group_conv = C8Conv(16, 2, 9, lifting=False, shift=shift)
        self.relu2 = nn.ReLU()
        self.pool = GroupPool()
        self.readout = GlobalMean()

    def forward(self, x):
        return self.readout(self.pool(self.relu2(self.group_conv(self.relu1(self.lifting(x))))))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.lifting(x)
        b = self.relu1(a)
        c = self.group_conv(b)
        d = self.relu2(c)
        e = self.pool(d)
        return [a, b, c, d, e, self.readout(e)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["lifting", "relu1", "group_conv", "relu2", "pool", "readout"]


def check_c8(module: nn.Module):
    """Before export: exact under quarter turns, approximate under an eighth turn, for a smooth image."""
    size = 29
    c = (size - 1) / 2
    idx = torch.arange(size, dtype=torch.float64)
    i, j = torch.meshgrid(idx, idx, indexing="ij")
    x = (torch.exp(-((i - c - 3) ** 2 + (j - c + 2) ** 2) / 32) - torch.exp(-((i - c + 4) ** 2 + (j - c) ** 2) / 32))
    x = x.reshape(1, 1, size, size).to(next(module.parameters()).dtype)
    fx = module(x)
    quarter = (module(torch.rot90(x, 1, dims=(2, 3))) - fx).norm() / fx.norm()
    eighth = (module(rotate(x, math.pi / 4, "bicubic")) - fx).norm() / fx.norm()
    print("  C8 check: quarter turn %.2e, eighth turn %.2e" % (quarter.item(), eighth.item()))
    assert quarter < 1e-5 and 1e-5 < eighth < 1e-2


class SetAttention(nn.Module):
    """Self-attention over the points of a set, (B, N, 3) -> (B, N, 8): biased query, key and value projections
    of each point, weights softmax(q k^T / sqrt(8)) over the points. Permutation-equivariant. Softmax ignores a
    shift of all logits of a row, so the key bias's true gradient is exactly zero. Twin of models.SetAttention."""

    def __init__(self, dim: int = 8):
        super().__init__()
        self.query = nn.Linear(3, dim)
        self.key = nn.Linear(3, dim)
        self.value = nn.Linear(3, dim)
        self.scale = 1.0 / math.sqrt(dim)

    def forward(self, x):
        q = self.query(x)
        k = self.key(x)
        v = self.value(x)
        w = torch.softmax(torch.matmul(q, k.transpose(1, 2)) * self.scale, dim=-1)
        return torch.matmul(w, v)


class EgnnCoordinates(nn.Module):
    """y_i = phi(|x_i|) x_i + sum_j psi(|x_i - x_j|^2) (x_i - x_j): O(3) x S(n)-equivariant.
    Twin of models.EgnnCoordinates."""

    def __init__(self, hidden: int = 8):
        super().__init__()
        self.phi = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        self.psi = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, x):
        norm = torch.linalg.norm(x, dim=-1, keepdim=True)
        diff = x.unsqueeze(2) - x.unsqueeze(1)
        dist2 = (diff * diff).sum(dim=-1, keepdim=True)
        return self.phi(norm) * x + (self.psi(dist2) * diff).sum(dim=2)


class EgnnWithRelu(nn.Module):
    """Two EGNN coordinate updates with a ReLU on the coordinates between them: the ReLU breaks rotations."""

    def __init__(self):
        super().__init__()
        self.egnn1 = EgnnCoordinates()
        self.relu = nn.ReLU()
        self.egnn2 = EgnnCoordinates()

    def forward(self, x):
        return self.egnn2(self.relu(self.egnn1(x)))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.egnn1(x)
        b = self.relu(a)
        return [a, b, self.egnn2(b)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["egnn1", "relu", "egnn2"]


class P4Lifting(nn.Module):
    """p4 lifting convolution (B, Cin, H, W) -> (B, 4 * fields, H, W): orientation r correlates with the kernel
    turned r times, channel c * 4 + r. Twin of models.C4LiftingConv.equivariant."""

    def __init__(self, cin: int, fields: int, k: int):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fields, cin, k, k) / math.sqrt(cin * k * k))
        self.bias = nn.Parameter(0.1 * torch.randn(fields))
        self.pad = k // 2

    def forward(self, x):
        turned = [torch.rot90(self.weight, r, [2, 3]) for r in range(4)]
        w = torch.stack(turned, 1)
        w = w.reshape(w.shape[0] * 4, w.shape[2], w.shape[3], w.shape[4])
        b = self.bias.reshape(-1, 1).repeat(1, 4).reshape(-1)
        return torch.nn.functional.conv2d(x, w, b, padding=self.pad)


class P4GroupConv(nn.Module):
    """p4 group convolution (B, 4 * fin, H, W) -> (B, 4 * fields, H, W): the filter for output rotation r is the
    kernel (fields, fin, 4, k, k) turned r times AND with its input-rotation axis shifted by r. With
    shift=False the shift is forgotten: the layer is not equivariant. Twin of models.P4GroupConv."""

    def __init__(self, fin: int, fields: int, k: int, shift: bool):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fields, fin, 4, k, k) / math.sqrt(fin * 4 * k * k))
        self.bias = nn.Parameter(0.1 * torch.randn(fields))
        self.pad = k // 2
        self.shift = shift

    def forward(self, x):
        filters = []
        for r in range(4):
            w = torch.roll(self.weight, r, 2) if self.shift else self.weight
            filters.append(torch.rot90(w, r, [3, 4]))
        w = torch.stack(filters, 1)
        w = w.reshape(w.shape[0] * 4, w.shape[2] * 4, w.shape[4], w.shape[5])
        b = self.bias.reshape(-1, 1).repeat(1, 4).reshape(-1)
        return torch.nn.functional.conv2d(x, w, b, padding=self.pad)


class P4Net(nn.Module):
    """Lifting, ReLU, group convolution, ReLU: p4 feature maps out."""

    def __init__(self, shift: bool):
        super().__init__()
        self.lift = P4Lifting(1, 2, 3)
        self.act1 = nn.ReLU()
        self.gconv = P4GroupConv(2, 2, 3, shift)
        self.act2 = nn.ReLU()

    def forward(self, x):
        return self.act2(self.gconv(self.act1(self.lift(x))))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.lift(x)
        b = self.act1(a)
        c = self.gconv(b)
        return [a, b, c, self.act2(c)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["lift", "act1", "gconv", "act2"]


class GlobalAveragePool(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


class SmallCnn(nn.Module):
    """Two 3x3 convolutions with ReLU, global average pooling, a linear head: invariant to circular shifts with
    padding_mode="circular", not with zero padding. Twin of models.CircularCnn."""

    def __init__(self, padding_mode: str):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 3, 3, padding=1, padding_mode=padding_mode)
        self.act1 = nn.ReLU()
        self.conv2 = nn.Conv2d(3, 3, 3, padding=1, padding_mode=padding_mode)
        self.act2 = nn.ReLU()
        self.pool = GlobalAveragePool()
        self.head = nn.Linear(3, 2)

    def forward(self, x):
        return self.head(self.pool(self.act2(self.conv2(self.act1(self.conv1(x))))))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.conv1(x)
        b = self.act1(a)
        c = self.conv2(b)
        d = self.act2(c)
        e = self.pool(d)
        return [a, b, c, d, e, self.head(e)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["conv1", "act1", "conv2", "act2", "pool", "head"]


class PositionalEmbedding(nn.Module):
    """Adds i / n to every feature of point i: ties features to positions in the set."""

    def forward(self, x):
        n = x.shape[1]
        return x + torch.arange(n, dtype=x.dtype).reshape(1, -1, 1) / n


class SumPool(nn.Module):
    def forward(self, x):
        return x.sum(dim=1)


class LayeredPositionalDeepSets(nn.Module):
    """DeepSets with a positional embedding in front, layer by layer. Twin of
    models.DeepSets.withPositionalEmbedding."""

    def __init__(self, hidden: int = 8):
        super().__init__()
        self.pos = PositionalEmbedding()
        self.phi = nn.Sequential(nn.Linear(3, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.pool = SumPool()
        self.rho = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.rho(self.pool(self.phi(self.pos(x))))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.pos(x)
        b = self.phi(a)
        c = self.pool(b)
        return [a, b, c, self.rho(c)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["pos", "phi", "pool", "rho"]


class ResidualSetBlock(nn.Module):
    """x + out(relu(local(x) + pooled(mean_j x_j))) / 4: permutation-equivariant."""

    def __init__(self, dim: int):
        super().__init__()
        self.local = nn.Linear(dim, dim)
        self.pooled = nn.Linear(dim, dim, bias=False)
        self.out = nn.Linear(dim, dim)

    def forward(self, x):
        h = torch.relu(self.local(x) + self.pooled(x.mean(dim=1, keepdim=True)))
        return x + 0.25 * self.out(h)


class ResidualSetNetwork(nn.Module):
    """An embedding and `depth` residual set blocks, (B, N, 3) -> (B, N, 16): exactly permutation-equivariant;
    float32 round-off of the means adds up over the depth. Twin of models.ResidualSetNetwork."""

    def __init__(self, depth: int, dim: int = 16):
        super().__init__()
        self.embed = nn.Linear(3, dim)
        self.blocks = nn.ModuleList([ResidualSetBlock(dim) for _ in range(depth)])

    def forward(self, x):
        h = self.embed(x)
        for b in self.blocks:
            h = b(h)
        return h

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        h = self.embed(x)
        out = [h]
        for b in self.blocks:
            h = b(h)
            out.append(h)
        return out

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["embed"] + ["blocks." + str(i) for i in range(len(self.blocks))]


class SetBatchNorm(nn.Module):
    """Per-point linear map, batch norm over the features of every point, ReLU, sum over the points, linear head:
    invariant to the order of the points; in training mode the batch statistics couple the samples of a batch.
    Twin of models.FailureModes.setModelWithBatchNorm."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(3, 8)
        self.norm = nn.BatchNorm1d(8)
        self.act = nn.ReLU()
        self.pool = SumPool()
        self.head = nn.Linear(8, 1)

    def normalised(self, h):
        return self.norm(h.transpose(1, 2)).transpose(1, 2)

    def forward(self, x):
        return self.head(self.pool(self.act(self.normalised(self.embed(x)))))

    @torch.jit.export
    def intermediates(self, x) -> List[torch.Tensor]:
        a = self.embed(x)
        b = self.normalised(a)
        c = self.act(b)
        d = self.pool(c)
        return [a, b, c, d, self.head(d)]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["embed", "norm", "act", "pool", "head"]

def save_script(module: nn.Module, name: str):
    module.eval()
    torch.jit.script(module).save(os.path.join(OUT, name))


def save_onnx(module: nn.Module, name: str):
    module.eval()
    example = torch.randn(2, 6, 3)
    torch.onnx.export(module, example, os.path.join(OUT, name), input_names=["points"],
                      output_names=["score"], opset_version=13)


def save_c8_onnx(module: nn.Module, name: str):
    module.eval()
    example = torch.randn(2, 1, 29, 29)
    torch.onnx.export(module, example, os.path.join(OUT, name), input_names=["image"], output_names=["features"],
                      opset_version=13, dynamic_axes={"image": {0: "batch"}, "features": {0: "batch"}})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    save_script(VectorNet(broken=False), "vector_net.pt")
    torch.manual_seed(0)
    save_script(VectorNet(broken=True), "vector_net_biased_mix.pt")
    torch.manual_seed(0)
    save_script(StraightThrough(points=5), "straight_through.pt")
    torch.manual_seed(0)
    save_script(SetAttention(), "set_attention.pt")
    torch.manual_seed(0)
    save_script(EgnnWithRelu(), "egnn_relu.pt")
    torch.manual_seed(0)
    save_script(P4Net(shift=True), "p4_net.pt")
    torch.manual_seed(0)
    save_script(P4Net(shift=False), "p4_net_no_channel_shift.pt")
    torch.manual_seed(0)
    save_script(SmallCnn("zeros"), "cnn_zero_padding.pt")
    torch.manual_seed(0)
    save_script(SmallCnn("circular"), "cnn_circular_padding.pt")
    torch.manual_seed(0)
    save_script(LayeredPositionalDeepSets(), "deepsets_positional.pt")
    torch.manual_seed(0)
    save_script(ResidualSetNetwork(40), "residual_set_40.pt")
    torch.manual_seed(0)
    model = SetBatchNorm()
    model.train()
    for _ in range(3):  # running statistics that are not the initial (0, 1)
        model(torch.randn(8, 6, 3))
    save_script(model, "set_batch_norm.pt")
    torch.manual_seed(0)
    save_onnx(DeepSets(), "deepsets.onnx")
    torch.manual_seed(0)
    save_onnx(PositionalDeepSets(), "deepsets_positional.onnx")
    save_rotation_reference("rotate_reference.txt")
    torch.manual_seed(0)
    c8 = C8SteerableCnn().eval()
    check_c8(c8)
    save_script(c8, "c8_steerable.pt")
    save_c8_onnx(c8, "c8_steerable.onnx")
    c8_64 = C8SteerableCnn().eval()
    c8_64.load_state_dict(c8.state_dict())
    c8_64 = c8_64.double()
    c8_64.lifting.smooth.copy_(filter_smoothing(9))    # the float64 twin keeps its fixed maps in full precision
    c8_64.lifting.rot45.copy_(filter_rotation(9, math.pi / 4))
    c8_64.group_conv.smooth.copy_(filter_smoothing(9))
    c8_64.group_conv.rot45.copy_(filter_rotation(9, math.pi / 4))
    check_c8(c8_64)
    save_script(c8_64, "c8_steerable_f64.pt")
    torch.manual_seed(0)
    save_script(C8SteerableCnn(shift=False), "c8_steerable_unshifted.pt")
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")
