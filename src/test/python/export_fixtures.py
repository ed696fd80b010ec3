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
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")
