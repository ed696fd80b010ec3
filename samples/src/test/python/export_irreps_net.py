#!/usr/bin/python3
"""Exports the O(3) point network that IrrepsNetTest audits, as TorchScript.

Run with Debian's torch (apt-get install python3-torch), from the samples directory:

    /usr/bin/python3 src/test/python/export_irreps_net.py

The file lands in src/test/resources/models/irreps_net.pt and is committed, so the build needs no Python.

The network is written in plain torch in the style of e3nn models (no e3nn needed). Features are e3nn irreps,
multiplicity-major along the last axis: "4x1o" is x1, y1, z1, x2, y2, z2, ... Spherical harmonics use e3nn's real
basis with y as the polar axis and 'component' normalisation (|Y^l|^2 = 2l + 1 on the unit sphere).

    positions (B, N, 3)
      embedding    for every point i, sums over the other points j of radial weights R(|r_ij|) times the
                   spherical harmonics Y^l(r_ij / |r_ij|), r_ij = x_j - x_i:         4x0e + 4x1o + 2x2e
      interaction  invariants (scalars, |v|^2, |t|^2) through an MLP give new scalars and gates; vectors are
                   mixed linearly, coupled with the degree-2 features (2e x 1o -> 1o, written as the symmetric
                   traceless matrix of the 2e feature times the vector) and gated by sigmoid(scalar):
                                                                                       4x0e + 4x1o
      readout      one scalar and one vector per point:                                1x0e + 1x1o

Only relative positions enter, and every operation maps irreps to irreps, so the network is equivariant under
O(3) (rotations and the inversion), under translations, and under relabelling the points: E(3) x S(n).
`intermediates` returns the activation after each stage and `layer_names` their names, for the layer-wise audit.
"""
import math
import os
from typing import List

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "models")

def sh1(u):
    """Degree-1 harmonics of unit vectors (..., 3): sqrt(3) (x, y, z)."""
    return math.sqrt(3.0) * u


def sh2(u):
    """Degree-2 harmonics of unit vectors (..., 3) in e3nn's order m = -2..2 (y polar): (..., 5)."""
    sqrt5 = math.sqrt(5.0)
    sqrt15 = math.sqrt(15.0)
    x = u[..., 0]
    y = u[..., 1]
    z = u[..., 2]
    return torch.stack([
        sqrt15 * x * z,
        sqrt15 * x * y,
        sqrt5 * (y * y - 0.5 * (x * x + z * z)),
        sqrt15 * y * z,
        0.5 * sqrt15 * (z * z - x * x),
    ], dim=-1)


def traceless_matrix(t):
    """The symmetric traceless 3x3 matrix S with sh2 = the degree-2 part of S (..., 5) -> (..., 3, 3).

    sh2(u) is linear in the traceless part of u u^T; this inverts that map, so a 2e feature t becomes the matrix
    that rotates as R S R^T, and S v couples 2e with 1o to 1o.
    """
    sqrt5 = math.sqrt(5.0)
    sqrt15 = math.sqrt(15.0)
    a = t[..., 0] / sqrt15            # S_xz
    b = t[..., 1] / sqrt15            # S_xy
    yy = t[..., 2] * 2.0 / (3.0 * sqrt5)
    d = t[..., 3] / sqrt15            # S_yz
    zx = t[..., 4] * 2.0 / sqrt15     # S_zz - S_xx
    xx = -0.5 * (yy + zx)
    zz = -0.5 * (yy - zx)
    rows = [
        torch.stack([xx, b, a], dim=-1),
        torch.stack([b, yy, d], dim=-1),
        torch.stack([a, d, zz], dim=-1),
    ]
    return torch.stack(rows, dim=-2)


class Embedding(nn.Module):
    """Point cloud -> 4x0e + 4x1o + 2x2e per point, from neighbours weighted by a radial MLP."""

    def __init__(self, scalars: int, vectors: int, tensors: int, basis: int = 8, cutoff: float = 4.0):
        super().__init__()
        self.scalars = scalars
        self.vectors = vectors
        self.tensors = tensors
        self.register_buffer("centers", torch.linspace(0.0, cutoff, basis))
        self.width = cutoff / (basis - 1)
        self.radial = nn.Sequential(nn.Linear(basis, 16), nn.SiLU(), nn.Linear(16, scalars + vectors + tensors))

    def forward(self, pos):
        rel = pos.unsqueeze(1) - pos.unsqueeze(2)                         # (B, N, N, 3): x_j - x_i at [i, j]
        r2 = (rel * rel).sum(dim=-1, keepdim=True)
        r = torch.sqrt(r2 + 1e-12)                                        # smooth at r = 0 (the pair i, i)
        unit = rel / r                                                    # 0 for the pair i, i
        n = pos.shape[1]
        others = 1.0 - torch.eye(n, dtype=pos.dtype, device=pos.device).unsqueeze(-1)   # leave out j = i
        basis = torch.exp(-((r - self.centers) / self.width) ** 2)        # (B, N, N, basis)
        w = self.radial(basis) * others                                   # (B, N, N, S + V + T)
        ws = w[..., :self.scalars]
        wv = w[..., self.scalars:self.scalars + self.vectors]
        wt = w[..., self.scalars + self.vectors:]
        s = ws.sum(dim=2)                                                 # (B, N, S)         0e
        v = (wv.unsqueeze(-1) * sh1(unit).unsqueeze(-2)).sum(dim=2)       # (B, N, V, 3)      1o
        t = (wt.unsqueeze(-1) * sh2(unit).unsqueeze(-2)).sum(dim=2)       # (B, N, T, 5)      2e
        return torch.cat([s, v.flatten(2), t.flatten(2)], dim=-1)


