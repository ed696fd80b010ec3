#!/usr/bin/python3
"""Exports the TorchScript and ONNX fixtures of the batch-axis tests: graph models without a batch axis (as
PyTorch Geometric and e3nn write them) and set models whose rows interact through batch statistics.

Run with Debian's torch (apt-get install python3-torch python3-onnx):

    /usr/bin/python3 src/test/python/export_graph_fixtures.py

The files land in src/test/resources/fixtures/ and are committed, so the build needs no Python.
"""
import os
from typing import List

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")


class EgnnLayer(nn.Module):
    """One EGNN layer (Satorras et al. 2021) on one fully connected point cloud: x [N, 3], h [N, F], no batch axis."""

    def __init__(self, features: int):
        super().__init__()
        self.phi_e = nn.Sequential(nn.Linear(2 * features + 1, 16), nn.Tanh(), nn.Linear(16, 16))
        self.phi_x = nn.Sequential(nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))
        self.phi_h = nn.Sequential(nn.Linear(features + 16, 16), nn.Tanh(), nn.Linear(16, features))

    def forward(self, x, h):
        n = x.shape[0]
        diff = x.unsqueeze(1) - x.unsqueeze(0)
        dist2 = (diff * diff).sum(dim=-1, keepdim=True)
        hi = h.unsqueeze(1).expand(n, n, h.shape[1])
        hj = h.unsqueeze(0).expand(n, n, h.shape[1])
        m = self.phi_e(torch.cat([hi, hj, dist2], dim=-1))
        moved = x + (diff * self.phi_x(m)).sum(dim=1) / max(1, n - 1)
        updated = h + self.phi_h(torch.cat([h, m.sum(dim=1)], dim=-1))
        return moved, updated


class Egnn(nn.Module):
    """Two EGNN layers: E(3) x S(N) equivariant. The broken twin applies ReLU to the coordinates in between."""

    def __init__(self, features: int, relu_on_coordinates: bool):
        super().__init__()
        self.layer1 = EgnnLayer(features)
        self.act = nn.ReLU() if relu_on_coordinates else nn.Identity()
        self.layer2 = EgnnLayer(features)

    def forward(self, x, h):
        x, h = self.layer1(x, h)
        x = self.act(x)
        return self.layer2(x, h)

    @torch.jit.export
    def intermediates(self, x, h) -> List[torch.Tensor]:
        x1, h1 = self.layer1(x, h)
        x2 = self.act(x1)
        x3, h3 = self.layer2(x2, h1)
        return [x1, x2, x3]

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["layer1", "act", "layer2"]


class SetWithBatchNorm(nn.Module):
    """sum_i phi(x_i), batch norm over the batch, read-out: (B, N, 3) -> (B, 2). In training mode the batch norm
    normalises with the statistics of the batch, so a sample's output depends on the other samples."""

    def __init__(self):
        super().__init__()
        self.phi = nn.Linear(3, 8)
        self.bn = nn.BatchNorm1d(8)
        self.rho = nn.Linear(8, 2)

    def forward(self, x):
        pooled = torch.tanh(self.phi(x)).sum(dim=1)
        return self.rho(self.bn(pooled))


class SetWithDropout(nn.Module):
    """sum_i phi(x_i) with dropout before the read-out: left on (training mode), every call differs."""

    def __init__(self):
        super().__init__()
        self.phi = nn.Linear(3, 8)
        self.drop = nn.Dropout(0.5)
        self.rho = nn.Linear(8, 2)

    def forward(self, x):
        return self.rho(self.drop(torch.tanh(self.phi(x)).sum(dim=1)))


class RoundOffEnergy(nn.Module):
    """An E(3)-invariant pair energy of one point cloud, x [N, 3] -> [1], sum_ij exp(-|x_i - x_j|^2 / 4), computed from
    positions shifted by a large offset: exact in real arithmetic, but float32 loses digits in x + offset, so the
    float32 module's error is round-off (about 1e-3) that its float64 twin does not have."""

    def __init__(self, offset: float = 20000.0):
        super().__init__()
        self.offset = offset
        self.width = nn.Parameter(torch.tensor(0.25))  # a parameter, so that the file says its dtype

    def forward(self, x):
        y = x + self.offset
        diff = y.unsqueeze(1) - y.unsqueeze(0)
        d2 = (diff * diff).sum(dim=-1)
        return torch.exp(-d2 * self.width).sum().reshape(1)


def script(module: nn.Module, name: str, train: bool = False):
    module.train(train)
    torch.jit.script(module).save(os.path.join(OUT, name))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    script(Egnn(5, relu_on_coordinates=False), "egnn_graph.pt")
    torch.manual_seed(0)
    script(Egnn(5, relu_on_coordinates=True), "egnn_graph_relu.pt")
    torch.manual_seed(0)
    script(SetWithBatchNorm(), "set_batchnorm.pt", train=True)
    torch.manual_seed(0)
    script(SetWithDropout(), "set_dropout.pt", train=True)
    torch.manual_seed(0)
    bn = SetWithBatchNorm()
    bn.train()
    # exported in training mode with a fixed batch of 4 (no dynamic axes): batch norm uses the batch's statistics
    torch.onnx.export(bn, torch.randn(4, 6, 3), os.path.join(OUT, "set_batchnorm_batch4.onnx"),
                      input_names=["points"], output_names=["scores"], opset_version=13,
                      training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False)
    script(RoundOffEnergy(), "energy_roundoff.pt")
    script(RoundOffEnergy().double(), "energy_roundoff_f64.pt")
    for f in ["energy_roundoff.pt", "energy_roundoff_f64.pt", "egnn_graph.pt", "egnn_graph_relu.pt", "set_batchnorm.pt", "set_dropout.pt",
              "set_batchnorm_batch4.onnx"]:
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")
