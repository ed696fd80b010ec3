#!/usr/bin/python3
"""Exports an e3nn-style gate network on points as TorchScript, in plain torch (no e3nn needed).

Run with Debian's torch (apt-get install python3-torch):

    /usr/bin/python3 src/test/python/export_gate_fixtures.py

Each row of the input [points, 10] holds the irreps 4x0e + 2x1o (4 scalars, then 2 vectors, multiplicity-major as
in e3nn); each row of the output [points, 10] holds 2x0e + 1x1o + 1x2e. Rows are independent points, so the rows
axis is a batch axis. The layers are e3nn's: a linear layer per degree l (scalars mix with scalars and get a bias,
vectors mix with vectors and get none), a gate (scalars through SiLU, gate scalars through a sigmoid multiplying the
l > 0 irreps), and the tensor product 1o x 1o -> 2e of the two vectors. The 2e components are the l = 2 real spherical
harmonics of the auditor (dev.equivariance.rep.SphericalHarmonics: y polar, m = -2..2),

    sqrt(15) xz, sqrt(15) xy, sqrt(5) (y^2 - (x^2 + z^2) / 2), sqrt(15) yz, sqrt(15) / 2 (z^2 - x^2),

polarised into the bilinear form of two vectors, so the model is exactly O(3)-equivariant under the auditor's
irreps actions. The broken twin lists the 2e components in another order (xy before xz), the kind of basis mix-up
that breaks the symmetry of the 2e output only.
"""
import math
import os

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")


class SphericalPair(nn.Module):
    """1o x 1o -> 2e: the symmetric traceless part of u v^T in the l = 2 real spherical harmonic basis."""

    def __init__(self, broken: bool):
        super().__init__()
        self.broken = broken

    def forward(self, u, v):
        ux, uy, uz = u[:, 0], u[:, 1], u[:, 2]
        vx, vy, vz = v[:, 0], v[:, 1], v[:, 2]
        c = math.sqrt(15.0) / 2.0
        xz = c * (ux * vz + uz * vx)
        xy = c * (ux * vy + uy * vx)
        zz = math.sqrt(5.0) * (uy * vy - 0.5 * (ux * vx + uz * vz))
        yz = c * (uy * vz + uz * vy)
        diff = c * (uz * vz - ux * vx)
        if self.broken:
            return torch.stack([xy, xz, zz, yz, diff], dim=-1)
        return torch.stack([xz, xy, zz, yz, diff], dim=-1)


class GateNetwork(nn.Module):
    """Points [N, 4x0e + 2x1o] -> [N, 2x0e + 1x1o + 1x2e]: linear per l, gate, tensor product, linear per l."""

    def __init__(self, broken: bool):
        super().__init__()
        # linear per l: 4 scalars -> 2 scalars + 3 gates (with bias); 2 vectors -> 2 vectors (no bias)
        self.scalars_in = nn.Linear(4, 5)
        self.vectors_in = nn.Parameter(torch.randn(2, 2) / math.sqrt(2.0))
        self.pair = SphericalPair(broken)
        # linear per l on the gated features: 2 scalars -> 2, 2 vectors -> 1, one 2e -> one 2e
        self.scalars_out = nn.Linear(2, 2)
        self.vectors_out = nn.Parameter(torch.randn(2, 1) / math.sqrt(2.0))
        self.tensor_out = nn.Parameter(torch.randn(1))

    def forward(self, x):
        n = x.shape[0]
        s = self.scalars_in(x[:, 0:4])
        vectors = x[:, 4:10].reshape(n, 2, 3)
        mixed = torch.einsum("nic,io->noc", vectors, self.vectors_in)
        scalars = torch.nn.functional.silu(s[:, 0:2])
        gates = torch.sigmoid(s[:, 2:5])
        gated = mixed * gates[:, 0:2].unsqueeze(-1)
        tensor = self.pair(mixed[:, 0], mixed[:, 1]) * gates[:, 2:3]
        out_scalars = torch.tanh(self.scalars_out(scalars))
        out_vector = torch.einsum("nic,io->noc", gated, self.vectors_out).reshape(n, 3)
        out_tensor = tensor * self.tensor_out
        return torch.cat([out_scalars, out_vector, out_tensor], dim=-1)


def wigner_check(model: nn.Module) -> float:
    """The largest difference of f(x R_in^T) and f(x) R_out^T for a random rotation, with D^2 from the harmonics."""
    torch.manual_seed(3)
    q, _ = torch.linalg.qr(torch.randn(3, 3, dtype=torch.float64))
    if torch.det(q) < 0:
        q = -q
    pair = SphericalPair(False)
    # D^2 by least squares: Y2(R v) = D2 Y2(v) for many v
    v = torch.randn(64, 3, dtype=torch.float64)
    y = pair(v, v)
    yr = pair(v @ q.T, v @ q.T)
    d2 = torch.linalg.lstsq(y, yr).solution.T
    d_in = torch.block_diag(torch.eye(4, dtype=torch.float64), q, q)
    d_out = torch.block_diag(torch.eye(2, dtype=torch.float64), q, d2)
    m = model.double()
    x = torch.randn(5, 10, dtype=torch.float64)
    gap = (m(x @ d_in.T) - m(x) @ d_out.T).abs().max().item()
    model.float()
    return gap


def main():
    torch.manual_seed(11)
    good = GateNetwork(broken=False).eval()
    torch.manual_seed(11)
    broken = GateNetwork(broken=True).eval()
    print("gate network equivariance gap (float64):", wigner_check(good))
    print("broken twin gap (float64):", wigner_check(broken))
    torch.jit.script(good).save(os.path.join(OUT, "gate_network.pt"))
    torch.jit.script(broken).save(os.path.join(OUT, "gate_network_basis_swap.pt"))


if __name__ == "__main__":
    main()