class Interaction(nn.Module):
    """4x0e + 4x1o + 2x2e -> 4x0e + 4x1o: scalar MLP on invariants, linear and 2e x 1o paths, gates."""

    def __init__(self, scalars: int, vectors: int, tensors: int):
        super().__init__()
        self.scalars = scalars
        self.vectors = vectors
        self.tensors = tensors
        invariants = scalars + vectors + tensors
        self.mlp = nn.Sequential(nn.Linear(invariants, 16), nn.SiLU(), nn.Linear(16, scalars + vectors))
        self.mix = nn.Linear(vectors, vectors, bias=False)                       # 1o -> 1o, across channels
        self.couple = nn.Parameter(torch.randn(tensors, vectors, vectors) / vectors)  # 2e x 1o -> 1o weights

    def forward(self, h):
        b, n = h.shape[0], h.shape[1]
        s = h[..., :self.scalars]
        v = h[..., self.scalars:self.scalars + 3 * self.vectors].reshape(b, n, self.vectors, 3)
        t = h[..., self.scalars + 3 * self.vectors:].reshape(b, n, self.tensors, 5)
        invariants = torch.cat([s, (v * v).sum(dim=-1), (t * t).sum(dim=-1)], dim=-1)
        out = self.mlp(invariants)
        scalars = torch.tanh(out[..., :self.scalars])                           # 0e through a nonlinearity
        gates = torch.sigmoid(out[..., self.scalars:])                          # 0e gates for the vectors
        linear = self.mix(v.transpose(-1, -2)).transpose(-1, -2)                # (B, N, V, 3)
        m = traceless_matrix(t)                                                 # (B, N, T, 3, 3)
        sv = torch.einsum("bntij,bnvj->bntvi", m, v)                            # S_t v_v: (B, N, T, V, 3)
        coupled = torch.einsum("bntvi,tvw->bnwi", sv, self.couple)              # (B, N, V, 3)
        vectors = (linear + coupled) * gates.unsqueeze(-1)
        return torch.cat([scalars, vectors.flatten(2)], dim=-1)


class Readout(nn.Module):
    """4x0e + 4x1o -> 1x0e + 1x1o."""

    def __init__(self, scalars: int, vectors: int):
        super().__init__()
        self.scalars = scalars
        self.vectors = vectors
        self.scalar = nn.Linear(scalars, 1)
        self.vector = nn.Linear(vectors, 1, bias=False)

    def forward(self, h):
        b, n = h.shape[0], h.shape[1]
        s = h[..., :self.scalars]
        v = h[..., self.scalars:].reshape(b, n, self.vectors, 3)
        return torch.cat([self.scalar(s), self.vector(v.transpose(-1, -2)).squeeze(-1)], dim=-1)


class IrrepsNet(nn.Module):
    """Positions (B, N, 3) -> 1x0e + 1x1o per point (B, N, 4)."""

    def __init__(self):
        super().__init__()
        self.embedding = Embedding(scalars=4, vectors=4, tensors=2)
        self.interaction = Interaction(scalars=4, vectors=4, tensors=2)
        self.readout = Readout(scalars=4, vectors=4)

    def forward(self, pos):
        return self.readout(self.interaction(self.embedding(pos)))

    @torch.jit.export
    def intermediates(self, pos) -> List[torch.Tensor]:
        a = self.embedding(pos)
        b = self.interaction(a)
        c = self.readout(b)
        return [a, b, c]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["embedding", "interaction", "readout"]


def check(model: nn.Module):
    """A rotation with inversion, a shift and a relabelling of the points change the output as declared."""
    torch.manual_seed(1)
    pos = torch.randn(2, 6, 3, dtype=torch.float64)
    q, _ = torch.linalg.qr(torch.randn(3, 3, dtype=torch.float64))
    g = -q                                                      # an improper or proper orthogonal matrix
    perm = torch.randperm(6)
    shift = torch.randn(3, dtype=torch.float64)
    m = model.double()
    out = m(pos)
    moved = m(pos[:, perm] @ g.T + shift)
    parity = torch.det(g)
    expected = torch.cat([out[:, perm, :1], out[:, perm, 1:] @ g.T], dim=-1)
    error = (moved - expected).norm() / expected.norm()
    print("relative equivariance error (float64): %.3e (det g = %+.0f)" % (error.item(), parity.item()))
    assert error < 1e-10
    m.float()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    net = IrrepsNet()
    check(net)
    net.eval()
    path = os.path.normpath(os.path.join(OUT, "irreps_net.pt"))
    torch.jit.script(net).save(path)
    print(path, os.path.getsize(path), "bytes")
