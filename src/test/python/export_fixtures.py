#!/usr/bin/python3
"""Exports the small TorchScript and ONNX models the tests audit.

Run with Debian's torch (apt-get install python3-torch python3-onnx):

    /usr/bin/python3 src/test/python/export_fixtures.py

The files land in src/test/resources/fixtures/ and are committed, so the build needs no Python.
Every module exports `intermediates` (the activation after each top-level child, for the layer-wise
audit) and `layer_names` (their names).
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


def rotation_grid(angle: float, size: int, dtype=torch.float64):
    """The sampling grid of a rotation by `angle` about the centre of a size x size image, in grid_sample's
    normalised coordinates (align_corners=False): the auditor's rotate action samples output pixel (i, j) at the
    pre-image of p = (j - c, c - i), c = (size - 1) / 2, so a positive angle turns the image counter-clockwise as
    displayed (row 0 on top) and a quarter turn is torch.rot90(x, 1, dims=(2, 3)). This is
    F.affine_grid([[cos, -sin, 0], [sin, cos, 0]]) in torch's y-down normalised coordinates."""
    theta = torch.tensor([[[math.cos(angle), -math.sin(angle), 0.0],
                           [math.sin(angle), math.cos(angle), 0.0]]], dtype=dtype)
    grid = F.affine_grid(theta, [1, 1, size, size], align_corners=False)
    # the same grid from the pixel formula the auditor uses
    c = (size - 1) / 2
    i, j = torch.meshgrid(torch.arange(size, dtype=dtype), torch.arange(size, dtype=dtype), indexing="ij")
    px, py = j - c, c - i
    u = math.cos(angle) * px + math.sin(angle) * py + c          # column of the pre-image M^T p
    v = c - (-math.sin(angle) * px + math.cos(angle) * py)       # row of the pre-image
    explicit = torch.stack([(2 * u + 1) / size - 1, (2 * v + 1) / size - 1], dim=-1).unsqueeze(0)
    assert torch.allclose(grid, explicit, atol=1e-12), "affine_grid and the pixel formula disagree"
    return grid


def rotate(x: torch.Tensor, angle: float, mode: str = "bilinear") -> torch.Tensor:
    """Rotates (B, C, S, S) images by `angle` with grid_sample, zeros outside, align_corners=False."""
    grid = rotation_grid(angle, x.shape[-1], x.dtype).expand(x.shape[0], -1, -1, -1)
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


def save_script(module: nn.Module, name: str):
    module.eval()
    torch.jit.script(module).save(os.path.join(OUT, name))


def save_onnx(module: nn.Module, name: str):
    module.eval()
    example = torch.randn(2, 6, 3)
    torch.onnx.export(module, example, os.path.join(OUT, name), input_names=["points"],
                      output_names=["score"], opset_version=13)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    save_script(VectorNet(broken=False), "vector_net.pt")
    torch.manual_seed(0)
    save_script(VectorNet(broken=True), "vector_net_biased_mix.pt")
    torch.manual_seed(0)
    save_script(StraightThrough(points=5), "straight_through.pt")
    torch.manual_seed(0)
    save_onnx(DeepSets(), "deepsets.onnx")
    torch.manual_seed(0)
    save_onnx(PositionalDeepSets(), "deepsets_positional.onnx")
    save_rotation_reference("rotate_reference.txt")
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")
